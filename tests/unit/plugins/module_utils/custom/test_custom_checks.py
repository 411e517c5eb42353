# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""User-defined checks: definition validation (errors name the check and the key), thresholds,
the shipped interface checks on the rows recorded from the lab's `ie` database, SQL against a real
PostgreSQL on loopback, HTTP against a loopback server, and the host script run by a real /bin/sh."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import tempfile

import pytest
import yaml

from ansible_collections.medops.itops.plugins.module_utils.custom import definitions, run
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import ThresholdError
from ansible_collections.medops.itops.tests.unit.local_servers import local_postgresql
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.middleware.servers import http_server

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
ROWS = os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'middleware', 'recorded', 'interface_rows.json')
CHECKS = os.path.join(ROOT, 'playbooks', 'vars', 'interface_checks.yml')
IE = {'ie': {'engine': 'postgresql', 'host': '10.77.0.21', 'database': 'ie'}}


def _shipped():
    with open(CHECKS, encoding='utf-8') as fh:
        return definitions.normalize_all(yaml.safe_load(fh)['itops_interface_checks'], IE)


@pytest.mark.parametrize('check,message', [
    ({'name': 'a.b', 'kind': 'sql', 'qurey': 'SELECT 1'}, "custom check 'a.b': unknown key qurey for kind sql"),
    ({'name': 'a.b', 'kind': 'sql'}, "custom check 'a.b': query is required for kind sql"),
    ({'name': 'A b', 'kind': 'sql', 'query': 'x'}, "custom check 'A b': name must be"),
    ({'kind': 'sql', 'query': 'x'}, 'custom check #1: name must be'),
    ({'name': 'a', 'kind': 'ping'}, "custom check 'a': kind must be one of sql, http, log, command"),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'connection': 'nope'}, "connection 'nope' is not defined"),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'engine': 'oracle'}, 'engine must be one of'),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'thresholds': 5}, 'thresholds must be a mapping'),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'thresholds': {'warn': 5}}, 'thresholds: unknown key warn'),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'thresholds': {'warning': 'high'}}, 'thresholds.warning must be a number'),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'thresholds': {'direction': 'up'}}, 'thresholds.direction must be above or below'),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'thresholds': {'warning': 1}, 'expect': 'x'}, 'thresholds or expect, not both'),
    ({'name': 'a', 'kind': 'sql', 'query': 'x', 'timeout': 0}, 'timeout must be at least 1'),
    ({'name': 'a', 'kind': 'http', 'url': 'ftp://x'}, 'url must start with http'),
    ({'name': 'a', 'kind': 'log', 'path': 'rel.log', 'pattern': 'x'}, 'path must be absolute'),
    ({'name': 'a', 'kind': 'log', 'path': '/a', 'pattern': '('}, 'pattern is not a valid regular expression'),
    ({'name': 'a', 'kind': 'log', 'path': '/a', 'pattern': 'x', 'lines': 0}, 'lines must be at least 1'),
    ({'name': 'a', 'kind': 'command'}, 'command is required for kind command'),
    ('SELECT 1', 'custom check #1: must be a mapping'),
])
def test_malformed_definitions_name_the_check_and_key(check, message):
    with pytest.raises(definitions.CheckError) as err:
        definitions.normalize_all([check], {'ie': {'host': 'h'}})
    assert message in str(err.value)


def test_list_level_errors():
    with pytest.raises(definitions.CheckError, match='must be a list'):
        definitions.normalize_all({'name': 'a'})
    with pytest.raises(definitions.CheckError, match='itops_custom_connections must be a mapping'):
        definitions.normalize_all([], ['x'])
    with pytest.raises(definitions.CheckError, match="custom check 'a': name used twice"):
        definitions.normalize_all([{'name': 'a', 'kind': 'command', 'command': 'true'}] * 2)
    for conn, message in (({'ie': 'x'}, 'must be a mapping'), ({'ie': {'host': 'h', 'pwd': 1}}, 'unknown key pwd'),
                          ({'ie': {'port': 1}}, 'host is required')):
        with pytest.raises(definitions.CheckError, match=message):
            definitions.normalize_all([{'name': 'a', 'kind': 'sql', 'query': 'x', 'connection': 'ie'}], conn)
    assert definitions.normalize_all(None) == []


