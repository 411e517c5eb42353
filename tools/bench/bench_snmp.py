#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of medops.itops.snmp_inspect's poller (plugins/module_utils/snmp) on 600 SNMP devices.

ONE snmpsim responder process serves the lab's S5720 recording on 600 loopback ports; the poller
reads, per device, the system group and the 6 columns its interface items need (ifName,
ifAdminStatus, ifOperStatus, ifInErrors, ifHCInOctets, ifHighSpeed: ~210 varbinds), builds the
items, one sample (no second pass), exactly as the action plugin does (inspect_many).

Printed numbers:
  1. controller CPU per varbind (this process, user + system), v2c over all devices
     (goal: at most 0.05 ms) and v3 authPriv over --v3-devices (reported);
  2. v2c wall time against the responder's own bound measured in the same run: the responder is
     single-threaded, so the CPU time it spent answering is the shortest wall time any poller could
     reach (goal: wall within 1.25x of it);
  3. the same poll through a relay that delays every reply of each device by 50 ms, against
     sequential net-snmp `snmpbulkwalk` (one process per column, devices one after the other, as a
     shell loop would) measured on --seq-devices devices and scaled to all (goal: at least 5x).

    PYTHONPATH=.build .venv/bin/python tools/bench/bench_snmp.py [--devices 600] [--v3-devices 100] [--seq-devices 8]

Traffic goes only to 127.0.0.1; every process it starts is ended before it exits (~2-3 minutes).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_snmp_lab as lab  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.medops.itops.plugins.module_utils.snmp.inspect import inspect_many  # noqa: E402  pylint: disable=wrong-import-position

GOAL_CPU_MS = 0.05
GOAL_BOUND = 1.25
GOAL_SEQ = 5.0
DELAY = 0.05
BENCH_PROFILE = """---
# Benchmark profile: the interface columns the if.* items need (see tools/bench/bench_snmp.py).
name: bench_switch
device_class: switch
tables:
  if:
    columns:
      name: 1.3.6.1.2.1.31.1.1.1.1
      admin: 1.3.6.1.2.1.2.2.1.7
      oper: 1.3.6.1.2.1.2.2.1.8
      in_errors: 1.3.6.1.2.1.2.2.1.14
      in_octets: 1.3.6.1.2.1.31.1.1.1.6
      high_speed: 1.3.6.1.2.1.31.1.1.1.15
items:
  - {id: if.oper_status, kind: if_oper, table: if, value: oper, admin: admin, subject: "{name}"}
  - {id: if.errors.rate, kind: rate, table: if, value: in_errors, subject: "{name}", when: [{column: admin, op: eq, value: 1}]}
  - {id: if.util_pct, kind: if_util, table: if, value: [in_octets], counter_bits: 64, speed_mbps: high_speed, subject: "{name}",
     when: [{column: oper, op: eq, value: 1}]}
"""
COLUMNS = ['1.3.6.1.2.1.31.1.1.1.1', '1.3.6.1.2.1.2.2.1.7', '1.3.6.1.2.1.2.2.1.8', '1.3.6.1.2.1.2.2.1.14',
           '1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.2.1.31.1.1.1.15']


def cpu_seconds(pid):
    """User + system CPU seconds of a process, from /proc."""
    with open('/proc/%d/stat' % pid) as handle:
        fields = handle.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / float(os.sysconf('SC_CLK_TCK'))


def specs_for(ports, creds):
    return [{'target': 'sw%03d' % i, 'address': '127.0.0.1', 'port': port, 'credentials': dict(creds), 'device_class': 'switch',
             'profile': 'bench_switch'} for i, port in enumerate(ports)]


def poll(specs, profile_dir, responder_pid=None):
    options = {'profile_dirs': [profile_dir], 'samples': 1, 'timeout': 10, 'retries': 1, 'concurrency': 128, 'per_device': 2}
    resp0 = cpu_seconds(responder_pid) if responder_pid else 0.0
    cpu0, wall0 = time.process_time(), time.monotonic()
    inspections, stats = inspect_many(specs, options)
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    resp = (cpu_seconds(responder_pid) - resp0) if responder_pid else 0.0
    failed = [i['target'] for i in inspections if i['items'][0]['status'] != 'ok']
    if failed:
        raise SystemExit('%d devices did not answer (first: %s): %s' % (len(failed), failed[0], inspections[0]['items'][0]))
    return {'cpu': cpu, 'wall': wall, 'responder_cpu': resp, 'varbinds': stats['varbinds'], 'requests': stats['requests']}


