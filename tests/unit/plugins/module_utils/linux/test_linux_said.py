# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every Linux detail is said(): it carries its detail_id and params, and the zh_CN report says it in Chinese."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.linux import parse_services, parse_storage, parse_sysstat
from ansible_collections.medops.itops.plugins.module_utils.linux.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.linux.options import normalize
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import Sections
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.linux.linux_fixtures import fixture_path, run_fixture

FIXTURES = ['recorded/' + f for f in sorted(os.listdir(fixture_path('recorded'))) if f.endswith('.txt')] + \
           ['written/' + f for f in sorted(os.listdir(fixture_path('written'))) if f.endswith('.txt')]
ZH = load_catalog('zh_CN')


def zh(detail):
    return ZH.detail({'detail': str(detail), 'detail_id': detail.detail_id, 'params': detail.params})


@pytest.mark.parametrize('name', FIXTURES)
def test_every_detail_has_an_id_and_a_chinese_rendering(name):
    inspection, _info, _warnings = run_fixture(name)
    for item in inspection['items']:
        assert item.get('detail_id'), (item['id'], item.get('detail'))
        rendered = ZH.detail(item)
        assert rendered != item['detail'] and re.search(r'[\u4e00-\u9fff]', rendered), (item['detail_id'], rendered)


def test_garbage_output_details_have_ids_too():
    options = normalize({'critical_services': ['his-app'], 'logs': [{'path': '/var/log/app.log'}],
                         'certificates': ['/etc/his.pem'], 'expected_ports': [22]})
    inspection, _info, _warnings = assemble('garbage\n', options, 'broken-01')
    assert [i['id'] for i in inspection['items'] if not i.get('detail_id')] == []


def test_the_examples_of_a_real_run_read_well_in_chinese():
    service = parse_services.parse_services(Sections(
        '=== service his-app ===\nsystemd.LoadState=loaded\nsystemd.ActiveState=inactive\nsystemd.SubState=dead\n'
        'systemd.UnitFileState=enabled\n'), [{'name': 'his-app', 'port': None}]).items[0]
    assert service['detail'] == 'systemd inactive/dead, enabled'
    assert ZH.detail(service) == 'systemd 状态：未活动/已停止，开机启动：已启用'
    units = parse_services.parse_failed_units(Sections(
        '=== systemd-failed ===\nlis-report-sync.service loaded failed failed nightly report sync\n')).items[0]
    assert units['detail'] == 'lis-report-sync.service: load loaded, active failed, sub failed (nightly report sync)'
    assert ZH.detail(units) == 'lis-report-sync.service：加载状态 已加载，运行状态 失败，子状态 失败（「nightly report sync」）'
    nic = parse_storage.parse_nics(Sections('=== net-dev ===\n  eth0: 1 2 0 0 0 0 0 0 9 10 0 0 0 0 0 0\n')).items[0]
    assert nic['detail'] == 'rx errs 0 drop 0 frame 0, tx errs 0 drop 0 carrier 0 since boot'
    assert ZH.detail(nic) == '自启动以来接收错误 0、丢包 0、帧错误 0，发送错误 0、丢包 0、载波错误 0'
    fs = said('linux.fs.used', '{used} used of {size}, {free} free ({device}, {fstype!q})',
              used='35.0 GiB', size='252.0 GiB', free='66.4 GiB', device='overlay', fstype='overlay')
    assert zh(fs) == '已用 35.0 GiB，共 252.0 GiB，可用 66.4 GiB（设备 overlay，文件系统类型「overlay」）'


@pytest.mark.parametrize('body, chinese', [
    ('!!! missing sadf', '周期内性能数据不可用：未安装 sadf'),
    ('!!! unknown no sysstat data files in /var/log/sa of the last 32 days: sadc is not collecting '
     '(ENABLED in /etc/default/sysstat, sysstat service)',
     '周期内性能数据不可用：/var/log/sa 中没有近 32 天的 sysstat 数据文件，sadc 未在采集（检查 /etc/default/sysstat 中的「ENABLED」设置及 sysstat 服务）'),
    ('', '周期内性能数据不可用：近 744 小时内无 sysstat 采样（sadc 是否在采集？）'),
])
def test_sysstat_unavailable_says_why_in_chinese(body, chinese):
    text = '=== meta ===\nnow_epoch=1795512001\n=== sysstat ===\nsince_hours=744\n%s\n=== end ===\n' % body
    item = parse_sysstat.parse_sysstat(Sections(text)).items[0]
    assert item['detail'].startswith('performance over the period unavailable: ')
    assert ZH.detail(item) == chinese
