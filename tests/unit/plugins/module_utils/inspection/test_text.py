# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""decode_device_text: device output is bytes until decoded on purpose (UTF-8, then GB18030), never a crash.

Inputs are written here: GBK bytes made with Python's own codec ('错误'.encode('gbk')), invalid UTF-8
(b'\\xff\\xfe'), and the surrogate-escaped str that ansible-core's _low_level_execute_command returns
for such bytes (bytes.decode('utf-8', 'surrogateescape'), its default 'surrogate_then_replace')."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import text


def surrogate_escaped(data):
    return data.decode('utf-8', 'surrogateescape')


def no_surrogates(value):
    json.dumps(value, ensure_ascii=False).encode('utf-8')     # raises UnicodeEncodeError on a surrogate
    return True


@pytest.mark.parametrize('data', [('2026-11-25 ERROR 数据库连接错误\n'.encode('gbk')),
                                  surrogate_escaped('2026-11-25 ERROR 数据库连接错误\n'.encode('gbk'))])
def test_gbk_bytes_and_their_surrogate_escaped_text_decode_to_chinese(data):
    assert text.decode_device_text(data) == '2026-11-25 ERROR 数据库连接错误\n'


def test_utf8_stays_utf8_line_by_line_next_to_gbk():
    data = '一 UTF-8 行\n'.encode('utf-8') + '二 GBK 行\n'.encode('gbk') + b'ascii\r\n'
    assert text.decode_device_text(data) == '一 UTF-8 行\n二 GBK 行\nascii\r\n'


def test_invalid_utf8_is_replaced_never_raised():
    for data in (b'bad \xff\xfe bytes\n', surrogate_escaped(b'bad \xff\xfe bytes\n')):
        decoded = text.decode_device_text(data)
        assert decoded.startswith('bad ') and decoded.endswith(' bytes\n') and no_surrogates(decoded)


def test_declared_encoding_is_used_and_still_replaces():
    assert text.decode_device_text('错误'.encode('gbk'), 'gbk') == '错误'
    assert no_surrogates(text.decode_device_text(b'\xff\xfe', 'utf-8'))
    assert text.decode_device_text('错误'.encode('utf-8'), 'utf-8') == '错误'


def test_empty_none_and_plain_text():
    assert text.decode_device_text(None) == ''
    assert text.decode_device_text(b'') == ''
    assert text.decode_device_text('plain ascii') == 'plain ascii'


def test_clean_text_recurses_into_results():
    result = {'stdout': surrogate_escaped('错误'.encode('gbk')), 'lines': [surrogate_escaped(b'\xff')], 'rc': 0}
    clean = text.clean_text(result)
    assert clean['stdout'] == '错误' and clean['rc'] == 0 and no_surrogates(clean)


@pytest.mark.parametrize('name, expected', [('auto', 'auto'), ('UTF8', 'utf-8'), ('gbk', 'gbk'), ('GB18030', 'gb18030'),
                                            ('cp936', 'gbk'), (None, 'auto'), ('', 'auto')])
def test_check_encoding_accepts_known_names(name, expected):
    assert text.check_encoding(name) == expected


@pytest.mark.parametrize('name', ['klingon', 'utf-16', 'base64', 3])
def test_check_encoding_refuses_what_cannot_decode_device_text(name):
    with pytest.raises(text.EncodingError, match='itops_text_encoding'):
        text.check_encoding(name)
