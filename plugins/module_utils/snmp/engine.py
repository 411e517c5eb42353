# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One small asyncio SNMP client interface over two libraries, chosen by measurement (docs/snmp.md).

- v1/v2c: aiosnmp (asyncio, ~0.012 ms controller CPU per varbind on this machine);
- v3 (USM authNoPriv/authPriv), or v2c when aiosnmp is missing: pysnmp 7 with lookupMib=False
  (~0.17 ms per varbind: v3 costs the same with ezsnmp/net-snmp, measured).

Values come back as plain Python: int (Integer, Counter32/64, Gauge32, TimeTicks), bytes
(OctetString), str (OBJECT IDENTIFIER without a leading dot, IpAddress dotted), and None for
noSuchObject / noSuchInstance / endOfMibView / NULL. OIDs are dotted strings without a leading dot.
A request that gets no answer raises SnmpTimeout after timeout x (retries + 1) seconds; a v3 agent
that rejects our user or keys raises SnmpAuthError; any other failure SnmpError.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import hashlib

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import Said, said

try:
    import aiosnmp
    import aiosnmp.exceptions
    from aiosnmp.message import SnmpVersion
    HAS_AIOSNMP = True
except ImportError:
    aiosnmp = SnmpVersion = None
    HAS_AIOSNMP = False

try:
    from pysnmp.hlapi.v3arch import asyncio as pysnmp_api
    HAS_PYSNMP = True
except ImportError:
    pysnmp_api = None
    HAS_PYSNMP = False

AUTH_PROTOCOLS = {'MD5': 'usmHMACMD5AuthProtocol', 'SHA': 'usmHMACSHAAuthProtocol', 'SHA224': 'usmHMAC128SHA224AuthProtocol',
                  'SHA256': 'usmHMAC192SHA256AuthProtocol', 'SHA384': 'usmHMAC256SHA384AuthProtocol',
                  'SHA512': 'usmHMAC384SHA512AuthProtocol'}
PRIV_PROTOCOLS = {'DES': 'usmDESPrivProtocol', '3DES': 'usm3DESEDEPrivProtocol', 'AES': 'usmAesCfb128Protocol',
                  'AES128': 'usmAesCfb128Protocol', 'AES192': 'usmAesCfb192Protocol', 'AES256': 'usmAesCfb256Protocol'}
# pysnmp error indications that mean "the agent answered but refused our v3 credentials". A wrong
# privacy key shows as an answer we cannot decrypt ("Ciphering services not available or ciphertext
# is broken"): the device is there, the key is wrong.
AUTH_ERROR_WORDS = ('unknownusername', 'unknownuser', 'usmuser', 'digest', 'decryption', 'unsupportedseclevel',
                    'unknownsecurityname', 'securityname', 'authentication', 'notintimewindow', 'ciphertextisbroken')


class SnmpError(Exception):
    """A request failed for a reason other than a timeout or rejected credentials. Its message is a
    said() detail (error_of() gives it, or the plain text quoted)."""


class SnmpTimeout(SnmpError):
    """No answer within timeout x (retries + 1)."""


class SnmpAuthError(SnmpError):
    """The agent answered with a USM report: unknown user, wrong digest or undecryptable."""


def error_of(exc):
    """The said() detail of an SnmpError: its own, or its text quoted as the library's words."""
    first = exc.args[0] if exc.args else None
    if isinstance(first, Said) and first.detail_id:
        return first
    return said('snmp.error.text', '{error!q}', error=str(exc) or type(exc).__name__)


def no_response(timeout, tries):
    return said('snmp.error.no_response', 'no response within {timeout}s x {tries:d} tries', timeout=timeout, tries=tries)


def strip_oid(oid):
    return str(oid).lstrip('.')


