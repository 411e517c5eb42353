# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One HTTP(S) request or TCP connect, measured: status, latency, body and the peer certificate.

Plain http.client and ssl (no extra library); the certificate's notAfter is read from the DER
with `cryptography` (an ansible-core dependency) so it is known even when verification is off.
Nothing here raises on a network problem: the result carries `error` instead.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import hashlib
import datetime
import socket
import ssl
import time

try:
    from http.client import HTTPConnection, HTTPSConnection, HTTPException
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - Python 2 targets never run this controller-side code
    HTTPConnection = HTTPSConnection = HTTPException = urlsplit = None

try:
    from cryptography import x509
    HAS_CRYPTOGRAPHY = True
except ImportError:  # pragma: no cover
    x509 = None
    HAS_CRYPTOGRAPHY = False

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

MAX_BODY = 1024 * 1024


def _context(validate_certs, ca_path):
    if validate_certs:
        return ssl.create_default_context(cafile=ca_path or None)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def cert_not_after(der):
    """notAfter of a DER certificate as an aware UTC datetime, or None."""
    if not der or not HAS_CRYPTOGRAPHY:
        return None
    cert = x509.load_der_x509_certificate(der)
    when = getattr(cert, 'not_valid_after_utc', None)
    if when is None:
        when = cert.not_valid_after.replace(tzinfo=datetime.timezone.utc)
    return when


def days_left(not_after, now=None):
    """Days (one decimal) from now until not_after; negative once expired."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return round((not_after - now).total_seconds() / 86400.0, 2)


def fetch(url, timeout=5.0, user=None, password=None, validate_certs=True, ca_path=None, method='GET', headers=None):
    """GET url once. Returns {'url', 'status', 'body', 'elapsed_ms', 'error', 'not_after', 'tls_error'}."""
    out = {'url': url, 'status': None, 'body': '', 'elapsed_ms': None, 'error': None, 'not_after': None, 'tls_error': None,
           'cert_sha256': None}
    parts = urlsplit(url)
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        out['error'] = said('http.error.not_url', 'not an http(s) URL')
        return out
    path = parts.path or '/'
    if parts.query:
        path += '?' + parts.query
    hdrs = {'User-Agent': 'medops.itops', 'Accept': '*/*', 'Connection': 'close'}
    hdrs.update(headers or {})
    if user is not None:
        token = base64.b64encode(('%s:%s' % (user, password or '')).encode('utf-8')).decode('ascii')
        hdrs['Authorization'] = 'Basic ' + token
    started = time.monotonic()
    if parts.scheme == 'https':
        conn = HTTPSConnection(parts.hostname, parts.port or 443, timeout=timeout, context=_context(validate_certs, ca_path))
    else:
        conn = HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        conn.request(method, path, headers=hdrs)
        if parts.scheme == 'https' and conn.sock is not None:
            try:
                der = conn.sock.getpeercert(binary_form=True)
                out['not_after'] = cert_not_after(der)
                # The certificate's identity: one finding per certificate however it was seen.
                out['cert_sha256'] = hashlib.sha256(der).hexdigest() if der else None
            except ValueError as exc:
                out['tls_error'] = 'unreadable certificate: %s' % exc
        resp = conn.getresponse()
        body = resp.read(MAX_BODY)
        out['status'] = resp.status
        out['body'] = body.decode(resp.headers.get_content_charset() or 'utf-8', errors='replace')
    except ssl.SSLCertVerificationError as exc:
        out['error'] = said('http.error.cert_verify', 'certificate verification failed: {reason!q}', reason=str(exc.verify_message or exc))
        out['tls_error'] = out['error']
    except ssl.SSLError as exc:
        out['error'] = said('http.error.tls', 'TLS handshake failed: {reason!q}', reason=str(exc.reason or exc))
        out['tls_error'] = out['error']
    except socket.timeout:
        out['error'] = no_answer(timeout)
    except (OSError, HTTPException) as exc:
        out['error'] = _describe(exc)
    finally:
        conn.close()
    out['elapsed_ms'] = round((time.monotonic() - started) * 1000.0, 1)
    return out


def tcp_connect(host, port, timeout=5.0):
    """Open and close a TCP connection: {'elapsed_ms', 'error'}."""
    started = time.monotonic()
    error = None
    try:
        sock = socket.create_connection((host, int(port)), timeout=timeout)
        sock.close()
    except socket.timeout:
        error = no_answer(timeout)
    except OSError as exc:
        error = _describe(exc)
    return {'elapsed_ms': round((time.monotonic() - started) * 1000.0, 1), 'error': error}


def no_answer(timeout):
    return said('http.error.no_answer', 'no answer within {timeout:g} s', timeout=float(timeout))


def failed(where, error):
    """'<where>: <error>' of a fetch() or tcp_connect() error, said in one piece: ours translated, the system's quoted."""
    ours, params = getattr(error, 'detail_id', None), getattr(error, 'params', None) or {}
    if ours == 'http.error.no_answer':
        return said('http.failed.no_answer', '{where}: no answer within {timeout:g} s', where=where, timeout=params['timeout'])
    if ours == 'http.error.cert_verify':
        return said('http.failed.cert_verify', '{where}: certificate verification failed: {reason!q}', where=where, reason=params['reason'])
    if ours == 'http.error.tls':
        return said('http.failed.tls', '{where}: TLS handshake failed: {reason!q}', where=where, reason=params['reason'])
    if ours == 'http.error.not_url':
        return said('http.failed.not_url', '{where}: not an http(s) URL', where=where)
    return said('http.failed', '{where}: {error!q}', where=where, error=str(error))


def _describe(exc):
    text = getattr(exc, 'strerror', None) or str(exc) or exc.__class__.__name__
    return '%s (%s)' % (text, exc.__class__.__name__) if text != exc.__class__.__name__ else text
