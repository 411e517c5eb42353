# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage details are said(): each carries its detail_id and params, the English is what the checks
always said (lists too: one template per length, storage/lists.py), and the zh_CN report renders it with
the array's enums through the glossary and its own messages quoted."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.storage import lists, oceanstor, storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.cli import collect_storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report.language_scan import english_words, run_names

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures'))
REFUSED = (1, '', 'CMMVC6051E An unsupported command was specified.\n')


@pytest.fixture(scope='module')
def zh():
    return load_catalog('zh_CN')


def _storwize(name):
    outputs = {}
    for key, _command in storwize.COMMANDS:
        path = os.path.join(FIXTURES, 'storwize', name, key + '.txt')
        if os.path.exists(path):
            with open(path) as handle:
                outputs[key] = handle.read()
    return outputs


def _runner(outputs, refuse=()):
    keys = dict((c.split()[0], k) for k, c in storwize.COMMANDS)
    keys.update((c.split()[0], k) for k, c in storwize.FALLBACKS.items())

    def run(command):
        name = command.split()[0]
        return REFUSED if name in refuse or keys[name] not in outputs else (0, outputs[keys[name]], '')
    return run


def _inspections():
    found = []
    for name in ('san-his-01.json', 'written_faults.json'):
        with open(os.path.join(FIXTURES, 'oceanstor', name)) as handle:
            found.append(items_from_model(name, oceanstor.model_from_answers(json.load(handle))))
    for name in ('san-lis-01', 'written_components', 'written_degraded'):
        found.append(collect_storwize(name, _runner(_storwize(name))))
    found.append(collect_storwize('old', _runner(_storwize('written_components'), refuse=('lsnodecanister', 'lsnode', 'lsquorum'))))
    return found


@pytest.mark.parametrize('inspection', _inspections(), ids=lambda i: i['target'])
def test_every_detail_is_said_and_rendered_in_chinese(inspection, zh):
    names = run_names({'inspections': [inspection]})
    for item in inspection['items']:
        assert item['detail_id'].startswith('storage.'), item
        text = zh.detail(item)
        assert text != item['detail'] and english_words(text, names) == {}, (item, text)


def test_refused_commands_keep_their_words(zh):
    inspection = collect_storwize('old', _runner(_storwize('written_components'), refuse=('lsnodecanister', 'lsnode', 'lsquorum')))
    reach = inspection['items'][0]
    failure = 'exit 1 CMMVC6051E An unsupported command was specified.'
    assert reach['detail'] == 'Storwize CLI over SSH; not read: lsnodecanister: %s; lsnode: %s; lsquorum: %s' % (failure, failure, failure)
    assert reach['detail_id'] == 'storage.reach.storwize_unread'
    assert [e['detail_id'] for e in reach['params']['failures']['said_list']] == ['storage.cli.refused_twice', 'storage.cli.refused']
    assert zh.detail(reach).startswith('经 SSH 访问 Storwize CLI；未读取：lsnodecanister：退出码 1：「CMMVC6051E ')
    items = dict(((i['id'], i['subject']), i) for i in inspection['items'])
    nodes = items[('storage.node.state', 'lsnodecanister')]
    assert nodes['detail'] == 'lsnodecanister gave no usable answer: lsnodecanister: %s; lsnode: %s' % (failure, failure)
    assert zh.detail(nodes).startswith('lsnodecanister 未返回可用结果：lsnodecanister：退出码 1：「CMMVC6051E')


