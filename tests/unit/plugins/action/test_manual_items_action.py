# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The manual_items action: a filled form becomes inspections of inventory hosts; a bad row is named,
the rest kept; an unreadable form is an error naming the file."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible.errors import AnsibleError

from ansible_collections.medops.itops.plugins.module_utils.manual import form
from ansible_collections.medops.itops.tests.unit.plugins.action.action_harness import make_action

TASK_VARS = {
    'inventory_hostname': 'localhost',
    'hostvars': {'ups-dc-01': {'itops_device_class': 'ups'}, 'his-app-01': {}},
    'groups': {'linux_servers': ['his-app-01'], 'ups': ['ups-dc-01']},
}


def filled_form(tmp_path, extra_rows=()):
    rows = form.form_rows([('ups-dc-01', 'ups')], form.load_checks())
    assert rows, 'the catalog has no manual check for a UPS'
    for row in rows:
        row.update(result='ok', checked_by='Zhang', reviewed_by='Li', checked_at='2026-11-25 09:00')
    path = tmp_path / 'form.yml'
    path.write_text(yaml.safe_dump({'rows': rows + list(extra_rows)}, allow_unicode=True), encoding='utf-8')
    return str(path), len(rows)


def test_a_filled_form_becomes_the_devices_inspection(tmp_path):
    path, count = filled_form(tmp_path, [{'device': 'ghost-01', 'check_id': 'cabling', 'result': 'ok', 'checked_by': 'Z'}])
    result = make_action('manual_items', {'form': path}).run(task_vars=TASK_VARS)
    inspection, = result['inspections']
    assert inspection['target'] == 'ups-dc-01' and result['imported'] == count and result['rows'] == count + 1
    assert all(item['status'] == 'ok' and item['id'].startswith('manual.') for item in inspection['items'])
    assert len(result['errors']) == 1 and 'ghost-01' in result['errors'][0]


def test_an_unreadable_form_names_the_file(tmp_path):
    with pytest.raises(AnsibleError, match='manual_items: .*absent.yml'):
        make_action('manual_items', {'form': str(tmp_path / 'absent.yml')}).run(task_vars=TASK_VARS)
