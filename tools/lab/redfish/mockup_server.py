"""A small Redfish service that serves a mockup directory over HTTPS with HTTP basic auth.

Layout as in DMTF's Redfish mockups: the resource /redfish/v1/Chassis/1/Power is the file
<mockup>/redfish/v1/Chassis/1/Power/index.json. Files are read on every request, so the lab can
plant a fault (a failed PSU, a stopped fan, a hot sensor) by rewriting a file, without a restart.
Read-only: GET and HEAD; anything else is answered 405.

Usage: python mockup_server.py --mockup DIR --cert CRT --key KEY --auth-file FILE [--port 443]
The auth file is JSON {"username": ..., "sha256": <hex of the password>} (no password in argv).
"""
import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import posixpath
import ssl
import urllib.parse

OPEN_PATHS = {'/redfish', '/redfish/v1'}      # the service root needs no credentials (Redfish spec)


def error_body(status, message):
    return {'error': {'code': 'Base.1.8.GeneralError', 'message': message,
                      '@Message.ExtendedInfo': [{'MessageId': 'Base.1.8.%s' % status, 'Message': message}]}}


class RedfishHandler(http.server.BaseHTTPRequestHandler):
    """GET of mockup files; the server object carries `mockup`, `username` and `digest`."""
    server_version = 'medops-lab-redfish/1.0'
    protocol_version = 'HTTP/1.1'

    def _send(self, status, body, extra_headers=()):
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        self.send_header('OData-Version', '4.0')
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(data)

    def _authorized(self):
        header = self.headers.get('Authorization', '')
        if not header.startswith('Basic '):
            return False
        try:
            user, _sep, password = base64.b64decode(header[6:], validate=True).decode().partition(':')
        except (ValueError, UnicodeDecodeError):
            return False
        digest = hashlib.sha256(password.encode()).hexdigest()
        return user == self.server.username and hmac.compare_digest(digest, self.server.digest)

    def do_GET(self):  # pylint: disable=invalid-name  # name fixed by BaseHTTPRequestHandler
        path = posixpath.normpath(urllib.parse.urlsplit(self.path).path)
        if path not in OPEN_PATHS and not self._authorized():
            self._send(401, error_body('InsufficientPrivilege', 'authentication required'),
                       [('WWW-Authenticate', 'Basic realm="Redfish"')])
            return
        if path == '/redfish':
            self._send(200, {'v1': '/redfish/v1/'})
            return
        target = os.path.join(self.server.mockup, path.lstrip('/'), 'index.json')
        if not path.startswith('/redfish/v1') or not os.path.isfile(target):
            self._send(404, error_body('ResourceMissingAtURI', 'no resource at %s' % path))
            return
        with open(target, encoding='utf-8') as handle:
            self._send(200, json.load(handle))

    do_HEAD = do_GET

    def _refuse(self):
        self._send(405, error_body('ActionNotSupported', 'this lab BMC is read-only'))

    do_POST = do_PATCH = do_PUT = do_DELETE = _refuse

    def log_request(self, code='-', size='-'):
        """Only failures other than 401 reach the log: a request line per probe would fill it."""
        if str(code)[:1] in ('4', '5') and str(code) != '401':
            super().log_request(code, size)


def main(argv=None):
    parser = argparse.ArgumentParser(description='Serve a Redfish mockup over HTTPS with basic auth.')
    parser.add_argument('--mockup', required=True)
    parser.add_argument('--cert', required=True)
    parser.add_argument('--key', required=True)
    parser.add_argument('--auth-file', required=True)
    parser.add_argument('--address', default='0.0.0.0')
    parser.add_argument('--port', type=int, default=443)
    args = parser.parse_args(argv)
    with open(args.auth_file, encoding='utf-8') as handle:
        auth = json.load(handle)
    server = http.server.ThreadingHTTPServer((args.address, args.port), RedfishHandler)
    server.mockup = os.path.abspath(args.mockup)
    server.username = auth['username']
    server.digest = auth['sha256']
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
