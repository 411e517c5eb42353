# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NTP details are said with ids: the English stays as it was, the zh_CN report says them in Chinese."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.ntp import inspect as ntp_inspect
from ansible_collections.medops.itops.plugins.module_utils.ntp import sntp
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.tests.unit.local_servers import free_port

SPEC = {'target': 'clock', 'address': '127.0.0.1', 'port': 123}


def details(inspection):
    return dict((i['id'], (i['detail'], load_catalog('zh_CN').detail(i))) for i in inspection['items'])


def test_an_answer_in_chinese():
    answer = {'delay_ms': 0.42, 'version': 4, 'refid': 'GPS', 'stratum': 1, 'leap': 0, 'offset_ms': 3000.08, 'root_dispersion_ms': 1.0}
    found = details(ntp_inspect.inspection(SPEC, answer, None))
    assert found['ntp.reach'] == ('NTPv4 server, refid GPS, round trip 0.4 ms', 'NTP 版本 4 服务器，参考源 GPS，往返时延 0.4 ms')
    assert found['ntp.offset_ms'] == ('clock is +3000.1 ms ahead of the controller', '时钟比控制节点快（偏差 +3000.1 ms）')
    behind = details(ntp_inspect.inspection(SPEC, dict(answer, offset_ms=-12.0, stratum=16), None))
    assert behind['ntp.offset_ms'][1] == '时钟比控制节点慢（偏差 -12.0 ms）'
    assert behind['ntp.stratum'][1] == '时钟自报未同步（层级 16，闰秒指示 0）'


def test_no_answer_in_chinese():
    (answer, error), = fanout.own_loop(sntp.query_many([('127.0.0.1', free_port())], 0.2, 1))
    found = details(ntp_inspect.inspection(SPEC, answer, error))['ntp.reach']
    assert found[0].startswith('no NTP answer: ') and found[0].endswith('(2 tries) (clock down, UDP 123 filtered, or not an NTP server)')
    assert found[1].startswith('无 NTP 应答：') and found[1].endswith('（共尝试 2 次）（时钟源宕机、UDP 123 被过滤或不是 NTP 服务器）')
    with pytest.raises(sntp.NtpError) as raised:
        sntp.parse(sntp.PACKET.pack(4 << 3 | 4, 0, 0, 0, 0, 0, b'RATE', 0, 7, 0, 0), 7, 0, 0)
    kiss = details(ntp_inspect.inspection(SPEC, None, raised.value.args[0]))['ntp.reach']
    assert kiss == ("no NTP answer: kiss-o'-death RATE (clock down, UDP 123 filtered, or not an NTP server)",
                    '无 NTP 应答：服务器拒绝服务：请求过于频繁（时钟源宕机、UDP 123 被过滤或不是 NTP 服务器）')


def test_a_clock_without_answer_says_why_in_both_languages():
    why = said('ntp.error.no_answer', 'no answer within {timeout:.1f} s ({tries:d} tries)', timeout=1.5, tries=2)
    detail = ntp_inspect.no_answer(why)
    assert detail == 'no NTP answer: no answer within 1.5 s (2 tries) (clock down, UDP 123 filtered, or not an NTP server)'
    zh = load_catalog('zh_CN').detail({'detail': detail, 'detail_id': detail.detail_id, 'params': detail.params})
    assert zh == '无 NTP 应答：1.5 s 内无应答（共尝试 2 次）（时钟源宕机、UDP 123 被过滤或不是 NTP 服务器）'
    assert ntp_inspect.no_answer('odd') == 'no NTP answer: odd (clock down, UDP 123 filtered, or not an NTP server)'