def sequential_bulkwalk(ports):
    """Wall seconds per device of net-snmp snmpbulkwalk, one process per column, devices in turn."""
    started = time.monotonic()
    for port in ports:
        subprocess.run(['snmpget', '-v2c', '-c', lab.COMMUNITY, '-t', '5', '-r', '1', '-On', '127.0.0.1:%d' % port,
                        '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.5.0'],
                       stdout=subprocess.DEVNULL, check=True)
        for column in COLUMNS:
            subprocess.run(['snmpbulkwalk', '-v2c', '-c', lab.COMMUNITY, '-Cr25', '-t', '5', '-r', '1', '-On', '127.0.0.1:%d' % port, column],
                           stdout=subprocess.DEVNULL, check=True)
    return (time.monotonic() - started) / len(ports)


def verdict(ok):
    return 'goal met' if ok else 'GOAL MISSED'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--devices', type=int, default=600)
    parser.add_argument('--v3-devices', type=int, default=100)
    parser.add_argument('--seq-devices', type=int, default=8)
    args = parser.parse_args()
    if not shutil.which('snmpbulkwalk'):
        raise SystemExit('net-snmp tools are needed: apt-get install snmp')
    profile_dir = tempfile.mkdtemp(prefix='itops-bench-profiles-')
    with open(os.path.join(profile_dir, 'bench_switch.yml'), 'w') as handle:
        handle.write(BENCH_PROFILE)
    ports = lab.pick_ports(args.devices)
    relay_ports = lab.pick_ports(args.devices, start=ports[-1] + 1000)
    v3 = dict(lab.V3, version='3')
    started = time.monotonic()
    try:
        print('%d devices: one snmpsim responder on 127.0.0.1:%d-%d (S5720 recording), %d columns each'
              % (args.devices, ports[0], ports[-1], len(COLUMNS)))
        with lab.responder(ports) as proc:
            poll(specs_for(ports[:20], {'version': '2c', 'community': lab.COMMUNITY}), profile_dir)     # warm the responder's caches
            v2c = poll(specs_for(ports, {'version': '2c', 'community': lab.COMMUNITY}), profile_dir, proc.pid)
            v3run = poll(specs_for(ports[:args.v3_devices], v3), profile_dir, proc.pid)
            with lab.delay_relay(list(zip(relay_ports, ports)), DELAY):
                relayed = poll(specs_for(relay_ports, {'version': '2c', 'community': lab.COMMUNITY}), profile_dir)
                per_device = sequential_bulkwalk(relay_ports[:args.seq_devices])
    finally:
        shutil.rmtree(profile_dir, ignore_errors=True)
    cpu_v2c = v2c['cpu'] * 1000.0 / v2c['varbinds']
    cpu_v3 = v3run['cpu'] * 1000.0 / v3run['varbinds']
    bound = v2c['wall'] / v2c['responder_cpu']
    sequential = per_device * args.devices
    speedup = sequential / relayed['wall']
    print('')
    print('1. controller CPU per varbind')
    print('   v2c (aiosnmp), %d devices, %d varbinds, %d requests: %.2f s CPU -> %.4f ms/varbind  (goal <= %.2f ms: %s)'
          % (args.devices, v2c['varbinds'], v2c['requests'], v2c['cpu'], cpu_v2c, GOAL_CPU_MS, verdict(cpu_v2c <= GOAL_CPU_MS)))
    print('   v3 authPriv SHA/AES (pysnmp), %d devices, %d varbinds: %.2f s CPU -> %.4f ms/varbind  (reported)'
          % (args.v3_devices, v3run['varbinds'], v3run['cpu'], cpu_v3))
    rate = v2c['varbinds'] / v2c['responder_cpu']
    print('2. v2c wall %.1f s against the responder bound %.1f s (its own CPU time answering, single-threaded; %.0f varbinds/s):'
          ' %.2fx  (goal <= %.2fx: %s)' % (v2c['wall'], v2c['responder_cpu'], rate, bound, GOAL_BOUND, verdict(bound <= GOAL_BOUND)))
    print('   v3 wall %.1f s, responder %.1f s' % (v3run['wall'], v3run['responder_cpu']))
    print('3. every reply delayed %d ms per device: poller %.1f s for %d devices; sequential snmpbulkwalk %.2f s/device'
          ' (measured on %d) -> %.0f s for %d: %.1fx  (goal >= %.0fx: %s)'
          % (DELAY * 1000, relayed['wall'], args.devices, per_device, args.seq_devices, sequential, args.devices, speedup, GOAL_SEQ,
             verdict(speedup >= GOAL_SEQ)))
    print('total bench time %.0f s' % (time.monotonic() - started))


if __name__ == '__main__':
    main()
