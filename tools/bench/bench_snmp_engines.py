#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which SNMP engine for the poller: controller CPU per varbind of each candidate library.

Every engine walks the same 6 columns (IF-MIB admin/oper status, 64-bit octets in/out, in errors,
hwEntityCpuUsage; GETBULK, max-repetitions 25) of N devices served by ONE snmpsim responder on
loopback (the S5720 recording), all devices concurrently. CPU is this process's time
(user + system, threads included): the responder runs in its own process and is not counted.

    .venv/bin/python tools/bench/bench_snmp_engines.py [--devices 40]

Candidates: pysnmp 7 asyncio (lookupMib=False, v2c and v3 authPriv), aiosnmp (asyncio, v2c only),
ezsnmp (net-snmp bindings, synchronous: a pool of 16 threads), each only when installed.
"""

import argparse
import asyncio
import concurrent.futures
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_snmp_lab as lab  # noqa: E402  pylint: disable=wrong-import-position

COLUMNS = ['1.3.6.1.2.1.2.2.1.7', '1.3.6.1.2.1.2.2.1.8', '1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.2.1.31.1.1.1.10',
           '1.3.6.1.2.1.2.2.1.14', '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5']
BULK = 25


def measure(name, func, ports):
    cpu0, wall0 = time.process_time(), time.monotonic()
    count = func(ports)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    print('%-26s %6d varbinds  wall %6.2f s  CPU %6.2f s  CPU/varbind %.3f ms' % (name, count, wall, cpu, cpu * 1000.0 / max(count, 1)))
    return cpu * 1000.0 / max(count, 1)


def run_aiosnmp(ports):
    import aiosnmp  # pylint: disable=import-outside-toplevel

    async def device(port):
        count = 0
        async with aiosnmp.Snmp(host='127.0.0.1', port=port, community=lab.COMMUNITY, timeout=5, retries=1,
                                max_repetitions=BULK) as snmp:
            for column in COLUMNS:
                prefix, oid = '.' + column + '.', column
                while True:
                    varbinds = await snmp.get_bulk(oid)
                    inside = [vb for vb in varbinds if vb.oid.startswith(prefix)]
                    count += len(inside)
                    if len(inside) < len(varbinds) or not varbinds:
                        break
                    oid = varbinds[-1].oid
        return count

    async def main():
        return sum(await asyncio.gather(*[device(p) for p in ports]))
    return asyncio.run(main())


def run_pysnmp(ports, v3=False):
    from pysnmp.hlapi.v3arch import asyncio as snmp  # pylint: disable=import-outside-toplevel
    if v3:
        auth = snmp.UsmUserData(lab.V3['user'], authKey=lab.V3['auth_key'], privKey=lab.V3['priv_key'],
                                authProtocol=snmp.usmHMACSHAAuthProtocol, privProtocol=snmp.usmAesCfb128Protocol)
    else:
        auth = snmp.CommunityData(lab.COMMUNITY, mpModel=1)

    async def device(engine, port):
        target = await snmp.UdpTransportTarget.create(('127.0.0.1', port), timeout=5, retries=1)
        count = 0
        for column in COLUMNS:
            async for error, _status, _index, varbinds in snmp.bulk_walk_cmd(
                    engine, auth, target, snmp.ContextData(), 0, BULK, snmp.ObjectType(snmp.ObjectIdentity(column)),
                    lexicographicMode=False, lookupMib=False):
                if error:
                    break
                count += len(varbinds)
        return count

    async def main():
        engine = snmp.SnmpEngine()
        return sum(await asyncio.gather(*[device(engine, p) for p in ports]))
    return asyncio.run(main())


def run_ezsnmp(ports, v3=False):
    import ezsnmp  # pylint: disable=import-outside-toplevel
    if v3:
        auth = dict(version='3', security_level='authPriv', security_username=lab.V3['user'], auth_protocol='SHA',
                    auth_passphrase=lab.V3['auth_key'], privacy_protocol='AES', privacy_passphrase=lab.V3['priv_key'])
    else:
        auth = dict(version='2c', community=lab.COMMUNITY)

    def device(port):
        session = ezsnmp.Session(hostname='127.0.0.1', port_number=port, timeout=5, retries=1,
                                 print_oids_numerically=True, set_max_repeaters_to_num=BULK, **auth)
        count = 0
        for column in COLUMNS:
            count += len(session.bulk_walk(column))
        return count
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        return sum(pool.map(device, ports))


def available(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--devices', type=int, default=40)
    args = parser.parse_args()
    ports = lab.pick_ports(args.devices)
    print('%d devices x %d columns, one snmpsim responder on 127.0.0.1:%d-%d' % (args.devices, len(COLUMNS), ports[0], ports[-1]))
    with lab.responder(ports):
        if available('aiosnmp'):
            measure('aiosnmp v2c', run_aiosnmp, ports)
        if available('ezsnmp'):
            measure('ezsnmp v2c (16 threads)', run_ezsnmp, ports)
            measure('ezsnmp v3 authPriv', lambda p: run_ezsnmp(p, v3=True), ports)
        measure('pysnmp v2c lookupMib=False', run_pysnmp, ports)
        measure('pysnmp v3 authPriv', lambda p: run_pysnmp(p, v3=True), ports)


if __name__ == '__main__':
    main()