def test_shipped_interface_checks_on_recorded_lab_rows():
    with open(ROWS, encoding='utf-8') as fh:
        rows = json.load(fh)
    items = []
    for check in _shipped():
        if check['kind'] == 'sql':
            items += [run.value_item(check, subject, value) for subject, value in rows[check['name']]]
    bad = sorted((i['id'], i['subject'], i['status'], bool(i.get('fault'))) for i in items if i['status'] != 'ok')
    assert bad == [('custom.interface.backlog', 'HIS->医保 医保结算', 'critical', False),
                   ('custom.interface.last_success_age_min', 'HIS->医保 医保结算', 'critical', True)]
    assert len(items) == 18
    assert all(i['threshold'] for i in items)


def test_thresholds_expectations_and_values():
    check = definitions.normalize({'name': 'q.depth', 'kind': 'command', 'command': 'x', 'thresholds': {'warning': 5, 'critical': 9},
                                   'unit': 'msgs', 'fault': True})
    assert run.value_item(check, None, '7')['status'] == 'warning'
    crit = run.value_item(check, 'q1', 12)
    assert crit['status'] == 'critical' and crit['fault'] and crit['subject'] == 'q1'
    assert run.value_item(check, None, 7, {'custom.q.depth': {'warning': 8}})['status'] == 'ok'
    assert run.value_item(check, 'q1', 7, {'custom.q.depth@q1': {'warning': 6, 'critical': 7}})['status'] == 'critical'
    with pytest.raises(ThresholdError):
        run.value_item(check, None, 7, {'custom.q.depth': 3})
    assert run.value_item(check, None, 'many')['status'] == 'unknown'
    assert run.value_item(check, None, None)['status'] == 'unknown'
    below = definitions.normalize({'name': 'free', 'kind': 'command', 'command': 'x', 'thresholds': {'warning': 10, 'direction': 'below'}})
    assert run.value_item(below, None, 5)['threshold'] == {'warning': 10, 'direction': 'below'}
    expect = definitions.normalize({'name': 's', 'kind': 'command', 'command': 'x', 'expect': 'UP', 'fault': True})
    assert run.value_item(expect, None, 'UP')['status'] == 'ok'
    down = run.value_item(expect, None, 'DOWN')
    assert down['status'] == 'critical' and down['fault'] and 'expected UP' in down['detail']
    plain = definitions.normalize({'name': 'n', 'kind': 'command', 'command': 'x'})
    assert run.value_item(plain, None, '3.50')['value'] == 3.5 and run.value_item(plain, None, 4)['status'] == 'ok'
    assert run.to_number(True) is None and run.to_number('2.0') == 2


def test_sql_checks_against_a_loopback_postgresql():
    with local_postgresql(user='itops', password='pw-1') as port:
        conn = {'engine': 'postgresql', 'host': '127.0.0.1', 'port': port, 'user': 'itops', 'password': 'pw-1', 'database': 'postgres'}
        checks = definitions.normalize_all([
            {'name': 'rows', 'kind': 'sql', 'connection': 'db', 'query': "SELECT * FROM (VALUES ('a', 1), ('b', 70)) v",
             'thresholds': {'warning': 50}},
            {'name': 'one', 'kind': 'sql', 'connection': 'db', 'query': 'SELECT 42'},
            {'name': 'none', 'kind': 'sql', 'connection': 'db', 'query': 'SELECT 1 WHERE false'},
            {'name': 'broken', 'kind': 'sql', 'connection': 'db', 'query': 'SELECT FROM nowhere'},
            {'name': 'readonly', 'kind': 'sql', 'connection': 'db', 'query': 'CREATE TABLE t (a int)'},
            {'name': 'vars', 'kind': 'sql', 'query': 'SELECT 1', 'database': 'postgres'},
            {'name': 'nohost', 'kind': 'sql', 'query': 'SELECT 1'},
        ], {'db': conn})
        by_vars = dict(conn, database='template1')
        items = run.controller_items(checks[:6], {'db': conn}, by_vars)
        nohost = run.controller_items(checks[6:], {}, {})
        wrong = run.sql_items(checks[1], dict(conn, password='wrong'))
    got = [(i['id'], i['subject'], i['value'], i['status']) for i in items]
    assert got[:4] == [('custom.rows', 'a', 1, 'ok'), ('custom.rows', 'b', 70, 'warning'), ('custom.one', 'one', 42, 'ok'),
                       ('custom.none', 'none', None, 'unknown')]
    assert items[4]['status'] == 'unknown' and 'nowhere' in items[4]['detail']
    assert items[5]['status'] == 'unknown' and 'read-only' in items[5]['detail']
    assert items[6]['value'] == 1
    assert nohost[0]['status'] == 'unknown' and 'no connection' in nohost[0]['detail']
    assert wrong[0]['status'] == 'unknown' and 'pw-1' not in json.dumps(wrong)