def test_oceanstor_errors_and_the_requests_not_answered(zh):
    model = oceanstor.model_from_answers({})
    assert model['system']['health_detail'] == 'GET /system/ gave no usable answer: not read'
    assert zh.detail({'detail': 'x', 'detail_id': 'storage.missing.not_read', 'params': {'source': 'GET /system/'}}) == \
        'GET /system/ 未返回可用结果：未读取'
    with pytest.raises(oceanstor.OceanStorError) as raised:
        oceanstor.unwrap(b'{"data": {}, "error": {"code": 50331651, "description": "The object does not exist."}}', 'GET /disk')
    error = raised.value.reason
    assert error == 'GET /disk: error 50331651 The object does not exist.'
    with pytest.raises(oceanstor.OceanStorError) as raised:
        oceanstor.unwrap(b'<html/>', 'GET /alarm/currentalarm')
    garbage = raised.value.reason
    assert garbage == 'GET /alarm/currentalarm: answer is not JSON'
    reach = lists.rest_reach(8088, 'D1', [error])
    assert reach == 'REST API on port 8088, device D1; not read: GET /disk: error 50331651 The object does not exist.'
    assert zh.detail({'detail': reach, 'detail_id': reach.detail_id, 'params': reach.params}) == \
        'REST API 端口 8088，设备 D1；未读取：GET /disk：错误码 50331651：「The object does not exist.」'
    mixed = lists.rest_reach(8088, 'D1', [error, garbage])
    assert mixed == reach + '; GET /alarm/currentalarm: answer is not JSON'
    assert zh.detail({'detail': mixed, 'detail_id': mixed.detail_id, 'params': mixed.params}).endswith('；GET /alarm/currentalarm：应答不是 JSON')
    missing = lists.unanswered('GET /disk', error)
    assert missing == 'GET /disk gave no usable answer: GET /disk: error 50331651 The object does not exist.'
    assert lists.unanswered('GET /disk', 'GET /disk: error 1 x') == 'GET /disk gave no usable answer: GET /disk: error 1 x'


def _battery(index):
    return 'enclosure_id:battery_id:status:charging_status:recondition_needed:percent_charged:end_of_life_warning\n' + \
        ''.join('%d:%d:online:idle:no:100:no\n' % (1 + n // 2, 1 + n % 2) for n in range(index))


@pytest.mark.parametrize('count', [1, 2, 9, 40])
def test_a_list_of_any_length_is_one_template_and_keeps_its_english_text(count, zh):
    found = storwize.parse_batteries(_battery(count))
    detail = lists.summary('batteries', found)
    assert detail == '; '.join(c['detail'] for c in found)
    assert detail.detail_id == 'storage.components.all_ok'
    entries = detail.params['components']['said_list']
    assert len(entries) == count and entries[-1]['detail_id'] == 'storage.storwize.battery' and entries[-1]['params']['charged'] == '100'
    text = zh.detail({'detail': detail, 'detail_id': detail.detail_id, 'params': detail.params})
    assert text.count('电量 100%') == count and text.count('；') == count - 1


def test_a_list_with_an_entry_that_is_not_said_keeps_only_its_english_text():
    mixed = lists.storwize_reach([said('storage.cli.refused', '{command}: exit {rc} {message!q}', command='lsmdisk', rc=1, message='x'),
                                  'lsnode: something plain'])
    assert mixed == 'Storwize CLI over SSH; not read: lsmdisk: exit 1 x; lsnode: something plain'
    assert mixed.detail_id is None


def test_pools_disks_and_alarms(zh):
    with open(os.path.join(FIXTURES, 'oceanstor', 'san-his-01.json')) as handle:
        inspection = items_from_model('san-his-01', oceanstor.model_from_answers(json.load(handle)),
                                      reach_detail=lists.rest_reach(8088, '2102351QLH10K8000042', []))
    items = dict(((i['id'], i['subject']), i) for i in inspection['items'])
    assert items[('storage.reach', 'management')]['detail'] == 'REST API on port 8088, device 2102351QLH10K8000042'
    disk = items[('storage.disk.state', 'CTE0.5')]
    assert disk['detail'] == 'health fault, running offline, model ST4000NM0035, serial ZC100306Q'
    assert zh.detail(disk) == '健康状态 故障，运行状态 离线，型号 「ST4000NM0035」，序列号 ZC100306Q'
    alarm = items[('storage.alarm', 'The BBU is faulty')]
    assert zh.detail(alarm).startswith('「') and '（事件 0xF0C90001，序号 1001' in zh.detail(alarm)
    pool = items[('storage.pool.used_pct', 'StoragePool002')]
    assert pool['detail'].startswith('used ') and zh.detail(pool).startswith('已用 ')
