# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real HTTP(S) server on loopback that serves recorded answers, for the middleware and custom check tests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import contextlib
import datetime
import os
import ssl
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed(days):
    """(cert PEM path, key PEM path) of a certificate for 127.0.0.1 valid `days` from now."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, u'localhost')])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=days))
            .sign(key, hashes.SHA256()))
    folder = tempfile.mkdtemp(prefix='mw-tls-')
    cert_path, key_path = os.path.join(folder, 'cert.pem'), os.path.join(folder, 'key.pem')
    with open(cert_path, 'wb') as fh:
        fh.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, 'wb') as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


@contextlib.contextmanager
def http_server(routes, auth=None, tls_days=None, tls_files=None):
    """Serve {path with query: (status, body)} on 127.0.0.1; yields the base URL. `auth` = (user, password)."""
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            return

        def do_GET(self):
            if auth is not None and self.path.startswith('/manager'):
                expected = 'Basic ' + base64.b64encode(('%s:%s' % auth).encode()).decode()
                if self.headers.get('Authorization') != expected:
                    self._send(401, '<html>401 Unauthorized</html>')
                    return
            status, body = routes.get(self.path, (404, 'not found'))
            self._send(status, body)

        def _send(self, status, body):
            data = body.encode('utf-8')
            self.send_response(status)
            self.send_header('Content-Type', 'text/plain; charset=utf-8')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    scheme = 'http'
    if tls_days is not None or tls_files:
        cert, key = tls_files or self_signed(tls_days)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
        scheme = 'https'
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield '%s://127.0.0.1:%d' % (scheme, server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
