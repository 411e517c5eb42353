# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""compare_runs, and the run record helpers (collector, redaction, run ids)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.history import compare_runs, run_changes
from ansible_collections.medops.itops.plugins.module_utils.history import record
from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import Redactor


def finding(target, item_id, status, kind='risk', grade=None, level='low', subject=None):
    return {'target': target, 'id': item_id, 'subject': subject, 'status': status, 'kind': kind, 'grade': grade, 'level': level}


def test_compare_new_resolved_worsened_by_target_id_subject():
    old = [finding('h1', 'a.b', 'warning'), finding('h1', 'a.c', 'warning', subject='/x'), finding('h2', 'd.e', 'critical', level='high'),
           finding('h3', 'f.g', 'warning')]
    new = [finding('h1', 'a.b', 'critical', level='high'), finding('h1', 'a.c', 'warning', subject='/y'),
           finding('h2', 'd.e', 'critical', kind='fault', grade='P1', level=None), finding('h3', 'f.g', 'warning')]
    changes = compare_runs(old, new)
    assert [(c['id'], c['subject']) for c in changes['new']] == [('a.c', '/y')]
    assert [(c['id'], c['subject'], c['status'], c['previous_status']) for c in changes['resolved']] == [('a.c', '/x', 'ok', 'warning')]
    assert [(c['target'], c['previous_status'], c['previous_level']) for c in changes['worsened']] == [('h1', 'warning', 'low'), ('h2', 'critical', 'high')]


def test_improved_is_neither_new_nor_worsened():
    changes = compare_runs([finding('h1', 'a.b', 'critical', level='high')], [finding('h1', 'a.b', 'warning')])
    assert changes == {'new': [], 'resolved': [], 'worsened': []}


def test_hosts_not_inspected_resolve_nothing():
    old = {'findings': [finding('h1', 'a.b', 'warning'), finding('h2', 'a.b', 'warning')]}
    new = {'run_id': 'r2', 'findings': [], 'inspections': [{'target': 'h1', 'items': [{'id': 'a.b', 'subject': None, 'status': 'ok'}]}]}
    changes = compare_runs(old, new)
    assert [c['target'] for c in changes['resolved']] == ['h1']
    assert run_changes(None, new) is None
    assert run_changes(dict(old, run_id='r1'), new)['previous_run_id'] == 'r1'


def test_run_id_and_period():
    assert re.match(r'^\d{8}T\d{6}-[0-9a-f]{4}$', record.new_run_id())
    assert record.period_of('monthly_inspection') == 'monthly' and record.period_of('restore_drill') == 'adhoc'


def test_device_class_from_vars_or_groups():
    assert record.device_class_of({'itops_device_class': 'ups'}, ['linux_server']) == 'ups'
    assert record.device_class_of({}, ['all', 'switches']) == 'switch'
    assert record.device_class_of({}, ['all']) is None


def test_redactor_masks_values_of_secret_names_and_secret_keys():
    variables = {'db_password': 'Sup3rSecret', 'snmp': {'community': 'c0mmunity', 'port': 161}, 'enabled_key': True,
                 'api_token': 'yes', 'hosts': ['x'], 'tokens': ['tok-aaaa', 'tok-bbbb']}
    secrets = Redactor.secret_values(variables)
    redact = Redactor(secrets)
    assert redact.secrets == set(['Sup3rSecret', 'c0mmunity', 'tok-aaaa', 'tok-bbbb'])
    data = {'detail': 'login Sup3rSecret via c0mmunity', 'facts': {'admin_password': 'plain', 'key': 'kept', 'n': 3},
            'items': [{'value': 'tok-bbbb'}]}
    assert redact(data) == {'detail': 'login ******** via ********', 'facts': {'admin_password': '********', 'key': 'kept', 'n': 3},
                            'items': [{'value': '********'}]}
    assert Redactor()('Sup3rSecret') == 'Sup3rSecret'


def test_collector_merges_inspections_of_one_target():
    collector = record.RunCollector()
    collector.add_result('h1', {'inspection': {'target': 'h1', 'device_class': 'linux_server', 'metrics': {'a': 1}, 'items': [{'id': 'a.b', 'status': 'ok'}]}})
    collector.add_result('h1', {'inspection': {'device_class': 'postgresql', 'metrics': {'b': 2}, 'items': [{'id': 'pg.c', 'status': 'warning'}]}})
    collector.add_result('h1', {'inspections': 'not a list', 'results': 'not a list'})
    assert collector.add_result('h1', 'not a dict') == []
    inspection, = collector.inspections_list({'h1': {'impact': 'hospital', 'system': 'HIS'}})
    assert inspection['device_class'] == 'linux_server' and inspection['metrics'] == {'a': 1, 'b': 2}
    assert [i['id'] for i in inspection['items']] == ['a.b', 'pg.c'] and inspection['impact'] == 'hospital'
    assert record.worst(inspection['items']) == (2, 'warning')


def test_problem_classification():
    assert record.problem_of({'msg': 'The task action timed out after 30 seconds'}) == 'timeout'
    assert record.problem_of({'msg': 'ssh: connect to host x port 22: Connection refused'}) == 'unreachable'
    assert record.problem_of({'msg': 'x'}, unreachable=True) == 'unreachable'
    assert record.problem_of({'msg': 'permission denied'}) == 'failed'
