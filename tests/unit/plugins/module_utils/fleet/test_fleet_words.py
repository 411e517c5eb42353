# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet details are said with ids: the English stays as it was, the zh_CN report says them in Chinese."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.fleet import inspect as fleet
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog


def details(inspection):
    return dict((i['id'], (i['detail'], load_catalog('zh_CN').detail(i))) for i in inspection['items'])


def test_a_department_without_history():
    dept = {'department': 'opd', 'port': 22, 'addresses': ['10.77.9.156', '10.77.9.180', '10.77.9.181']}
    found = details(fleet.department_inspection(dept, {('10.77.9.181', 22): ('online', 'port 22 open', 1.0)}, max_listed=50))
    assert found['fleet.online_pct'] == ('1 of 3 addresses answered (TCP port 22)', '共 3 个地址，1 个有应答（TCP 端口 22）')
    assert found['fleet.offline'] == ('10.77.9.156, 10.77.9.180 (last seen unknown: no history store)',
                                      '10.77.9.156, 10.77.9.180（最后在线时间未知：无历史库）')
    bounded = details(fleet.department_inspection(dept, {}, max_listed=1, method='icmp'))
    assert bounded['fleet.online_pct'][1] == '共 3 个地址，0 个有应答（ICMP）'
    assert bounded['fleet.offline'][1] == '10.77.9.156（最后在线时间未知：无历史库），另有 2 个'


@pytest.mark.parametrize('row,english,chinese', [
    ({'range': '10.0.0.1'}, 'cannot sweep: fleet[0]: `department` is required', '无法扫描：「fleet[0]」：缺少「department」'),
    ({'department': 'a', 'range': '10.0.0.9-1'}, 'cannot sweep: 10.0.0.9-1: the range ends before it starts',
     '无法扫描：10.0.0.9-1：结束地址小于起始地址'),
    ({'department': 'a', 'range': '10.0.0.0/8'}, 'cannot sweep: 10.0.0.0/8: more than 65536 addresses', '无法扫描：10.0.0.0/8：地址数超过 65536 个'),
    ({'department': 'a', 'range': '10.0.0.1', 'port': 'x'}, "cannot sweep: invalid literal for int() with base 10: 'x'",
     "无法扫描：「invalid literal for int() with base 10: 'x'」"),
])
def test_rows_that_cannot_be_swept(row, english, chinese):
    _good, broken = fleet.departments([row])
    item = broken[0]['items'][0]
    assert (item['detail'], load_catalog('zh_CN').detail(item)) == (english, chinese)
