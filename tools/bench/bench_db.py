#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the database inspection costs each lab server: connections, queries, round trips and time.

    .venv/bin/python tools/bench/bench_db.py [--repeat N]

Runs the same collection medops.itops.postgresql_inspect / mysql_inspect run, for pg-db-01, pg-db-02,
my-db-01 and my-db-02, over the network (psycopg / PyMySQL, the lab's monitoring login) and through
each host's own client over SSH (socket login; SSH connection setup included), and prints per server
the connections and queries it took and the median time of N runs. The server-side count of
connections comes from the collector's own bookkeeping (one connect() per server).
"""

from __future__ import absolute_import, division, print_function

import argparse
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, '.build'))
sys.path.insert(0, os.path.join(ROOT, 'tools'))

from ansible_collections.medops.itops.plugins.module_utils.db import collect  # noqa: E402
from record_db_fixtures import LAB_MONITOR_PASSWORD, SERVERS, ssh_run  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()
    print('%-9s %-8s %11s %8s %11s %10s' % ('server', 'path', 'connections', 'queries', 'round trips', 'median s'))
    for host in sorted(SERVERS):
        engine, address, port, database = SERVERS[host]
        spec = {'target': host, 'address': address, 'port': port, 'user': 'itops_monitor',
                'password': LAB_MONITOR_PASSWORD, 'database': database}
        network = collect.pg_network if engine == 'postgresql' else collect.mysql_network
        for path in ('network', 'ssh'):
            times, stats = [], None
            for _i in range(args.repeat):
                started = time.monotonic()
                if path == 'network':
                    _res, stats, failure = network(spec, 10)
                else:
                    _res, stats, failure = collect.ssh_collect(engine, spec, ssh_run(address), 'socket', 10)
                if failure:
                    raise SystemExit('%s over %s: %s' % (host, path, failure['detail']))
                times.append(time.monotonic() - started)
            row = (host, path, stats['connections'], stats['queries'], stats['round_trips'], statistics.median(times))
            print('%-9s %-8s %11d %8d %11d %10.3f' % row)


if __name__ == '__main__':
    main()
