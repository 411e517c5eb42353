# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manual items' details are said(): the engineer's note as written, "not checked" in the report's language."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.manual import form, importer
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog


def test_notes_and_unchecked_rows():
    rows = [(1, {'device': 'ups-01', 'check_id': 'battery_swelling', 'result': '异常', 'checked_by': '张工', 'note': '第 3 节电池鼓包'}),
            (2, {'device': 'ups-01', 'check_id': 'grounding', 'result': '未检'}),
            (3, {'device': 'ups-01', 'check_id': 'indicator_lights', 'result': 'ok', 'checked_by': '张工'})]
    inspections, errors = importer.import_rows(rows, form.load_checks(), {'ups-01': 'ups'})
    assert errors == []
    swelling, grounding, lights = inspections[0]['items']
    assert swelling['detail'] == '第 3 节电池鼓包' and swelling['detail_id'] == 'manual.note' and swelling['params'] == {'note': '第 3 节电池鼓包'}
    assert grounding['detail'] == 'not checked (未检)' and grounding['detail_id'] == 'manual.not_checked'
    assert 'detail' not in lights
    zh, en = load_catalog('zh_CN'), load_catalog('en')
    assert zh.detail(swelling) == '第 3 节电池鼓包' and zh.detail(grounding) == '未检'
    assert en.detail(grounding) == 'not checked (未检)'
