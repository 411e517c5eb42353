# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reachability details are said with ids: the English stays as it was, the zh_CN report says them in Chinese."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.reach import probes, sweep as sweep_mod
from ansible_collections.medops.itops.tests.unit.local_servers import free_port
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report import language_scan


def inspection(protocol, probe):
    return sweep_mod.to_inspection({'target': 't', 'device_class': 'x', 'protocol': protocol, 'address': '127.0.0.1', 'port': 22}, probe)


def zh(inspection_):
    item = inspection_['items'][0]
    return load_catalog('zh_CN').detail(item), language_scan.english_words(load_catalog('zh_CN').detail(item),
                                                                           language_scan.run_names({'inspections': [inspection_]}))


@pytest.mark.parametrize('error,english,chinese', [
    (socket.timeout('timed out'), 'TCP 22: timed out', 'TCP 端口 22：连接超时'),
    (ConnectionRefusedError(111, 'Connection refused'), 'TCP 22: [Errno 111] Connection refused', 'TCP 端口 22：连接被拒绝（错误码 111）'),
    (OSError('odd text'), 'TCP 22: odd text', 'TCP 端口 22：「odd text」'),
])
def test_socket_errors(error, english, chinese):
    found = inspection('tcp', probes.Probe(False, detail=probes.port_failed('TCP', 22, error)))
    assert found['items'][0]['detail'] == english and zh(found) == (chinese, {})


def test_a_closed_port_and_a_silent_redfish_in_chinese():
    port = free_port()
    closed = inspection('ssh', probes.probe_ssh('127.0.0.1', port, 1))
    assert closed['items'][0]['detail_id'] == 'reach.port.os_error' and zh(closed)[1] == {}
    redfish = inspection('redfish', probes.probe_redfish('127.0.0.1', port, 'u', 'p', 1))
    assert zh(redfish)[0].startswith('Redfish 服务根：') and zh(redfish)[1] == {}


def test_rejected_credentials_and_answers():
    pg = inspection('postgresql', probes.Probe(True, authenticated=False, detail=probes.driver_error('password authentication failed for user "x"')))
    assert pg['items'][0]['detail'] == 'answered, credentials rejected: password authentication failed for user "x"'
    assert zh(pg) == ('有应答，但拒绝了凭据：「password authentication failed for user "x"」', {})
    rejected = said('reach.redfish.login_rejected', 'Redfish login rejected (HTTP {code})', code=401)
    redfish = inspection('redfish', probes.Probe(True, authenticated=False, detail=rejected))
    assert zh(redfish) == ('有应答，但拒绝了凭据：Redfish 登录被拒绝（HTTP 401）', {})
    ok = inspection('tcp', probes.Probe(True, latency_ms=1.0, detail=said('reach.tcp.open', 'TCP {port} open', port=22)))
    assert zh(ok) == ('TCP 端口 22 开放', {})
    pong = probes.parse_asf_pong(bytes([6, 0, 0xFF, 6]) + bytes.fromhex('000011be') + bytes([0x40, 1, 0, 16]) + bytes(8) + bytes([0x80, 0]) + bytes(6), 1)
    assert pong == (True, 'RMCP presence pong (IPMI supported)') and zh(inspection('ipmi', probes.Probe(True, detail=pong[1])))[0] == '收到 RMCP 存在应答（支持 IPMI）'


def test_a_crashed_probe():
    found = sweep_mod._crashed({'target': 't', 'device_class': 'x', 'protocol': 'gopher', 'address': 'a', 'port': 70}, ValueError('unknown protocol gopher'))
    assert found['items'][0]['detail'] == 'gopher probe failed: ValueError: unknown protocol gopher'
    assert zh(found)[0] == 'gopher 探测失败：ValueError：「unknown protocol gopher」'