class Engine(object):
    """GET and GETBULK-walk of one device. Subclasses implement _get and _bulk."""

    library = None

    def __init__(self, host, port, creds, timeout, retries, max_repetitions=25):
        self.host = host
        self.port = int(port)
        self.creds = creds
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.max_repetitions = int(max_repetitions)
        self.requests = 0
        self.varbinds = 0

    async def get(self, oids):
        """[(oid, value)] in the order asked."""
        self.requests += 1
        result = await self._get([strip_oid(o) for o in oids])
        self.varbinds += len(result)
        return result

    async def walk(self, column):
        """Every (oid, value) under `column` (a table column or subtree), by GETBULK."""
        column = strip_oid(column)
        prefix = column + '.'
        rows, last = [], column
        while True:
            self.requests += 1
            batch = await self._bulk(last)
            self.varbinds += len(batch)
            progressed = False
            for oid, value in batch:
                if not oid.startswith(prefix) or (value is None and oid == last):
                    return rows
                if _oid_key(oid) <= _oid_key(last):
                    # An agent that does not move forward would loop forever: stop here.
                    return rows
                rows.append((oid, value))
                last = oid
                progressed = True
            if not batch or not progressed:
                return rows

    def close(self):
        """Release sockets; the engine cannot be used afterwards."""

    async def _get(self, oids):
        raise NotImplementedError

    async def _bulk(self, oid):
        raise NotImplementedError


def _oid_key(oid):
    try:
        return tuple(int(part) for part in oid.split('.'))
    except ValueError:
        return (oid,)


class AiosnmpEngine(Engine):
    """v1/v2c over aiosnmp; one UDP socket per device."""

    library = 'aiosnmp'

    def __init__(self, *args, **kwargs):
        super(AiosnmpEngine, self).__init__(*args, **kwargs)
        version = SnmpVersion.v1 if str(self.creds.get('version')) == '1' else SnmpVersion.v2c
        # aiosnmp counts `retries` as the number of sends, so one more than the retries after the first.
        self._session = aiosnmp.Snmp(host=self.host, port=self.port, version=version, community=self.creds.get('community') or '',
                                     timeout=self.timeout, retries=self.retries + 1, max_repetitions=self.max_repetitions)

    async def _call(self, method, *args, **kwargs):
        try:
            return [(strip_oid(vb.oid), _plain(vb.value)) for vb in await method(*args, **kwargs)]
        except (aiosnmp.exceptions.SnmpTimeoutError, asyncio.TimeoutError):
            # aiosnmp lets a bare asyncio timeout through now and then (seen on a busy machine): the same silence
            raise SnmpTimeout(no_response(self.timeout, self.retries + 1))
        except aiosnmp.exceptions.SnmpErrorStatus as exc:
            raise SnmpError(said('snmp.error.status', 'error-status {status!w}', status=type(exc).__name__.replace('SnmpError', '')))

    async def _get(self, oids):
        return await self._call(self._session.get, oids)

    async def _bulk(self, oid):
        if str(self.creds.get('version')) == '1':
            return await self._call(self._session.get_next, [oid])
        return await self._call(self._session.get_bulk, [oid], max_repetitions=self.max_repetitions)

    def close(self):
        self._session.close()


def _plain(value):
    """aiosnmp values: int, bytes, str OID with a leading dot, ipaddress objects, None."""
    if value is None or isinstance(value, (int, bytes)):
        return value
    if isinstance(value, str):
        return strip_oid(value)
    return str(value)


class PysnmpEngine(Engine):
    """v3 USM (and v1/v2c without aiosnmp) over pysnmp's asyncio API, MIB lookups off."""

    library = 'pysnmp'

    def __init__(self, host, port, creds, timeout, retries, max_repetitions=25, snmp_engine=None):
        super(PysnmpEngine, self).__init__(host, port, creds, timeout, retries, max_repetitions)
        self._engine = snmp_engine or pysnmp_api.SnmpEngine()
        self._own_engine = snmp_engine is None
        self._auth = auth_data(creds)
        self._target = None

    async def _transport(self):
        if self._target is None:
            self._target = await pysnmp_api.UdpTransportTarget.create((self.host, self.port), timeout=self.timeout, retries=self.retries)
        return self._target

    def _check(self, error, status, index, varbinds):
        if error:
            text = str(error)
            lowered = text.lower().replace(' ', '')
            if 'timeout' in lowered or 'norespon' in lowered:
                raise SnmpTimeout(no_response(self.timeout, self.retries + 1))
            if any(word.replace(' ', '') in lowered for word in AUTH_ERROR_WORDS):
                raise SnmpAuthError(said('snmp.error.text', '{error!q}', error=text))
            raise SnmpError(said('snmp.error.text', '{error!q}', error=text))
        if status and int(status):
            raise SnmpError(said('snmp.error.status_at', 'error-status {status!w} at {index}', status=str(status.prettyPrint()), index=str(index)))
        return [(strip_oid(name), _pysnmp_plain(value)) for name, value in varbinds]

    async def _get(self, oids):
        target = await self._transport()
        objects = [pysnmp_api.ObjectType(pysnmp_api.ObjectIdentity(oid)) for oid in oids]
        result = await pysnmp_api.get_cmd(self._engine, self._auth, target, pysnmp_api.ContextData(), *objects, lookupMib=False)
        return self._check(*result)

    async def _bulk(self, oid):
        target = await self._transport()
        obj = pysnmp_api.ObjectType(pysnmp_api.ObjectIdentity(oid))
        if str(self.creds.get('version')) == '1':
            result = await pysnmp_api.next_cmd(self._engine, self._auth, target, pysnmp_api.ContextData(), obj, lookupMib=False)
        else:
            result = await pysnmp_api.bulk_cmd(self._engine, self._auth, target, pysnmp_api.ContextData(), 0, self.max_repetitions, obj,
                                               lookupMib=False)
        error, status, index, varbinds = result
        flat = []
        for row in varbinds:
            if isinstance(row, (list, tuple)) and row and isinstance(row[0], (list, tuple)):
                flat.extend(row)
            else:
                flat.append(row)
        return self._check(error, status, index, flat)

    def close(self):
        if self._own_engine:
            try:
                self._engine.close_dispatcher()
            except Exception:  # pylint: disable=broad-except  # closing a half-open engine must not fail the run
                pass


