# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC details are said(): each carries its detail_id and params, the English is what the checks always
said, and the zh_CN report renders it with the BMC's enums through the glossary and its log entries quoted."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.bmc import collect, ipmi, redfish
from ansible_collections.medops.itops.plugins.module_utils.bmc.items import items_from_model
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report.language_scan import english_words, run_names

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures'))


@pytest.fixture(scope='module')
def zh():
    return load_catalog('zh_CN')


def _redfish(name):
    with open(os.path.join(FIXTURES, 'redfish', name)) as handle:
        documents = json.load(handle)

    def get(path):
        if path not in documents:
            raise ValueError('HTTP 404')
        return documents[path]
    docs = redfish.collect_documents(get)
    return items_from_model(name, redfish.model_from_documents(docs),
                            reach_detail=collect.redfish_reach(443, docs['problems'][:5]))


def _ipmi(name):
    outputs = {}
    for key, _args in ipmi.COMMANDS:
        with open(os.path.join(FIXTURES, 'ipmi', name, key + '.txt')) as handle:
            outputs[key] = handle.read()
    return items_from_model(name, ipmi.model_from_outputs(outputs))


INSPECTIONS = [('redfish', 'bmc-his-01.json'), ('redfish', 'bmc-pacs-01.json'), ('ipmi', 'bmc-fin-01'), ('ipmi', 'written_ilo3')]


@pytest.mark.parametrize('kind,name', INSPECTIONS)
def test_every_detail_is_said_and_rendered_in_chinese(kind, name, zh):
    inspection = _redfish(name) if kind == 'redfish' else _ipmi(name)
    names = run_names({'inspections': [inspection]})
    for item in inspection['items']:
        assert item['detail_id'].startswith('bmc.'), item
        text = zh.detail(item)
        assert text != item['detail'] and english_words(text, names) == {}, (item, text)


def test_redfish_words_and_the_documents_not_read(zh):
    items = dict(((i['id'], i['subject']), i) for i in _redfish('bmc-pacs-01.json')['items'])
    psu = items[('bmc.psu.state', 'PSU2')]
    assert psu['detail'].startswith('health Critical, state Enabled, output 0 W, model PAC900S12-B2, serial ')
    assert zh.detail(psu).startswith('健康状态 严重，状态 已启用，输出 0 W，型号 「PAC900S12-B2」')
    drive = items[('bmc.drive.state', 'Disk0')]
    assert drive['detail'] == 'health OK, state Enabled, SSD 447.1 GiB (480103981056 B), serial S4X1NE0M300101'
    assert drive['params']['size_bytes'] == 480103981056
    reach = [i for i in _redfish('bmc-his-01.json')['items'] if i['id'] == 'bmc.reach'][0]
    assert reach['detail'].startswith('Redfish on port 443; not read: /redfish/v1/') and reach['detail'].endswith(': HTTP 404')
    assert zh.detail(reach).startswith('Redfish 端口 443；未读取：/redfish/v1/')


def test_the_documents_not_read_keep_the_text_they_always_had(zh):
    unread = [redfish.unread('/redfish/v1/P%d' % n, 'HTTP 500' if n % 2 else 'answer is not JSON') for n in range(5)]
    for count in range(1, 6):
        detail = collect.redfish_reach(443, unread[:count])
        assert detail == 'Redfish on port 443; not read: ' + '; '.join(unread[:count])
        assert detail.detail_id == 'bmc.reach.redfish_unread'
        assert zh.detail({'detail': detail, 'detail_id': detail.detail_id, 'params': detail.params}).count('/redfish/v1/P') == count
    assert collect.redfish_reach(443, []) == 'Redfish on port 443'


def test_ipmi_event_words_and_the_sel_quoted(zh):
    items = dict(((i['id'], i['subject']), i) for i in _ipmi('bmc-fin-01')['items'])
    psu = items[('bmc.psu.state', 'PS2 Status')]
    assert psu['detail'] == 'status ok, Presence detected, Failure detected (entity 10.2)'
    assert zh.detail(psu) == '状态 正常，在位，检测到故障（实体 10.2）'
    fan = items[('bmc.fan.state', 'FAN2')]
    assert fan['detail'] == 'status ok, 5800 RPM (entity 29.2)' and zh.detail(fan) == '状态 正常，读数 5800 RPM（实体 29.2）'
    log = items[('bmc.log.critical', 'SEL')]
    assert zh.detail(log) == '「%s」' % log['detail'] and 'Failure detected' in log['detail']
    assert items[('bmc.temperature.c', 'CPU1 Temp')]['detail'] == 'reading 52.0 C (collection threshold)'
    assert zh.detail(items[('bmc.temperature.c', 'CPU1 Temp')]) == '读数 52.0 °C（采集阈值）'


@pytest.mark.parametrize('reading', ['Presence detected', '120 Watts, Presence detected', '120 Watts, Presence detected, Drive Fault',
                                     'Presence detected, Drive Fault, AC lost', 'a, b, c, d', '31.36 percent', '', 'x,  y', '0x01'])
def test_sensor_details_say_what_ipmitool_printed(reading):
    detail = ipmi.sensor_detail('nc', reading, '10.1')
    assert detail == 'status nc, %s (entity 10.1)' % reading


def test_failures_keep_their_words(zh):
    assert collect.ipmi_failure(True, 1, '', 'Error: Unable to establish IPMI v2 / RMCP+ session\n') == \
        'IPMI login refused: Error: Unable to establish IPMI v2 / RMCP+ session'
    assert collect.ipmi_failure(False, 124, '', ipmi.TIMED_OUT) == 'IPMI no answer: ipmitool timed out'
    assert collect.ipmi_failure(False, 3, '', '') == 'IPMI no answer: exit 3'
    assert zh.detail({'detail': 'x', 'detail_id': 'bmc.ipmi.timed_out', 'params': {}}) == 'IPMI 无应答：命令执行超时'
    docs = {'systems': [{'Status': 'garbage'}], 'thermal': [{'Temperatures': [
        {'Name': 'U', 'ReadingCelsius': 30, 'Status': {'Health': 'Critical', 'State': 'Enabled'}}]}], 'managers': []}
    items = dict(((i['id'], i['subject']), i) for i in items_from_model('b', redfish.model_from_documents(docs))['items'])
    temp = items[('bmc.temperature.c', 'U')]
    assert temp['detail'] == 'reading 30 C (collection threshold); the BMC reports the sensor critical'
    assert temp['detail_id'] == 'bmc.temperature.collection_reported' and temp['params'] == {'reading': 30, 'state': 'critical'}
    assert zh.detail(temp) == '读数 30 °C（采集阈值）；BMC 报告该传感器 严重'
    assert items[('bmc.health', 'system')]['detail'] == 'no Status'
