# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Custom check details are said(): the hospital's description is a plain parameter, our words around it
are translated, and the English is what the checks always said ('; '-joined parts)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import itertools

import pytest

from ansible_collections.medops.itops.plugins.module_utils.custom import definitions, run
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.middleware import http
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog

NOTES = [None, said('custom.http.answered', 'HTTP {code} in {elapsed_ms} ms', code=200, elapsed_ms=3.5),
         said('custom.http.value', 'HTTP {code}, {expression}', code=200, expression='queue.depth'),
         said('custom.log.matching', 'last {lines:d} lines of {path} matching {pattern}', lines=100, path='/var/log/ie.log', pattern=' ERROR ')]


@pytest.fixture(scope='module')
def zh():
    return load_catalog('zh_CN')


def _check(description=None, expect=None):
    definition = {'name': 'interface.backlog', 'kind': 'command', 'command': 'x'}
    if description:
        definition['description'] = description
    if expect is not None:
        definition['expect'] = expect
    return definition


@pytest.mark.parametrize('description,note,value,expect', itertools.product(
    [None, '待确认的消息数'], NOTES, [None, 'UP', 'DOWN', '17', 'many'], [None, 'UP']))
def test_value_details_keep_their_english(description, note, value, expect, zh):
    check = definitions.normalize(_check(description, expect))
    item = run.value_item(check, None, value, None, note)
    parts = [description, note]
    if value is not None and expect is not None:
        parts.append('%s (expected %s)' % (value, expect))
    elif value is not None and run.to_number(value) is None:
        parts.append('not a number: %r' % value)
    english = '; '.join(p for p in parts if p) or ('no value' if value is None else None)
    assert item.get('detail') == english
    if english:
        assert item['detail_id'].startswith('custom.')
        assert zh.detail(item) == description if english == description else zh.detail(item) != english
    if description:
        assert zh.detail(item).startswith(description)          # the hospital's words, as written


def test_failures_name_the_kind(zh):
    check = definitions.normalize({'name': 'a', 'kind': 'http', 'url': 'https://ie/api', 'fault': True})
    item = run.failure_item(check, run._http_failed(check['url'], http.no_answer(10)), outage=True)   # pylint: disable=protected-access
    assert item['detail'] == 'http: https://ie/api: no answer within 10 s' and item['status'] == 'critical'
    assert zh.detail(item) == 'HTTP 检查：https://ie/api：10 s 内无应答'
    log = definitions.normalize({'name': 'b', 'kind': 'log', 'path': '/x.log', 'pattern': 'E'})
    items = run.host_items([log, log], {1: 'cannot read /x.log'})
    assert [i['detail'] for i in items] == ['log: no output from the host', 'log: no number in the output: cannot read /x.log']
    assert [zh.detail(i) for i in items] == ['日志检查：主机无输出', '日志检查：输出中没有数值：「cannot read /x.log」']
    sql = definitions.normalize({'name': 'c', 'kind': 'sql', 'query': 'SELECT 1'})
    failed = run.controller_items([sql], {}, {})[0]
    assert failed['detail'] == 'sql: no connection: set connection (itops_custom_connections) or itops_db_host'