def _pysnmp_plain(value):
    tag = type(value).__name__
    if tag in ('NoSuchObject', 'NoSuchInstance', 'EndOfMibView', 'Null'):
        return None
    if tag == 'IpAddress':
        return '.'.join(str(b) for b in value.asOctets())
    if hasattr(value, 'asOctets'):
        return value.asOctets()
    if tag == 'ObjectIdentifier' or tag == 'ObjectName':
        return str(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def auth_data(creds):
    """pysnmp auth object from {version, community} or {version: 3, user, auth_proto, auth_key, priv_proto, priv_key}."""
    version = str(creds.get('version', '2c'))
    if version in ('1', '2c', '2'):
        return pysnmp_api.CommunityData(creds.get('community') or '', mpModel=0 if version == '1' else 1)
    kwargs = {}
    if creds.get('auth_key'):
        proto = str(creds.get('auth_proto') or 'SHA').upper()
        if proto not in AUTH_PROTOCOLS:
            raise SnmpError(said('snmp.error.auth_protocol', 'auth protocol {protocol} is not one of {choices}',
                                 protocol=proto, choices=', '.join(sorted(AUTH_PROTOCOLS))))
        kwargs['authKey'] = creds['auth_key']
        kwargs['authProtocol'] = getattr(pysnmp_api, AUTH_PROTOCOLS[proto])
    if creds.get('priv_key'):
        proto = str(creds.get('priv_proto') or 'AES').upper()
        if proto not in PRIV_PROTOCOLS:
            raise SnmpError(said('snmp.error.priv_protocol', 'privacy protocol {protocol} is not one of {choices}',
                                 protocol=proto, choices=', '.join(sorted(PRIV_PROTOCOLS))))
        kwargs['privKey'] = creds['priv_key']
        kwargs['privProtocol'] = getattr(pysnmp_api, PRIV_PROTOCOLS[proto])
    return pysnmp_api.UsmUserData(creds.get('user') or '', **kwargs)


def credentials_key(creds):
    """A digest of one credential set: a pysnmp engine keeps one USM entry per user name, so devices
    whose user names match but keys differ need engines of their own."""
    return hashlib.sha256(repr(sorted((k, str(v)) for k, v in creds.items())).encode('utf-8')).hexdigest()[:16]


def make_engine(host, port, creds, timeout, retries, max_repetitions=25, snmp_engine=None, prefer=None):
    """The engine for these credentials: aiosnmp for v1/v2c when installed, pysnmp otherwise."""
    version = str(creds.get('version', '2c'))
    if version != '3' and HAS_AIOSNMP and prefer != 'pysnmp':
        return AiosnmpEngine(host, port, creds, timeout, retries, max_repetitions)
    if not HAS_PYSNMP:
        if version == '3':
            raise SnmpError(said('snmp.error.no_pysnmp', 'the Python library pysnmp is needed on the controller for SNMP v3 (pip install pysnmp)'))
        raise SnmpError(said('snmp.error.no_library', 'neither aiosnmp nor pysnmp is installed on the controller'))
    return PysnmpEngine(host, port, creds, timeout, retries, max_repetitions, snmp_engine=snmp_engine)
