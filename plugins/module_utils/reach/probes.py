# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Protocol probes: does a device answer, and does it accept our credentials?

Each probe is a blocking function returning a Probe result; sweep.py runs many of them
concurrently on the controller. Every probe speaks the real protocol (an SSH banner, a
PostgreSQL or MySQL login, an SNMP GET, a Redfish service root, an RMCP presence ping), because an open TCP port
alone does not prove that a database or an agent answers.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import socket
import ssl
import struct
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

try:
    from urllib.request import Request, build_opener, HTTPSHandler
    from urllib.error import HTTPError, URLError
except ImportError:  # pragma: no cover - Python 2 targets never run controller-side probes
    Request = build_opener = HTTPSHandler = HTTPError = URLError = None


class Probe(object):
    """Outcome of one probe: answered (the peer spoke the protocol) and authenticated."""

    __slots__ = ('answered', 'authenticated', 'latency_ms', 'detail', 'facts')

    def __init__(self, answered, authenticated=None, latency_ms=None, detail='', facts=None):
        self.answered = answered
        self.authenticated = authenticated
        self.latency_ms = latency_ms
        self.detail = detail
        self.facts = facts or {}


# Socket errors said in the report's language ({reason!w}); any other system text is quoted.
KNOWN_OS_ERRORS = ('Connection refused', 'Connection reset by peer', 'No route to host', 'Network is unreachable', 'Host is down',
                   'Connection timed out', 'Name or service not known', 'Temporary failure in name resolution')


def _os_error(error):
    """(errno, strerror) when str(error) is exactly '[Errno n] <a known strerror>', else None."""
    number, reason = getattr(error, 'errno', None), getattr(error, 'strerror', None)
    if number is not None and reason in KNOWN_OS_ERRORS and str(error) == '[Errno %s] %s' % (number, reason):
        return number, reason
    return None


def port_failed(proto, port, error):
    """'<proto> <port>: <error>' of a connection that failed (TCP, SSH)."""
    known = _os_error(error)
    if str(error) == 'timed out':
        return said('reach.port.timed_out', '{proto} {port}: timed out', proto=proto, port=port)
    if known:
        return said('reach.port.os_error', '{proto} {port}: [Errno {errno}] {reason!w}', proto=proto, port=port, errno=known[0], reason=known[1])
    return said('reach.port.error', '{proto} {port}: {error!q}', proto=proto, port=port, error=str(error))


def step_failed(step, error):
    """'<step>: <error>' of a protocol step that failed ('Redfish service root', 'Redfish Systems', 'RMCP presence ping')."""
    known = _os_error(error)
    if str(error) == 'timed out':
        return said('reach.step.timed_out', '{step!w}: timed out', step=step)
    if known:
        return said('reach.step.os_error', '{step!w}: [Errno {errno}] {reason!w}', step=step, errno=known[0], reason=known[1])
    return said('reach.step.error', '{step!w}: {error!q}', step=step, error=str(error))


def no_library(library):
    return said('reach.no_library', 'the Python library {library} is not installed on the controller', library=library)


def _elapsed_ms(start):
    return round((time.monotonic() - start) * 1000.0, 1)


def driver_error(text):
    """A database driver's own message (quoted as it is)."""
    return said('reach.driver.error', '{error!q}', error=text)


def probe_tcp(host, port, timeout):
    start = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return Probe(True, latency_ms=_elapsed_ms(start), detail=said('reach.tcp.open', 'TCP {port} open', port=port))
    except (OSError, socket.timeout) as exc:
        return Probe(False, detail=port_failed('TCP', port, exc))


def probe_ssh(host, port, timeout):
    """Read the SSH identification string (RFC 4253 section 4.2)."""
    start = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            banner = sock.recv(256).decode('ascii', 'replace').strip()
    except (OSError, socket.timeout) as exc:
        return Probe(False, detail=port_failed('SSH', port, exc))
    if not banner.startswith('SSH-'):
        return Probe(False, detail=said('reach.ssh.not_ssh', 'port {port} answered but not with an SSH banner', port=port))
    return Probe(True, latency_ms=_elapsed_ms(start), detail=said('reach.ssh.banner', '{banner!q}', banner=banner), facts={'ssh_banner': banner})


def probe_postgresql(host, port, user, password, dbname, timeout):
    """Log in and ask the server version; a rejected login still proves the server answers."""
    try:
        import psycopg
    except ImportError:
        return Probe(False, detail=no_library('psycopg'))
    start = time.monotonic()
    try:
        with psycopg.connect(host=host, port=port, user=user, password=password, dbname=dbname,
                             connect_timeout=max(1, int(timeout)), application_name='medops.itops') as conn:
            version = conn.execute('SHOW server_version').fetchone()[0]
    except psycopg.OperationalError as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if 'authentication failed' in text or 'no pg_hba.conf entry' in text:
            return Probe(True, authenticated=False, latency_ms=_elapsed_ms(start), detail=driver_error(text))
        return Probe(False, detail=driver_error(text))
    return Probe(True, authenticated=True, latency_ms=_elapsed_ms(start),
                 detail=said('reach.postgresql.version', 'PostgreSQL {version!q}', version=str(version)), facts={'version': version})


