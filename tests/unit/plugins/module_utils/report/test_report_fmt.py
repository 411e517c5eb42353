# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one byte formatter of the collection (item details and reports)."""

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes


@pytest.mark.parametrize('value, text', [
    (0, '0 B'), (1023, '1023 B'), (1024, '1.0 KiB'), (1536, '1.5 KiB'), (2 * 1024 ** 3, '2.0 GiB'),
    (40 * 1024 ** 4, '40.0 TiB'), (3 * 1024 ** 5, '3.0 PiB'), (5 * 1024 ** 6, '5120.0 PiB'), (-2048, '-2.0 KiB'),
    (12.7, '12 B'), (None, '-'), ('12', '-'), (True, '-'),
])
def test_format_bytes(value, text):
    assert format_bytes(value) == text
