#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Record the lab's database servers' real answers as unit-test fixtures.

    .venv/bin/python tools/record_db_fixtures.py [HOST ...]     # default: pg-db-01 pg-db-02 my-db-01 my-db-02

For each server it saves, under tests/unit/fixtures/db/recorded/:
  <host>.network.json   the result sets medops.itops.postgresql_inspect / mysql_inspect read over the network
                        (psycopg / PyMySQL, the monitoring login of inventories/lab), as {query name: result set};
  <host>.ssh.<n>.txt    the text the host's own client printed for round trip n of transport ssh (socket login),
                        run over SSH exactly as the action plugin runs it (same command, same stdin).
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, '.build'))

from ansible_collections.medops.itops.plugins.module_utils.db import collect, mysql_queries, pg_queries  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.db.results import mysql_script, pg_script, records  # noqa: E402

OUT = os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'db', 'recorded')
LAB_KEY = '/var/lib/medops-lab/ssh/id_ed25519'
SSH_OPTS = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
            '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=5']
SERVERS = {
    'pg-db-01': ('postgresql', '10.77.0.21', 5432, 'his'),
    'pg-db-02': ('postgresql', '10.77.0.23', 5432, 'his'),
    'my-db-01': ('mysql', '10.77.0.22', 3306, None),
    'my-db-02': ('mysql', '10.77.0.24', 3306, None),
}
# The lab's monitoring password (tools/lab/provision: LAB_DB_MONITOR_PASSWORD default); a lab secret only.
LAB_MONITOR_PASSWORD = os.environ.get('LAB_DB_MONITOR_PASSWORD', 'lab-monitor-pass-01')


def ssh_run(address):
    def run(command, stdin_text):
        proc = subprocess.run(['ssh', '-i', LAB_KEY] + SSH_OPTS + ['root@%s' % address, command], input=stdin_text,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60, check=False)
        return proc.returncode, proc.stdout
    return run


def record(host):
    engine, address, port, database = SERVERS[host]
    spec = {'target': host, 'address': address, 'port': port, 'user': 'itops_monitor',
            'password': LAB_MONITOR_PASSWORD, 'database': database}
    network = collect.pg_network if engine == 'postgresql' else collect.mysql_network
    results, stats, failure = network(spec, 10)
    if failure:
        raise SystemExit('%s: %s' % (host, failure['detail']))
    with open(os.path.join(OUT, '%s.network.json' % host), 'w') as handle:
        json.dump(results, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write('\n')
    queries, build, script = ((pg_queries, collect.pg_command, pg_script) if engine == 'postgresql'
                              else (mysql_queries, collect.mysql_command, mysql_script))
    command, prefix = build(spec, 'socket', 10)
    run = ssh_run(address)
    batches = [[queries.SERVER], queries.plan(records(results['server'])[0])]
    for number, batch in enumerate(batches, 1):
        _rc, out = run(command, prefix + script(batch))
        with open(os.path.join(OUT, '%s.ssh.%d.txt' % (host, number)), 'w') as handle:
            handle.write(out)
    print('%s: %d result sets over the network (%s), %d ssh round trips' % (host, len(results), stats, len(batches)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('hosts', nargs='*', default=sorted(SERVERS))
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    for host in args.hosts:
        record(host)


if __name__ == '__main__':
    main()
