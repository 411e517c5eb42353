#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The thin-client sweep of the lab: every address of the lab's DHCP plan (goal: under 15 s).

Reads itops_thin_client_fleet from inventories/lab/hosts.yml (610 addresses in 7 departments of
4 site namespaces, 47 of them switched off), sweeps them with medops.itops.fleet_sweep's logic
(TCP connect to port 22, per-address timeout, bounded concurrency) and prints the time and the
per-department statistics. The lab must be up (tools/lab/lab up).

    .venv/bin/python tools/bench/bench_fleet.py [--timeout 1.0] [--concurrency 256] [--repeat 3]

What bounds it: the silent addresses, each waiting out the timeout (they are probed concurrently,
so the sweep takes about one timeout plus the connect time of the rest), not the CPU.
"""

from __future__ import absolute_import, division, print_function

import argparse
import os
import statistics
import sys
import time

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, '.build'))

from ansible_collections.medops.itops.plugins.module_utils.fleet.inspect import inspect_fleet  # noqa: E402 pylint: disable=wrong-import-position

GOAL_S = 15.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--inventory', default=os.path.join(ROOT, 'inventories', 'lab', 'hosts.yml'))
    parser.add_argument('--timeout', type=float, default=1.0)
    parser.add_argument('--concurrency', type=int, default=256)
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    with open(args.inventory, encoding='utf-8') as handle:
        fleet = yaml.safe_load(handle)['all']['vars']['itops_thin_client_fleet']
    times, inspections, stats = [], [], {}
    for _run in range(max(1, args.repeat)):
        started = time.monotonic()
        inspections, stats = inspect_fleet(fleet, timeout=args.timeout, concurrency=args.concurrency)
        times.append(time.monotonic() - started)
    print('fleet sweep: %d addresses in %d departments, %d online, method %s, timeout %.1f s, concurrency %d'
          % (stats['addresses'], len(inspections), stats['online'], stats['method'], args.timeout, args.concurrency))
    for insp in inspections:
        items = dict((i['id'], i) for i in insp['items'])
        pct, off = items['fleet.online_pct'], items['fleet.offline']
        print('  %-14s online %5.1f %% (%s)  offline %3d  %s' % (insp['target'], pct['value'], pct['status'], off['value'], off['status']))
    median = statistics.median(times)
    print('time: median %.2f s, runs %s; goal < %.0f s: %s' % (median, ', '.join('%.2f' % t for t in times), GOAL_S,
                                                               'met' if median < GOAL_S else 'NOT met'))
    return 0 if median < GOAL_S else 1


if __name__ == '__main__':
    sys.exit(main())