def test_http_checks_against_a_loopback_server():
    routes = {'/api': (200, json.dumps({'queue': {'depth': 12}, 'state': 'UP', 'list': [1, 2]})), '/plain': (200, 'hi')}
    with http_server(routes) as base:
        checks = definitions.normalize_all([
            {'name': 'depth', 'kind': 'http', 'url': base + '/api', 'jmespath': 'queue.depth', 'thresholds': {'warning': 10}},
            {'name': 'state', 'kind': 'http', 'url': base + '/api', 'jmespath': 'state', 'expect': 'UP'},
            {'name': 'code', 'kind': 'http', 'url': base + '/plain', 'expect': 200},
            {'name': 'notjson', 'kind': 'http', 'url': base + '/plain', 'jmespath': 'a'},
            {'name': 'listy', 'kind': 'http', 'url': base + '/api', 'jmespath': 'list'},
            {'name': 'down', 'kind': 'http', 'url': 'http://127.0.0.1:9/', 'fault': True, 'timeout': 1},
        ])
        items = run.controller_items(checks, {}, {})
    got = [(i['id'], i['value'], i['status']) for i in items]
    assert got[:3] == [('custom.depth', 12, 'warning'), ('custom.state', 'UP', 'ok'), ('custom.code', 200, 'ok')]
    assert items[3]['status'] == 'unknown' and 'not JSON' in items[3]['detail']
    assert items[4]['status'] == 'unknown' and items[4]['value'] == '[1, 2]'
    assert items[5]['status'] == 'critical' and items[5]['fault']
    assert run.controller_items([], {}, {}) == []


def test_log_and_command_checks_run_by_a_real_shell():
    folder = tempfile.mkdtemp(prefix='custom-')
    log = os.path.join(folder, "app's.log")
    with open(log, 'w', encoding='utf-8') as fh:
        fh.write(''.join('2026-11-25 10:00:%02d ERROR failed\n' % i if i % 4 == 0 else '2026-11-25 10:00:%02d INFO ok\n' % i
                         for i in range(40)))
    checks = definitions.normalize_all([
        {'name': 'errors', 'kind': 'log', 'path': log, 'pattern': ' ERROR ', 'thresholds': {'warning': 3}},
        {'name': 'recent', 'kind': 'log', 'path': log, 'pattern': ' ERROR ', 'lines': 8},
        {'name': 'none', 'kind': 'log', 'path': log, 'pattern': 'FATAL'},
        {'name': 'missing', 'kind': 'log', 'path': '/nonexistent/x.log', 'pattern': 'x'},
        {'name': 'queue', 'kind': 'command', 'command': "echo 'depth: 17 messages'"},
        {'name': 'words', 'kind': 'command', 'command': 'echo none'},
        {'name': 'sql', 'kind': 'sql', 'query': 'SELECT 1'},
        {'name': 'slow', 'kind': 'command', 'command': 'sleep 5; echo 1', 'timeout': 1},
    ])
    script = run.build_host_script(checks)
    out = subprocess.run(['/bin/sh', '-c', script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False).stdout
    items = run.host_items(checks, run.parse_host_output(out))
    got = [(i['id'], i['value'], i['status']) for i in items]
    assert got[:5] == [('custom.errors', 10, 'warning'), ('custom.recent', 2, 'ok'), ('custom.none', 0, 'ok'),
                       ('custom.missing', None, 'unknown'), ('custom.queue', 17, 'ok')]
    assert 'cannot read' in items[3]['detail']
    assert items[5]['status'] == 'unknown' and 'no number' in items[5]['detail']
    assert items[6]['status'] == 'unknown'           # timed out: no output
    assert run.host_items(checks[:1], {})[0]['detail'] == 'log: no output from the host'
    assert run.parse_host_output('@@medops-custom x\nnoise\n') == {}
