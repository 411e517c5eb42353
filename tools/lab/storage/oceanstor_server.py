"""An OceanStor DeviceManager REST emulator over HTTPS, serving one array's data file.

  POST   /deviceManager/rest/xxxxx/sessions   {username, password, scope} -> data {iBaseToken, deviceid, ...}
  GET    /deviceManager/rest/<deviceid>/system/ | /storagepool | /disk | /alarm/currentalarm
  DELETE /deviceManager/rest/<deviceid>/sessions
Every answer is HTTP 200 with {"data": ..., "error": {"code": 0, "description": "0"}}, as the
array does; a bad login answers error code 1077949061, a request without a valid iBaseToken
header -401, a resource the data file does not have error 50331651. The data file (JSON, from
arrays.py) is read on every request, so rewriting it plants a fault without a restart.

Usage: python oceanstor_server.py --data FILE --cert CRT --key KEY --auth-file FILE [--port 8088]
"""
import argparse
import hashlib
import hmac
import http.server
import json
import secrets
import ssl
import threading
import urllib.parse

RESOURCES = {'system': 'system', 'storagepool': 'storagepool', 'disk': 'disk', 'alarm/currentalarm': 'alarm'}
BAD_LOGIN = 1077949061
UNAUTHORIZED = -401


class OceanStorHandler(http.server.BaseHTTPRequestHandler):
    server_version = 'medops-lab-oceanstor/1.0'
    protocol_version = 'HTTP/1.1'

    def _send(self, data, code=0, description='0', cookie=None):
        body = json.dumps({'data': data, 'error': {'code': code, 'description': description}}, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json;charset=UTF-8')
        self.send_header('Content-Length', str(len(body)))
        if cookie:
            self.send_header('Set-Cookie', 'session=ismsession=%s; Path=/; Secure; HttpOnly' % cookie)
        self.end_headers()
        self.wfile.write(body)

    def _data(self):
        with open(self.server.data_file, encoding='utf-8') as handle:
            return json.load(handle)

    def _parts(self):
        path = urllib.parse.urlsplit(self.path).path.rstrip('/')
        prefix = '/deviceManager/rest/'
        if not path.startswith(prefix):
            return None, None
        device, _sep, rest = path[len(prefix):].partition('/')
        return device, rest

    def _session_ok(self, device):
        token = self.headers.get('iBaseToken', '')
        with self.server.lock:
            return device == self._data()['deviceid'] and token in self.server.tokens

    def do_POST(self):  # pylint: disable=invalid-name  # name fixed by BaseHTTPRequestHandler
        device, rest = self._parts()
        if rest != 'sessions' or device is None:
            self._send({}, UNAUTHORIZED, 'unauthorized')
            return
        length = int(self.headers.get('Content-Length') or 0)
        try:
            body = json.loads(self.rfile.read(length) or b'{}')
        except ValueError:
            body = {}
        digest = hashlib.sha256(str(body.get('password', '')).encode()).hexdigest()
        if body.get('username') != self.server.username or not hmac.compare_digest(digest, self.server.digest):
            self._send({}, BAD_LOGIN, 'The user name or password is incorrect.')
            return
        token = secrets.token_hex(16)
        with self.server.lock:
            self.server.tokens.add(token)
        data = self._data()
        self._send({'deviceid': data['deviceid'], 'iBaseToken': token, 'accountstate': 1, 'username': body['username'],
                    'userid': body['username'], 'userscope': '0', 'level': 2, 'lastloginip': self.client_address[0]},
                   cookie=secrets.token_hex(8))

    def do_GET(self):  # pylint: disable=invalid-name
        device, rest = self._parts()
        if device is None or not self._session_ok(device):
            self._send({}, UNAUTHORIZED, 'unauthorized')
            return
        key = RESOURCES.get(rest)
        data = self._data()
        if key is None or key not in data:      # a resource the data file leaves out answers as an unknown object
            self._send({}, 50331651, 'The object does not exist.')
            return
        self._send(data[key])

    def do_DELETE(self):  # pylint: disable=invalid-name
        _device, rest = self._parts()
        token = self.headers.get('iBaseToken', '')
        with self.server.lock:
            self.server.tokens.discard(token)
        self._send({} if rest == 'sessions' else None)

    def log_request(self, code='-', size='-'):
        """Nothing per request: the emulator answers 200 to everything, as the array does."""


def main(argv=None):
    parser = argparse.ArgumentParser(description='Serve an OceanStor DeviceManager REST emulator over HTTPS.')
    parser.add_argument('--data', required=True)
    parser.add_argument('--cert', required=True)
    parser.add_argument('--key', required=True)
    parser.add_argument('--auth-file', required=True)
    parser.add_argument('--address', default='0.0.0.0')
    parser.add_argument('--port', type=int, default=8088)
    args = parser.parse_args(argv)
    with open(args.auth_file, encoding='utf-8') as handle:
        auth = json.load(handle)
    server = http.server.ThreadingHTTPServer((args.address, args.port), OceanStorHandler)
    server.data_file = args.data
    server.username, server.digest = auth['username'], auth['sha256']
    server.tokens, server.lock = set(), threading.Lock()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