def probe_mysql(host, port, user, password, timeout):
    try:
        import pymysql
    except ImportError:
        return Probe(False, detail=no_library('PyMySQL'))
    start = time.monotonic()
    try:
        conn = pymysql.connect(host=host, port=port, user=user, password=password,
                               connect_timeout=timeout, read_timeout=timeout)
    except pymysql.err.OperationalError as exc:
        code = exc.args[0] if exc.args else None
        text = exc.args[1] if len(exc.args) > 1 else str(exc)
        if code == 1045:  # ER_ACCESS_DENIED_ERROR: the server answered and refused us
            return Probe(True, authenticated=False, latency_ms=_elapsed_ms(start), detail=driver_error(text))
        return Probe(False, detail=driver_error(text))
    try:
        with conn.cursor() as cur:
            cur.execute('SELECT VERSION()')
            version = cur.fetchone()[0]
    finally:
        conn.close()
    return Probe(True, authenticated=True, latency_ms=_elapsed_ms(start),
                 detail=said('reach.mysql.version', 'MySQL/MariaDB {version!q}', version=str(version)), facts={'version': version})


def probe_redfish(host, port, user, password, timeout, validate_certs=False):
    """GET the Redfish service root (anonymous per DSP0266), then Systems with credentials."""
    if Request is None:
        return Probe(False, detail=said('reach.redfish.no_urllib', 'urllib is not available'))
    context = ssl.create_default_context()
    if not validate_certs:
        # BMCs ship self-signed certificates; validation is an option, as in community.general.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    opener = build_opener(HTTPSHandler(context=context))
    base = 'https://%s:%s' % (host, port)
    start = time.monotonic()
    try:
        with opener.open(Request(base + '/redfish/v1/'), timeout=timeout) as resp:
            root = json.loads(resp.read().decode('utf-8'))
    except HTTPError as exc:
        if exc.code != 401:
            return Probe(False, detail=said('reach.redfish.root_http', 'Redfish service root: HTTP {code}', code=exc.code))
        root = {}
    except (URLError, OSError, ValueError) as exc:
        return Probe(False, detail=step_failed('Redfish service root', getattr(exc, 'reason', exc)))
    latency = _elapsed_ms(start)
    facts = {'redfish_version': root.get('RedfishVersion'), 'uuid': root.get('UUID')}
    token = base64.b64encode(('%s:%s' % (user, password)).encode('utf-8')).decode('ascii')
    request = Request(base + '/redfish/v1/Systems', headers={'Authorization': 'Basic ' + token})
    try:
        with opener.open(request, timeout=timeout) as resp:
            members = json.loads(resp.read().decode('utf-8')).get('Members', [])
    except HTTPError as exc:
        if exc.code in (401, 403):
            return Probe(True, authenticated=False, latency_ms=latency,
                         detail=said('reach.redfish.login_rejected', 'Redfish login rejected (HTTP {code})', code=exc.code), facts=facts)
        return Probe(True, authenticated=None, latency_ms=latency,
                     detail=said('reach.redfish.systems_http', 'Redfish Systems: HTTP {code}', code=exc.code), facts=facts)
    except (URLError, OSError, ValueError) as exc:
        return Probe(False, detail=step_failed('Redfish Systems', getattr(exc, 'reason', exc)))
    facts['systems'] = len(members)
    return Probe(True, authenticated=True, latency_ms=latency,
                 detail=said('reach.redfish.systems', 'Redfish {version}, {count:d} system(s)', version=str(facts['redfish_version']),
                             count=len(members)), facts=facts)


# RMCP (DMTF DSP0136): version 6, reserved, sequence 0xFF (no RMCP ack), class 6 = ASF.
_RMCP_ASF = bytes([6, 0, 0xFF, 6])
_ASF_IANA = 4542                       # the ASF IANA enterprise number
_ASF_PING, _ASF_PONG = 0x80, 0x40


def asf_presence_ping(tag):
    """The 12-byte RMCP/ASF Presence Ping every IPMI 1.5/2.0 BMC answers on UDP 623 without a login."""
    return _RMCP_ASF + struct.pack('>IBBBB', _ASF_IANA, _ASF_PING, tag, 0, 0)


def parse_asf_pong(data, tag):
    """(ipmi_supported, detail) from a Presence Pong, or None when `data` is not the pong to `tag`."""
    if len(data) < 16 or (data[0], data[1], data[3]) != (_RMCP_ASF[0], _RMCP_ASF[1], _RMCP_ASF[3]):   # any sequence number
        return None
    iana, msg_type, msg_tag, _reserved, length = struct.unpack('>IBBBB', data[4:12])
    if iana != _ASF_IANA or msg_type != _ASF_PONG or msg_tag != tag or length < 8 or len(data) < 12 + 8:
        return None
    entities = data[12 + 8]          # after the OEM IANA (4) and OEM-defined (4) fields
    if entities & 0x80:
        return True, said('reach.ipmi.pong_supported', 'RMCP presence pong (IPMI supported)')
    return False, said('reach.ipmi.pong_not_announced', 'RMCP presence pong (IPMI not announced)')


def probe_ipmi(host, port, timeout):
    """Send an RMCP presence ping to the BMC. It proves the BMC is alive on the network; the
    IPMI login itself is tried by bmc_inspect (ipmitool), so `authenticated` stays unknown here."""
    tag = int(time.monotonic() * 1000) & 0x7F
    start = time.monotonic()
    try:
        family, _type, _proto, _name, address = socket.getaddrinfo(host, port, 0, socket.SOCK_DGRAM)[0]
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.sendto(asf_presence_ping(tag), address)
            deadline = start + timeout
            while True:
                sock.settimeout(max(deadline - time.monotonic(), 0.001))
                data, _peer = sock.recvfrom(512)
                pong = parse_asf_pong(data, tag)
                if pong is not None:
                    return Probe(True, latency_ms=_elapsed_ms(start), detail=pong[1], facts={'ipmi': pong[0]})
    except socket.timeout:
        return Probe(False, detail=said('reach.ipmi.no_pong', 'no RMCP presence pong within {timeout}s (UDP {port})', timeout=timeout, port=port))
    except OSError as exc:
        return Probe(False, detail=step_failed('RMCP presence ping', exc))
