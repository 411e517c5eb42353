# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SNMP checks speak the report's language: every enum word a profile shows (`labels:`), every
profile description and interface state is in the glossary (reports_templates/i18n/words/), and the
items built from every SNMP fixture carry a detail_id whose zh_CN rendering is Chinese."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog, load_words
from ansible_collections.medops.itops.plugins.module_utils.snmp import detect
from ansible_collections.medops.itops.plugins.module_utils.snmp import items as builders
from ansible_collections.medops.itops.plugins.module_utils.snmp import transforms as tf
from ansible_collections.medops.itops.plugins.module_utils.snmp.engine import SnmpError, SnmpTimeout, no_response
from ansible_collections.medops.itops.plugins.module_utils.snmp.inspect import gone, no_answer, stopped
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report import language_scan
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.snmp_replay import FIXTURES, load
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.test_snmp_items import inspect_replayed

ZH = load_words('zh_CN')
EN = load_words('en')
CJK = re.compile(r'[\u3400-\u9fff]')
CAMEL = re.compile(r'^[a-z]+(?:[A-Z][a-z]+)+$')


def _labels(node, found):
    """Every `labels:` value under a loaded profile (items, tables, includes merged)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'labels' and isinstance(value, dict):
                found.update(str(v) for v in value.values())
            else:
                _labels(value, found)
    elif isinstance(node, list):
        for value in node:
            _labels(value, found)
    return found


def _profiles():
    loader = Loader()
    return [(name, loader.load(name)) for name in sorted(loader.names())]


PROFILES = _profiles()
LABELS = sorted(set(word for _name, profile in PROFILES for word in _labels(profile, set())))


def test_the_profiles_have_labels():
    assert len(LABELS) > 100 and 'fanError' in LABELS and 'onBattery' in LABELS and 'leak detected' in LABELS


@pytest.mark.parametrize('word', LABELS)
def test_every_label_of_every_profile_is_in_the_glossary(word):
    assert word in ZH, '%s: add it to reports_templates/i18n/words/snmp.yml' % word
    assert CJK.search(ZH[word]), (word, ZH[word])
    assert word in EN and not CAMEL.match(EN[word]), (word, EN.get(word))       # readable: fanError -> fan error


def test_profile_descriptions_interface_states_and_roles_are_in_the_glossary():
    words = set(p.get('description') for _n, p in PROFILES if p.get('description'))
    words |= set(builders.IF_OPER.values()) | {'uplink', 'must be up', 'aggregation', 'up in the previous run', 'interface speed'}
    assert sorted(w for w in words if w not in ZH or not CJK.search(ZH[w])) == []


def _zh(item):
    return load_catalog('zh_CN').detail(item)


def _english(inspection):
    names = language_scan.run_names({'inspections': [inspection]})
    return dict((i['id'], language_scan.english_words(_zh(i), names)) for i in inspection['items']
                if i.get('detail') and language_scan.english_words(_zh(i), names))


FIXTURE_FILES = sorted(f for f in os.listdir(FIXTURES) if f.endswith('.jsonl'))


@pytest.mark.parametrize('name', FIXTURE_FILES)
def test_every_detail_of_every_fixture_has_an_id_and_speaks_chinese(monkeypatch, name):
    inspection = inspect_replayed(monkeypatch, load(name))
    assert [i['id'] for i in inspection['items'] if i.get('detail') and not i.get('detail_id')] == []
    assert all(i['detail'] == str(i['detail']) for i in inspection['items'] if i.get('detail'))
    assert _english(inspection) == {}


@pytest.mark.parametrize('item,zh', [
    (builders._enum({'id': 'ups.on_battery', 'value': 'src', 'map': {5: 'critical'}, 'labels': {5: 'battery'}}, {'src': 5}, None)[0],
     '原始值 5'),
    (builders._enum({'id': 'x', 'value': 'v', 'map': {1: 'ok'}}, {'v': 7}, 's')[0], '取值 7 不是已知状态'),
    (builders._if_oper({'id': 'if.oper', 'admin': 'a', 'value': 'o'}, {'a': 1, 'o': 2, 'index': '1'}, 'Eth-Trunk1',
                       builders.Context(), [])[0], '管理状态 启用，运行状态 断开（聚合口）'),
    (builders._unused_ports(['GE0/0/1', 'GE0/0/2']), '管理状态启用、运行状态断开、无描述、非上联口且上次巡检时也未启用的接口：GE0/0/1, GE0/0/2'),
    (builders._count({'id': 'ups.alarms', 'table': 't', 'value': 'descr',
                      'labels': {'1.3.6.1.2.1.33.1.6.3.2': 'onBattery', '1.3.6.1.2.1.33.1.6.3.3': 'lowBattery'}},
                     {'tables': {'t': {'1': {'descr': '1.3.6.1.2.1.33.1.6.3.2'}, '2': {'descr': '1.3.6.1.2.1.33.1.6.3.3'}}}},
                     builders.Context())[0], '电池供电、电池电量低'),
    (make_item('snmp.reach', detail=detect.reach_detail('3', 'huawei_vrp_switch', detect.TASK_OPTION)),
     'SNMP 版本 3，模板 huawei_vrp_switch（由任务参数「profile」指定）'),
    (make_item('snmp.reach', detail=no_answer(SnmpTimeout(no_response(5.0, 2)))),
     '无响应或认证失败：无响应（共 2 次，每次等待 5.0s）（设备宕机、ACL 限制或团体名/凭据错误）'),
    (make_item('snmp.reach', detail=no_answer(SnmpError('some library text'))),
     '无响应或认证失败：「some library text」（设备宕机、ACL 限制或团体名/凭据错误）'),
    (make_item('snmp.reach', detail=stopped(SnmpTimeout(no_response(1.0, 1)))),
     '无响应或认证失败：巡检过程中停止应答：无响应（共 1 次，每次等待 1.0s）（设备宕机、ACL 限制或团体名/凭据错误）'),
    (make_item('x', detail=tf.number_reason('ifOperStatus', tf.to_number(None)[1])), '接口运行状态：无此对象或实例'),
])
def test_details_render_in_chinese(item, zh):
    assert _zh(item) == zh


def test_english_of_composed_details_is_unchanged():
    assert no_answer(SnmpTimeout(no_response(5.0, 2))) == \
        'no response / authentication: no response within 5.0s x 2 tries (device down, ACL, or wrong community/credentials)'
    assert gone(3, SnmpError('error-status x')) == (
        'no response / authentication: stopped answering during the poll (3 of its requests '
        'timed out, then sysUpTime: error-status x) (device down, ACL, or wrong community/credentials)')
    assert detect.reach_detail('2c', 'generic_snmp', 'odd text') == 'SNMPv2c, profile generic_snmp (odd text)'
    assert tf.number_reason('interface speed', tf.to_number(b'fast')[1]) == "interface speed: not a number: 'fast'"


@pytest.mark.parametrize('count', [1, 2, 10, 12])
def test_a_count_items_words_are_one_list_of_any_length_in_both_languages(count):
    words = (['onBattery', 'lowBattery'] * 6)[:count]
    detail = builders._count_detail(words, True, True)  # pylint: disable=protected-access
    shown = words[:builders.MAX_DETAIL_NAMES]
    assert detail == ', '.join(shown) + (' ...' if count > builders.MAX_DETAIL_NAMES else '')   # the English it always had
    item = make_item('ups.alarms.count', status='warning', detail=detail)
    zh = load_catalog('zh_CN').detail(item)
    assert zh.count('、') == len(shown) - 1 and '电池供电' in zh and 'Battery' not in zh
    assert zh.endswith(' 等') == (count > builders.MAX_DETAIL_NAMES)
