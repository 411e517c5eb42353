# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one byte formatter of the collection (item details and reports)."""

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes, format_value
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog


@pytest.mark.parametrize('value, text', [
    (0, '0 B'), (1023, '1023 B'), (1024, '1.0 KiB'), (1536, '1.5 KiB'), (2 * 1024 ** 3, '2.0 GiB'),
    (40 * 1024 ** 4, '40.0 TiB'), (3 * 1024 ** 5, '3.0 PiB'), (5 * 1024 ** 6, '5120.0 PiB'), (-2048, '-2.0 KiB'),
    (12.7, '12 B'), (None, '-'), ('12', '-'), (True, '-'),
])
def test_format_bytes(value, text):
    assert format_bytes(value) == text


def test_bytes_read_as_binary_units_and_degrees_keep_their_sign():
    catalog = load_catalog('zh_CN')
    assert format_value(480103981056, 'B', catalog) == '447.1 GiB'
    assert format_value(33.5, '°C', catalog) == '33.5 °C'
