# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SNMP GET of the system group (sysDescr, sysObjectID, sysName) with pysnmp's asyncio API.

v2c with a community, or v3 with USM (authNoPriv / authPriv). A wrong community or key makes a
real agent stay silent, so the caller sees a timeout bounded by timeout x (retries + 1).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.reach.probes import Probe, no_library

try:
    from pysnmp.hlapi.v3arch import asyncio as snmp
    HAS_PYSNMP = True
except ImportError:
    snmp = None
    HAS_PYSNMP = False

SYSTEM_OIDS = (
    ('sysDescr', '1.3.6.1.2.1.1.1.0'),
    ('sysObjectID', '1.3.6.1.2.1.1.2.0'),
    ('sysName', '1.3.6.1.2.1.1.5.0'),
)

AUTH_PROTOCOLS = {'MD5': 'usmHMACMD5AuthProtocol', 'SHA': 'usmHMACSHAAuthProtocol',
                  'SHA256': 'usmHMAC192SHA256AuthProtocol', 'SHA512': 'usmHMAC384SHA512AuthProtocol'}
PRIV_PROTOCOLS = {'DES': 'usmDESPrivProtocol', 'AES': 'usmAesCfb128Protocol',
                  'AES192': 'usmAesCfb192Protocol', 'AES256': 'usmAesCfb256Protocol'}


def display_value(value):
    """Text of an SNMP value; OctetStrings are decoded as UTF-8 (sysDescr often holds CR LF, which
    pysnmp's prettyPrint would turn into hex)."""
    if hasattr(value, 'asOctets'):
        return value.asOctets().decode('utf-8', 'replace').strip()
    return value.prettyPrint()


def auth_data(creds):
    """pysnmp auth object from {version, community} or {version: 3, user, auth_proto, auth_key, priv_proto, priv_key}."""
    if str(creds.get('version', '2c')) in ('2c', '2', '1'):
        return snmp.CommunityData(creds['community'], mpModel=0 if str(creds.get('version')) == '1' else 1)
    kwargs = {}
    if creds.get('auth_key'):
        kwargs['authKey'] = creds['auth_key']
        kwargs['authProtocol'] = getattr(snmp, AUTH_PROTOCOLS[creds.get('auth_proto', 'SHA').upper()])
    if creds.get('priv_key'):
        kwargs['privKey'] = creds['priv_key']
        kwargs['privProtocol'] = getattr(snmp, PRIV_PROTOCOLS[creds.get('priv_proto', 'AES').upper()])
    return snmp.UsmUserData(creds['user'], **kwargs)


async def probe_snmp(engine, host, port, creds, timeout, retries):
    if not HAS_PYSNMP:
        return Probe(False, detail=no_library('pysnmp'))
    start = time.monotonic()
    try:
        target = await snmp.UdpTransportTarget.create((host, port), timeout=timeout, retries=retries)
        objects = [snmp.ObjectType(snmp.ObjectIdentity(oid)) for _name, oid in SYSTEM_OIDS]
        error, status, _index, varbinds = await snmp.get_cmd(engine, auth_data(creds), target, snmp.ContextData(), *objects,
                                                             lookupMib=False)
    except Exception as exc:  # pylint: disable=broad-except  # pysnmp raises many types for bad input
        return Probe(False, detail=said('reach.snmp.error', 'SNMP: {error!q}', error=str(exc)))
    if error:
        text = str(error)
        if 'timeout' in text.lower():
            return Probe(False, detail=said('reach.snmp.no_response', 'SNMP: no response within {timeout}s x {tries:d} tries (wrong '
                                            'community/credentials, ACL, or device down)', timeout=timeout, tries=retries + 1))
        return Probe(False, detail=said('reach.snmp.error', 'SNMP: {error!q}', error=text))
    if status:
        return Probe(True, authenticated=True, latency_ms=round((time.monotonic() - start) * 1000.0, 1),
                     detail=said('reach.snmp.status', 'SNMP error-status {status!w}', status=str(status.prettyPrint())))
    facts = {}
    for (name, _oid), (_obj, value) in zip(SYSTEM_OIDS, varbinds):
        facts[name] = display_value(value)
    return Probe(True, authenticated=True, latency_ms=round((time.monotonic() - start) * 1000.0, 1),
                 detail=said('reach.snmp.sys_descr', '{descr!q}', descr=' '.join(facts.get('sysDescr', '').split())[:120]), facts=facts)
