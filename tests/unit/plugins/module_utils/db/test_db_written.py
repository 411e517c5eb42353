# -*- coding: utf-8 -*-
"""Database checks on cases the lab cannot produce, written to the documented formats (marked as such):
other versions (PostgreSQL 12 / 17 views, MySQL 5.7 / 8.0 replication status), broken replication,
garbage and failed queries, failures to connect, and the network path against a local server.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.medops.itops.plugins.module_utils.db import collect, mysql_checks, mysql_queries, pg_checks, pg_queries
from ansible_collections.medops.itops.plugins.module_utils.db.inspect import assemble, check_options, inspect_network, spec_for
from ansible_collections.medops.itops.plugins.module_utils.db.results import (mask_sql, num, parse_mysql, parse_psql, result,
                                                                              run_dbapi)
from ansible_collections.medops.itops.tests.unit.local_servers import free_port

TODAY = datetime.date(2026, 11, 25)


def pg_server(version_num=150018, in_recovery='0', has_pgss='1'):
    return result(['version_num', 'version', 'uptime_s', 'in_recovery', 'has_pgss', 'max_connections', 'reserved_connections',
                   'database', 'login', 'data_directory'],
                  [[str(version_num), '%d.%d' % (version_num // 10000, version_num % 100), '864000', in_recovery, has_pgss,
                    '100', '3', 'his', 'itops_monitor', '/data/pgsql/15']])


def by_id(items, item_id):
    return [i for i in items if i['id'] == item_id]


def test_pg_plan_picks_views_by_version():
    # pg_stat_statements: total_time before 13, total_exec_time from 13; pg_stat_checkpointer from 17.
    def sqls(version, **kw):
        return dict(pg_queries.plan({'version_num': str(version), 'in_recovery': kw.get('rec', '0'), 'has_pgss': kw.get('pgss', '1')}))
    assert 'total_time' in sqls(120005)['statements'] and 'total_exec_time' not in sqls(120005)['statements']
    assert 'total_exec_time' in sqls(130001)['statements']
    assert 'pg_stat_bgwriter' in sqls(160000)['checkpoints'] and 'pg_stat_checkpointer' in sqls(170000)['checkpoints']
    assert 'statements' not in sqls(150000, pgss='0')
    standby = sqls(150000, rec='1')
    assert 'standby' in standby and 'replication' not in standby and 'unused_indexes' not in standby


def test_mysql_plan_picks_replica_status_by_flavour():
    def replica(version, comment='MySQL Community Server - GPL', log_bin='1'):
        return dict(mysql_queries.plan({'version': version, 'version_comment': comment, 'log_bin': log_bin,
                                        'performance_schema': '1'}))
    assert replica('10.3.39-MariaDB', 'mariadb.org binary distribution')['replica'] == 'SHOW ALL SLAVES STATUS'
    assert replica('8.0.36')['replica'] == 'SHOW REPLICA STATUS'
    assert replica('8.0.21')['replica'] == 'SHOW SLAVE STATUS'
    assert replica('5.7.44-log')['replica'] == 'SHOW SLAVE STATUS'
    assert 'binlogs' not in replica('5.7.44', log_bin='0')


def test_pg_standby_not_streaming_is_a_fault_and_inactive_slot_a_warning():
    res = {'server': pg_server(in_recovery='1'),
           'standby': result(['status', 'upstream', 'slot_name', 'lag_s', 'replay_pending_bytes'], [['stopped', '', '', '0', '0']])}
    items, facts, _m = pg_checks.build(res, today=TODAY)
    state = by_id(items, 'pg.replication.state')[0]
    assert state['status'] == 'critical' and state['fault'] is True and facts['role'] == 'standby' and facts['data_directory'] == '/data/pgsql/15'
    res = {'server': pg_server(),
           'replication': result(['application_name', 'client_addr', 'state', 'sync_state', 'replay_lag_s', 'replay_lag_bytes'],
                                 [['standby1', '10.0.0.9', 'catchup', 'async', '700.5', '1048576']]),
           'slots': result(['slot_name', 'slot_type', 'active', 'retained_bytes'], [['standby2', 'physical', '0', '5368709120']])}
    items, _f, _m = pg_checks.build(res, today=TODAY)
    states = dict((i['subject'], i) for i in by_id(items, 'pg.replication.state'))
    assert states['standby1 (10.0.0.9)']['status'] == 'critical' and states['standby1 (10.0.0.9)']['fault']
    assert states['slot standby2']['status'] == 'warning' and '5.0 GiB' in states['slot standby2']['detail']
    assert by_id(items, 'pg.replication.lag_s')[0]['status'] == 'critical'


def test_pg_thresholds_sessions_xid_locks_checkpoints_and_eol():
    act_cols = ['datname', 'usename', 'application_name', 'state', 'query_s', 'state_s', 'xact_s', 'self']
    res = {
        'server': pg_server(version_num=120020),
        'activity': result(act_cols, [['his', 'app', 'his', 'active', '900', '900', '900', '0'],
                                      ['his', 'app', 'his', 'idle in transaction', '10', '70', '70', '0'],
                                      ['his', 'me', 'medops.itops', 'active', '999', '999', '999', '1']]),
        'xid': result(['datname', 'xid_age'], [['his', '1500000000'], ['postgres', '100']]),
        'cache': result(['blks_hit', 'blks_read'], [['800000', '200000']]),
        'locks': result(['locktype', 'datname', 'wait_s'], [['relation', 'his', '45'], ['tuple', 'his', '2']]),
        'checkpoints': result(['timed', 'requested'], [['10', '90']]),
        'duplicate_indexes': result(['table_name', 'indexes', 'bytes'], [['orders', 'public.a, public.b', '1000']]),
        'unused_indexes': result(['name', 'table_name', 'bytes'], [['public.big_idx', 'public.orders', '104857600']]),
    }
    items, _f, _m = pg_checks.build(res, today=TODAY)
    status = dict((i['id'], i['status']) for i in items)
    assert status['pg.sessions.long_running'] == 'warning'          # our own session is not counted
    assert status['pg.sessions.idle_in_transaction'] == 'warning'
    assert status['pg.xid_age.pct'] == 'critical'                   # 69.8 % of 2^31
    assert status['pg.cache_hit_pct'] == 'critical'                 # 80 %
    assert status['pg.locks.waiting'] == 'warning'
    assert status['pg.checkpoints.requested_pct'] == 'critical'
    assert status['pg.index.duplicate'] == 'warning' and status['pg.index.unused'] == 'warning'
    assert status['pg.version'] == 'warning'                        # PostgreSQL 12: support ended 2024-11-21
    assert 'statements' not in res and not by_id(items, 'pg.statements.top')


def test_pg_bloat_estimate_and_unreadable_stats():
    cols = ['name', 'pages', 'tuples', 'block_size', 'fillfactor', 'row_width', 'columns', 'columns_with_stats']
    res = {'server': pg_server(), 'bloat': result(cols, [['public.orders', '10000', '100000', '8192', '100', '100', '5', '5']])}
    items, _f, _m = pg_checks.build(res, today=TODAY)
    bloat = by_id(items, 'pg.table.bloat_pct')[0]
    assert bloat['subject'] == 'his.public.orders' and bloat['status'] == 'critical' and bloat['value'] > 70
    res['bloat'] = result(cols, [['public.orders', '10000', '100000', '8192', '100', None, '5', '0']])
    items, facts, _m = pg_checks.build(res, today=TODAY)
    assert not by_id(items, 'pg.table.bloat_pct') and 'pg_stats' in facts['bloat_estimate']


def test_mysql_8_replica_stopped_is_a_fault():
    cols = ['Replica_IO_Running', 'Replica_SQL_Running', 'Seconds_Behind_Source', 'Source_Host', 'Source_Port', 'Last_IO_Error',
            'Last_SQL_Error', 'Retrieved_Gtid_Set']
    res = {'server': result(['version', 'version_comment', 'max_connections', 'read_only', 'log_bin', 'performance_schema'],
                            [['8.0.36', 'MySQL Community Server - GPL', '500', '1', '1', '1']]),
           'replica': result(cols, [['Connecting', 'Yes', None, 'db1', '3306', 'error connecting to master', '', 'x:1-5']]),
           'status': result(['Variable_name', 'Value'], [
               ['Uptime', '7200'], ['Threads_connected', '480'], ['Aborted_connects', '500'], ['Slow_queries', '0'],
               ['Innodb_buffer_pool_read_requests', '10000000'], ['Innodb_buffer_pool_reads', '2000000']]),
           'binlogs': result(['Log_name', 'File_size'], [['b.000001', str(60 * 1024 ** 3)]])}
    items, facts, _m = mysql_checks.build(res, today=TODAY)
    io = by_id(items, 'mysql.replication.io_running')[0]
    assert io['status'] == 'critical' and io['fault'] and 'error connecting' in io['detail'] and io['subject'] == 'db1:3306'
    assert by_id(items, 'mysql.replication.sql_running')[0]['status'] == 'ok'
    assert by_id(items, 'mysql.replication.lag_s')[0]['status'] == 'unknown'
    status = dict((i['id'], i['status']) for i in items)
    assert status['mysql.connections.used_pct'] == 'critical' and status['mysql.aborted_connects.rate'] == 'critical'
    assert status['mysql.innodb.buffer_pool_hit_pct'] == 'critical' and status['mysql.binlog.size_bytes'] == 'critical'
    assert status['mysql.version'] == 'warning' and facts['flavour'] == 'mysql'    # 8.0: support ended 2026-04-30


@pytest.mark.parametrize('results', [{}, {'server': result(error='permission denied for view pg_stat_activity')},
                                     {'server': result(['x'], [])}])
def test_pg_garbage_gives_unknown(results):
    items, _f, _m = pg_checks.build(results)
    assert [i['status'] for i in items] == ['unknown']


def test_failed_queries_become_unknown_items_not_crashes():
    res = dict((name, result(error='permission denied')) for name, _sql in pg_queries.plan({'version_num': '150000', 'has_pgss': '1'}))
    res['server'] = pg_server()
    items, _f, _m = pg_checks.build(res, today=TODAY)
    unknown = set(i['id'] for i in items if i['status'] == 'unknown')
    assert {'pg.connections.used_pct', 'pg.xid_age.pct', 'pg.cache_hit_pct', 'pg.table.dead_tuples_pct',
            'pg.locks.waiting', 'pg.statements.top', 'pg.checkpoints.requested_pct'} <= unknown
    res = {'server': result(['version'], [['10.6.1-MariaDB']]), 'status': result(error='x'), 'replica': result(error='denied'),
           'tables': result(error='y'), 'binlogs': result(error='z'), 'statements': result(error='w')}
    items, _f, _m = mysql_checks.build(res, today=TODAY)
    assert all(i['status'] == 'unknown' for i in items if i['id'] != 'mysql.version')
    items, _f, _m = mysql_checks.build({'server': result(['version'], [['garbage']]), 'status': result(['Variable_name', 'Value'], [])})
    assert by_id(items, 'mysql.connections.used_pct')[0]['status'] == 'unknown'
    assert mysql_checks.build({})[0][0]['status'] == 'unknown'


def test_text_parsers_handle_errors_garbage_and_escapes():
    out, err = parse_psql('psql: error: connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n', ['server'])
    assert out == {} and collect.pg_failure(err)['down'] is True
    out, err = parse_psql('psql: error: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication failed for user "x"', [])
    assert collect.pg_failure(err)['down'] is False
    text = '@@medops@@ a\npsql:<stdin>:2: ERROR:  relation "nope" does not exist\n@@medops@@ b\nx\x1fy\n1\x1f@NULL@\nstray\n'
    out, err = parse_psql(text, ['a', 'b', 'c'])
    assert err is None and out['a']['error'].startswith('relation') and out['b']['rows'] == [['1', None]] and out['c']['error']
    text = '@@medops@@ s\n@@medops@@ s\nName\tValue\nq\ta\\tb\\nc\\\\\nn\tNULL\n@@medops@@ r\n@@medops@@ r\nERROR 1227 (42000) at line 4: denied\n'
    out, err = parse_mysql(text, ['s', 'r', 'e'])
    assert out['s']['rows'] == [['q', 'a\tb\nc\\'], ['n', None]] and out['r']['error'] == 'denied' and out['e']['error']
    assert parse_mysql('ERROR 2002 (HY000): Can\'t connect to local server through socket', ['x'])[1].startswith('ERROR 2002')
    assert parse_mysql('', [])[1] == 'no output from mysql'
    assert collect._mysql_text_failure("ERROR 2002 (HY000): Can't connect")['down'] is True
    assert collect._mysql_text_failure('ERROR 1045 (28000): Access denied')['down'] is False


def test_mask_sql_and_num():
    assert mask_sql("ALTER ROLE x PASSWORD 'secret' VALID UNTIL '2027-01-01'") == 'ALTER ROLE x PASSWORD ? VALID UNTIL ?'
    assert mask_sql('SELECT * FROM t WHERE id = 42 AND t2.c = 1.5') == 'SELECT * FROM t WHERE id = ? AND t2.c = ?'
    assert mask_sql('SELECT "abc"', mysql=True) == 'SELECT ?' and len(mask_sql('x ' * 500, limit=50)) == 50
    assert mask_sql(None) is None
    assert num('12') == 12 and num('1.5') == 1.5 and num('nan') is None and num('x') is None and num(True) is None and num(None) is None


def test_assemble_failures_and_options():
    spec = {'target': 'db1', 'address': '10.0.0.1', 'port': 5432}
    down = assemble('postgresql', spec, {}, {}, {'down': True, 'detail': 'Connection refused'}, 'network')
    assert down['items'][0]['status'] == 'critical' and down['items'][0]['fault'] and down['items'][0]['subject'] == '10.0.0.1:5432'
    refused = assemble('mysql', spec, {}, {}, {'down': False, 'detail': 'Access denied'}, 'ssh')
    assert refused['items'][0]['id'] == 'mysql.reach' and 'fault' not in refused['items'][0]
    with pytest.raises(ValueError):
        check_options({'nope': 1})
    with pytest.raises(ValueError):
        spec_for('db1', {'itops_db_port': 'x'}, {}, 'postgresql')
    rule = {'mysql.connections.used_pct': {'critical': 95}}
    spec = spec_for('db1', {'ansible_host': '10.0.0.5', 'itops_db_user': 'u', 'itops_thresholds': rule}, {'port': None}, 'mysql')
    assert spec['address'] == '10.0.0.5' and spec['port'] == 3306 and spec['user'] == 'u' and spec['thresholds'] == rule


def test_network_down_and_wrong_password_against_local_servers():
    port = free_port()           # nothing listens there: refused at once
    for engine in ('postgresql', 'mysql'):
        spec = {'target': 'db', 'address': '127.0.0.1', 'port': port, 'user': 'u', 'password': 'p', 'database': 'postgres'}
        ins, stats = inspect_network(engine, [spec], 2, 4)[0]
        assert ins['items'][0]['status'] == 'critical' and ins['items'][0]['fault'] is True and stats['connections'] == 0
    assert inspect_network('postgresql', [], 2, 4) == []


@pytest.mark.lab
def test_network_wrong_password_local_postgresql():
    from ansible_collections.medops.itops.tests.unit.local_servers import local_postgresql
    with local_postgresql(user='itops', password='right') as port:
        spec = {'target': 'db', 'address': '127.0.0.1', 'port': port, 'user': 'itops', 'password': 'wrong', 'database': 'postgres'}
        ins, _stats = inspect_network('postgresql', [spec], 5, 1)[0]
        assert ins['items'][0]['status'] == 'critical' and 'fault' not in ins['items'][0]
        spec['password'] = 'right'
        ins, stats = inspect_network('postgresql', [spec], 5, 1)[0]
        assert stats['connections'] == 1 and ins['items'][0]['status'] == 'ok' and ins['facts']['role'] == 'primary'


class _Cursor(object):
    def __init__(self, fail):
        self.fail, self.description = fail, None

    def execute(self, sql):
        if self.fail:
            raise KeyError('boom')
        self.description = [('a',), ('b',)]

    def fetchall(self):
        return [(True, b'x')]

    def close(self):
        pass


class _Conn(object):
    def __init__(self):
        self.calls = 0

    def cursor(self):
        self.calls += 1
        return _Cursor(self.calls == 2)


def test_run_dbapi_keeps_errors_per_query():
    out = run_dbapi(_Conn(), [('one', 'q'), ('two', 'q')], error_types=(KeyError,))
    assert out['one']['rows'] == [['1', 'x']] and out['two']['error'] == "'boom'"
