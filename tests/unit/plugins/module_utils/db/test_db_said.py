# -*- coding: utf-8 -*-
"""Database details are said(): each carries its detail_id and params, and the zh_CN report renders it,
with the server's words (versions, statements, driver errors) quoted and our own words translated."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.db import collect
from ansible_collections.medops.itops.plugins.module_utils.db.inspect import DETAIL_MAX, assemble
from ansible_collections.medops.itops.plugins.module_utils.db.results import parse_psql, result
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog

FIXTURES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'db', 'recorded')
ENGINE = {'pg-db-01': 'postgresql', 'pg-db-02': 'postgresql', 'my-db-01': 'mysql', 'my-db-02': 'mysql'}
TODAY = datetime.date(2026, 11, 25)
SPEC = {'target': 'db1', 'address': '10.0.0.1', 'port': 5432}


@pytest.fixture(scope='module')
def zh():
    return load_catalog('zh_CN')


def inspection(host, results=None, transport='network'):
    if results is None:
        with open(os.path.join(FIXTURES, '%s.network.json' % host)) as handle:
            results = json.load(handle)
    stats = {'connections': 1, 'queries': len(results), 'seconds': 0.1}
    return assemble(ENGINE[host], dict(SPEC, target=host), results, stats, None, transport, today=TODAY)


@pytest.mark.parametrize('host', sorted(ENGINE))
def test_every_detail_of_a_recorded_server_is_said_and_rendered(host, zh):
    for item in inspection(host)['items']:
        if item.get('detail'):
            assert item.get('detail_id', '').split('.')[0] in ('db', 'pg', 'mysql'), item
            assert zh.detail(item) != item['detail'], item


def test_zh_renders_states_through_the_glossary_and_quotes_the_server(zh):
    items = dict((i['id'], i) for i in inspection('pg-db-01')['items'])
    assert zh.detail(items['pg.replication.state']) == 'WAL 发送进程状态：流复制中，同步方式：异步'
    assert zh.detail(items['pg.version']) == 'PostgreSQL 「15.18 (Debian 15.18-0+deb12u1)」（社区支持至 2027-11-11）'
    assert zh.detail(items['pg.reach']).startswith('建立连接 1 次，经网络执行查询')
    statement = [i for i in inspection('pg-db-01')['items'] if i['id'] == 'pg.statements.top'][0]
    assert statement['params']['statement'] in zh.detail(statement) and '「' in zh.detail(statement)
    replica = dict((i['id'], i) for i in inspection('my-db-02')['items'])
    assert replica['mysql.replication.io_running']['detail'] == 'Slave_IO_Running: Yes'
    assert zh.detail(replica['mysql.replication.io_running']) == 'Slave_IO_Running：是'


def test_failed_queries_quote_the_error_but_not_our_own_words(zh):
    with open(os.path.join(FIXTURES, 'pg-db-01.network.json')) as handle:
        results = json.load(handle)
    results['locks'] = result(error='permission denied for view pg_locks')
    parsed, _err = parse_psql('@@medops@@ checkpoints\n', ['checkpoints', 'statements'])
    results.update(parsed)
    items = dict((i['id'], i) for i in inspection('pg-db-01', results)['items'])
    locks, checkpoints, statements = items['pg.locks.waiting'], items['pg.checkpoints.requested_pct'], items['pg.statements.top']
    assert locks['detail'] == 'pg_locks: permission denied for view pg_locks' and locks['detail_id'] == 'db.query.failed'
    assert zh.detail(locks) == 'pg_locks 查询失败：「permission denied for view pg_locks」'
    assert checkpoints['detail'] == 'checkpoint statistics: no result printed' and checkpoints['detail_id'] == 'db.query.none_printed'
    assert zh.detail(checkpoints) == '检查点统计 查询未输出结果'
    assert statements['detail'] == 'no output for this query' and statements['detail_id'] == 'db.result.no_output'


def test_reach_failures_quote_the_driver_and_keep_the_length(zh):
    long_error = 'FATAL:  password authentication failed for user "itops" ' + 'x' * 500
    refused = assemble('postgresql', SPEC, {}, {}, {'down': False, 'detail': long_error}, 'network')['items'][0]
    assert len(refused['detail']) == DETAIL_MAX and refused['detail'] == ('PostgreSQL refused the inspection login: %s' % long_error)[:DETAIL_MAX]
    assert refused['detail_id'] == 'db.reach.refused' and zh.detail(refused).startswith('PostgreSQL 拒绝巡检账号登录：「FATAL:')
    down = assemble('mysql', SPEC, {}, {}, collect.mysql_failure(2003, "Can't connect to MySQL server"), 'network')['items'][0]
    assert down['detail'] == "MariaDB/MySQL does not answer: Can't connect to MySQL server" and down['fault'] is True
    missing = assemble('postgresql', SPEC, {}, {}, {'down': False, 'detail': collect.no_library('psycopg')}, 'network')['items'][0]
    assert missing['detail'] == 'PostgreSQL refused the inspection login: the Python library psycopg is not installed on the controller'
    assert missing['detail_id'] == 'db.reach.no_library' and zh.detail(missing) == '无法登录 PostgreSQL：控制机未安装 psycopg 驱动库'

    def silent(_command, _stdin):
        return 0, ''
    results, stats, failure = collect.ssh_collect('postgresql', {'target': 'x', 'port': 5432}, silent)
    item = assemble('postgresql', SPEC, results, stats, failure, 'ssh')['items'][0]
    assert item['detail'] == 'PostgreSQL refused the inspection login: no output from psql' and item['detail_id'] == 'db.reach.no_output'
