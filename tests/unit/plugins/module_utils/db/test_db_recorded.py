# -*- coding: utf-8 -*-
"""Database checks on answers recorded from the lab's real servers (tools/record_db_fixtures.py).

pg-db-01 (PostgreSQL 15 primary, planted: a session idle in transaction, public.visits with dead
rows), pg-db-02 (its streaming standby), my-db-01 (MariaDB 10.11 primary, planted: a fragmented
table), my-db-02 (its GTID replica). The same checks read the psycopg/PyMySQL result sets and the
text the host's own psql/mysql printed, and must agree.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import datetime

import pytest

from ansible_collections.medops.itops.plugins.module_utils.db import collect, mysql_queries, pg_queries
from ansible_collections.medops.itops.plugins.module_utils.db.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.db.results import parse_mysql, parse_psql, records

FIXTURES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'db', 'recorded')
ENGINE = {'pg-db-01': 'postgresql', 'pg-db-02': 'postgresql', 'my-db-01': 'mysql', 'my-db-02': 'mysql'}
TODAY = datetime.date(2026, 11, 25)
# What each recorded server must show besides ok items: (id, subject) -> status.
EXPECTED_FINDINGS = {
    'pg-db-01': {('pg.sessions.idle_in_transaction', 'his'): 'warning',
                 ('pg.table.dead_tuples_pct', 'his.public.visits'): 'warning'},
    'pg-db-02': {},
    'my-db-01': {('mysql.table.fragmentation_pct', 'lis_archive.results_2019'): 'warning'},
    'my-db-02': {},
}


def network_results(host):
    with open(os.path.join(FIXTURES, '%s.network.json' % host)) as handle:
        return json.load(handle)


def ssh_results(host):
    engine = ENGINE[host]
    queries, parse = (pg_queries, parse_psql) if engine == 'postgresql' else (mysql_queries, parse_mysql)
    results = {}
    for number in (1, 2):
        with open(os.path.join(FIXTURES, '%s.ssh.%d.txt' % (host, number))) as handle:
            text = handle.read()
        batch = [queries.SERVER] if number == 1 else queries.plan(records(results['server'])[0])
        parsed, connect_error = parse(text, [name for name, _sql in batch])
        assert connect_error is None
        results.update(parsed)
    return results


def inspection(host, results, transport):
    spec = {'target': host, 'address': host, 'port': 5432}
    stats = {'connections': 1, 'queries': len(results), 'seconds': 0.1}
    return assemble(ENGINE[host], spec, results, stats, None, transport, today=TODAY)


def findings(ins):
    return dict(((i['id'], i['subject']), i['status']) for i in ins['items'] if i['status'] != 'ok')


@pytest.mark.parametrize('host', sorted(ENGINE))
@pytest.mark.parametrize('transport', ['network', 'ssh'])
def test_recorded_server_shows_exactly_its_planted_conditions(host, transport):
    results = network_results(host) if transport == 'network' else ssh_results(host)
    assert not [name for name, res in results.items() if res['error']]
    ins = inspection(host, results, transport)
    assert findings(ins) == EXPECTED_FINDINGS[host]
    assert ins['items'][0]['id'].endswith('.reach') and ins['items'][0]['status'] == 'ok'


@pytest.mark.parametrize('host', sorted(ENGINE))
def test_both_transports_give_the_same_items(host):
    net = inspection(host, network_results(host), 'network')
    ssh = inspection(host, ssh_results(host), 'ssh')

    # The ssh path logs in as the superuser: its statement list differs (own queries excluded).
    def key(ins):
        return sorted((i['id'], i['subject'], i['status']) for i in ins['items']
                      if not i['id'].endswith(('.reach', '.statements.top', '.uptime.days')))
    assert key(net) == key(ssh)
    assert net['facts']['version'] == ssh['facts']['version']


def test_replicas_show_healthy_replication():
    primary = inspection('pg-db-01', network_results('pg-db-01'), 'network')
    standby = inspection('pg-db-02', network_results('pg-db-02'), 'network')
    state = [i for i in primary['items'] if i['id'] == 'pg.replication.state']
    assert state and all(i['status'] == 'ok' and i['value'] == 'streaming' for i in state)
    up = [i for i in standby['items'] if i['id'] == 'pg.replication.state']
    assert up == [dict(up[0], status='ok', value='streaming')] and up[0]['subject'] == 'upstream pg-db-01'
    assert standby['facts']['role'] == 'standby' and primary['facts']['role'] == 'primary'
    replica = inspection('my-db-02', network_results('my-db-02'), 'network')
    running = dict((i['id'], i['value']) for i in replica['items'] if i['id'].startswith('mysql.replication.'))
    assert running['mysql.replication.io_running'] == 'Yes' and running['mysql.replication.sql_running'] == 'Yes'
    assert running['mysql.replication.lag_s'] == 0


def test_metrics_and_facts_carry_sizes_and_no_secrets():
    ins = inspection('pg-db-01', network_results('pg-db-01'), 'network')
    assert ins['metrics']['db.his.size_bytes'] > 10 * 1024 * 1024
    assert any(k.startswith('table.his.public.') for k in ins['metrics'])
    my = inspection('my-db-01', network_results('my-db-01'), 'network')
    assert my['metrics']['db.lis.size_bytes'] > 0
    assert my['facts']['flavour'] == 'mariadb'
    text = json.dumps([ins, my, inspection('my-db-02', network_results('my-db-02'), 'network')])
    assert 'lab-repl-pass' not in text and 'lab-monitor-pass' not in text


def test_plans_are_bounded():
    for host in ENGINE:
        res = network_results(host)
        assert len(res) <= 16
    srv = records(network_results('pg-db-01')['server'])[0]
    assert [name for name, _sql in pg_queries.plan(srv)][-1] == 'databases'


def test_ssh_commands_keep_the_password_off_the_command_line():
    spec = {'target': 'x', 'address': 'x', 'port': 5432, 'user': 'itops_monitor', 'password': 's3cret', 'database': 'his'}
    for build in (collect.pg_command, collect.mysql_command):
        command, prefix = build(spec, 'password', 10)
        assert 's3cret' not in command and prefix == 's3cret\n'
        command, prefix = build(spec, 'socket', 10)
        assert 's3cret' not in command and prefix == ''


@pytest.mark.parametrize('host', sorted(ENGINE))
def test_ssh_collect_replays_recorded_round_trips(host):
    """ssh_collect drives the recorded client outputs in order: two round trips, the plan of the first."""
    outputs = []
    for number in (1, 2):
        with open(os.path.join(FIXTURES, '%s.ssh.%d.txt' % (host, number))) as handle:
            outputs.append(handle.read())
    sent = []

    def run(command, stdin_text):
        sent.append((command, stdin_text))
        return 0, outputs[len(sent) - 1]
    spec = {'target': host, 'address': host, 'port': 5432, 'database': 'his'}
    results, stats, failure = collect.ssh_collect(ENGINE[host], spec, run, ssh_auth='socket', timeout=5)
    assert failure is None and stats['round_trips'] == 2 and stats['queries'] == len(results)
    assert sent[0][1].count('@@medops@@') == 1 and sent[1][1].count('@@medops@@') == len(results) - 1


def test_ssh_collect_reports_a_down_server_and_a_refused_login():
    def down(_command, _stdin):
        return 2, 'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n'
    _r, stats, failure = collect.ssh_collect('postgresql', {'target': 'x', 'port': 5432}, down)
    assert failure['down'] is True and stats['round_trips'] == 1

    def refused(_command, _stdin):
        return 1, "ERROR 1045 (28000): Access denied for user 'itops_monitor'@'localhost' (using password: YES)\n"
    _r, _s, failure = collect.ssh_collect('mysql', {'target': 'x', 'port': 3306, 'user': 'itops_monitor', 'password': 'x'},
                                          refused, ssh_auth='password')
    assert failure['down'] is False and 'Access denied' in failure['detail']


def test_argument_spec_hides_the_password():
    from ansible_collections.medops.itops.plugins.module_utils.db.argspec import ARGUMENT_SPEC
    assert ARGUMENT_SPEC['password']['no_log'] is True
