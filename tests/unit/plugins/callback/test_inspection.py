# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inspection callback, driven hook by hook with real ansible-core objects.

The plugin is loaded through the plugin loader like ansible-playbook does, the play comes from
a real inventory (group_vars included) and the results are CallbackTaskResult objects.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import sqlite3

import pytest
import yaml

from ansible.executor.stats import AggregateStats
from ansible.executor.task_result import CallbackTaskResult
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.playbook.play import Play
from ansible.playbook.task import Task
from ansible import constants as C
from ansible.vars.manager import VariableManager

from ansible_collections.medops.itops.plugins.callback import inspection as plugin
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
CANARY = 'Canary-9f3b2e71-secret'
TOKEN_CANARY = 'tok-55aa77cc-canary'

INVENTORY = """
[linux_server]
his-app-01 itops_impact=hospital itops_system=HIS
pacs-app-01 itops_impact=department
pc-01 itops_impact=individual
[switch]
core-sw-01 itops_impact=hospital
"""
GROUP_VARS_ALL = """
itops_report_vendor: Vendor Co
snmp_community: %s
db:
  user: monitor
  api_token: %s
db_password: "{{ vault_db_password }}"
vault_db_password: %s
""" % ('public-community-xyz', TOKEN_CANARY, CANARY)


class Recorder(object):
    """Stands for ansible's Display: keeps what the callback shows."""

    def __init__(self):
        self.lines = []
        self.warnings = []

    def display(self, msg, *args, **kwargs):
        self.lines.append(msg)

    def banner(self, msg, *args, **kwargs):
        self.lines.append(msg)

    def warning(self, msg, *args, **kwargs):
        self.warnings.append(msg)

    def vvv(self, msg, *args, **kwargs):
        self.lines.append(msg)

    def text(self):
        return '\n'.join(self.lines + self.warnings)


class Playbook(object):
    _file_name = '/somewhere/playbooks/quarterly_inspection.yml'


@pytest.fixture(scope='module', autouse=True)
def plugin_options():
    """What the plugin loader does when it loads the callback: register its documented options."""
    C.config.initialize_plugin_configuration_definitions('callback', plugin.CallbackModule.CALLBACK_NAME,
                                                         yaml.safe_load(plugin.DOCUMENTATION)['options'])


@pytest.fixture
def env(tmp_path):
    inventory_dir = tmp_path / 'inventory'
    (inventory_dir / 'group_vars').mkdir(parents=True)
    (inventory_dir / 'hosts.ini').write_text(INVENTORY)
    (inventory_dir / 'group_vars' / 'all.yml').write_text(GROUP_VARS_ALL)
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[str(inventory_dir / 'hosts.ini')])
    manager = VariableManager(loader=loader, inventory=inventory)
    play = Play.load({'hosts': 'all', 'gather_facts': False, 'vars': {'itops_report_hospital': 'City Hospital'}, 'tasks': []},
                     variable_manager=manager, loader=loader)
    return {'inventory': inventory, 'play': play, 'manager': manager, 'reports': str(tmp_path / 'reports'), 'tmp': tmp_path}


def new_callback(env, **options):
    callback = plugin.CallbackModule()
    callback._load_name = plugin.CallbackModule.CALLBACK_NAME
    options.setdefault('reports_dir', env['reports'])
    callback.set_options(direct=options)
    callback._display = Recorder()
    callback.v2_playbook_on_start(Playbook())
    callback.v2_playbook_on_play_start(env['play'])
    return callback


def result(env, host, data, task_name='inspect linux'):
    task = Task.load({'name': task_name, 'action': 'ansible.builtin.debug'})
    return CallbackTaskResult(env['inventory'].get_host(host), task, data, {})


def linux(target, used=50.0, status='ok', detail=None):
    items = [make_item('linux.fs.used_pct', subject='/data', value=used, unit='%', status=status, detail=detail),
             make_item('linux.cpu.util_pct', value=3.0, unit='%', status='ok')]
    return make_inspection(target, 'linux_server', items, facts={'os': 'Kylin V10'}, metrics={'fs./data.used_pct': used},
                           collected_at='2026-11-25T08:00:00+08:00')


def finish(callback):
    callback.v2_playbook_on_stats(AggregateStats())
    return callback.run


def stored_run(env):
    path, = glob.glob(os.path.join(env['reports'], '*', 'run.json')) or glob.glob(os.path.join(env['reports'], '*', '*.json'))
    with open(path, encoding='utf-8') as handle:
        return json.load(handle)


def test_options_are_read_once_with_their_defaults(env):
    callback = new_callback(env)
    assert callback.opts['language'] == 'zh_CN' and callback.opts['redact'] is True and callback.opts['history'] is None
    assert callback.CALLBACK_TYPE == 'aggregate' and callback.CALLBACK_NEEDS_ENABLED is True
    assert callback.job == 'quarterly_inspection'


def test_runner_on_ok_collects_items_and_builds_the_run_record(env):
    callback = new_callback(env)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'changed': False, 'inspection': linux('his-app-01')}))
    callback.v2_runner_on_ok(result(env, 'pacs-app-01', {'changed': False, 'inspection': linux('pacs-app-01', used=97.0, status='critical')}))
    callback.v2_runner_on_ok(result(env, 'pc-01', {'changed': False, 'msg': 'no inspection here'}))
    assert 'itops | pacs-app-01 | 2 items | critical' in callback._display.lines
    run = finish(callback)
    assert run['job'] == 'quarterly_inspection' and run['period'] == 'quarterly'
    assert [i['target'] for i in run['inspections']] == ['his-app-01', 'pacs-app-01']
    his = run['inspections'][0]
    assert (his['impact'], his['system'], his['host_status'], his['device_class']) == ('hospital', 'HIS', 'ok', 'linux_server')
    finding, = run['findings']
    assert (finding['target'], finding['kind'], finding['level']) == ('pacs-app-01', 'risk', 'high')
    assert run['meta']['hospital'] == 'City Hospital' and run['meta']['vendor'] == 'Vendor Co' and run['meta']['language'] == 'zh_CN'
    assert run['summary']['hosts_total'] == 2 and run['summary']['items_total'] == 4
    assert stored_run(env)['run_id'] == run['run_id']
    assert os.path.isdir(os.path.join(env['reports'], run['run_id']))
    assert any(line.startswith('itops | reports: ') for line in callback._display.lines)
    assert not callback._display.warnings
    assert os.path.exists(os.path.join(env['reports'], run['run_id'], 'health_report.html'))


def test_inspections_list_and_loop_results_are_collected(env):
    callback = new_callback(env)
    sweep = {'inspections': [linux('his-app-01'), linux('pc-01')]}
    loop = {'results': [{'item': 'a', 'inspection': linux('pacs-app-01')}, {'item': 'b', 'skipped': True},
                        {'item': 'c', 'inspections': [make_inspection('core-sw-01', 'switch',
                                                                      [make_item('net.if.errors', subject='Gi0/1', status='warning')])]}]}
    callback.v2_runner_on_ok(result(env, 'localhost', sweep))
    callback.v2_runner_on_ok(result(env, 'localhost', loop))
    run = finish(callback)
    assert [i['target'] for i in run['inspections']] == ['core-sw-01', 'his-app-01', 'pacs-app-01', 'pc-01']
    assert run['inspections'][0]['impact'] == 'hospital' and run['findings'][0]['level'] == 'medium'


def test_unreachable_host_is_a_critical_fault_graded_from_its_impact(env):
    callback = new_callback(env)
    callback.v2_runner_on_unreachable(result(env, 'his-app-01', {'unreachable': True, 'msg': 'ssh: connect to host 10.0.0.5 port 22: No route to host'}))
    callback.v2_runner_on_unreachable(result(env, 'core-sw-01', {'unreachable': True, 'msg': 'Connection timed out during banner exchange'}))
    run = finish(callback)
    his, = [i for i in run['inspections'] if i['target'] == 'his-app-01']
    assert his['host_status'] == 'unreachable' and his['device_class'] == 'linux_server'
    item, = his['items']
    assert (item['id'], item['status'], item['fault'], item['subject']) == ('host.unreachable', 'critical', True, 'inspect linux')
    assert 'No route to host' in item['detail']
    sw, = [i for i in run['inspections'] if i['target'] == 'core-sw-01']
    assert sw['host_status'] == 'timeout' and sw['items'][0]['id'] == 'host.timeout' and sw['device_class'] == 'switch'
    assert [(f['target'], f['grade'], f['respond_within_min']) for f in run['findings']] == [('core-sw-01', 'P1', 15), ('his-app-01', 'P1', 15)]
    assert run['summary']['hosts_unreachable'] == 2 and run['summary']['faults_by_grade']['P1'] == 2
    assert 'itops | his-app-01 | 0 items | unreachable, no items' in callback._display.lines


def test_failed_host_is_a_fault_unless_ignored_and_keeps_partial_items(env):
    callback = new_callback(env)
    callback.v2_runner_on_failed(result(env, 'pacs-app-01', {'failed': True, 'msg': 'collect pacs: permission denied',
                                                             'inspection': linux('pacs-app-01')}), ignore_errors=False)
    callback.v2_runner_on_failed(result(env, 'pc-01', {'failed': True, 'msg': 'ignored failure'}), ignore_errors=True)
    callback.v2_runner_on_failed(result(env, 'his-app-01', {'failed': True, 'msg': 'The task action timed out after 30 seconds'}))
    run = finish(callback)
    by_target = dict((i['target'], i) for i in run['inspections'])
    assert 'pc-01' not in by_target
    pacs = by_target['pacs-app-01']
    assert pacs['host_status'] == 'failed' and [i['id'] for i in pacs['items']] == ['linux.fs.used_pct', 'linux.cpu.util_pct', 'host.failed']
    assert by_target['his-app-01']['host_status'] == 'timeout'
    assert [(f['target'], f['id'], f['grade']) for f in run['findings']] == [('his-app-01', 'host.timeout', 'P1'), ('pacs-app-01', 'host.failed', 'P2')]


def test_a_failure_to_connect_is_an_unreachable_host(env):
    callback = new_callback(env)
    message = 'inspect pc-01: running the collector failed: Failed to connect to the host via ssh: Connection refused'
    callback.v2_runner_on_failed(result(env, 'pc-01', {'failed': True, 'msg': message}))
    run = finish(callback)
    assert run['inspections'][0]['host_status'] == 'unreachable' and run['inspections'][0]['items'][0]['id'] == 'host.unreachable'
    assert run['findings'][0]['grade'] == 'P3'


def test_the_gravest_host_problem_wins(env):
    callback = new_callback(env)
    callback.v2_runner_on_unreachable(result(env, 'pc-01', {'unreachable': True, 'msg': 'no route'}))
    callback.v2_runner_on_failed(result(env, 'pc-01', {'failed': True, 'msg': 'later failure'}))
    run = finish(callback)
    assert run['inspections'][0]['host_status'] == 'unreachable' and len(run['inspections'][0]['items']) == 1


def test_canary_secrets_never_reach_reports_history_or_display(env):
    callback = new_callback(env)
    leak = 'login with %s failed; token %s; community public-community-xyz' % (CANARY, TOKEN_CANARY)
    inspection = linux('his-app-01', used=95.0, status='critical', detail=leak)
    inspection['facts']['admin_password'] = 'another-plain-one'
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': inspection}))
    callback.v2_runner_on_failed(result(env, 'pacs-app-01', {'failed': True, 'msg': 'psql: password %s rejected' % CANARY}))
    run = finish(callback)
    everything = json.dumps(run) + json.dumps(stored_run(env)) + callback._display.text()
    for path in glob.glob(os.path.join(env['reports'], '**', '*'), recursive=True):
        if os.path.isfile(path):
            with open(path, 'rb') as handle:
                everything += handle.read().decode('utf-8', 'replace')
    for secret in (CANARY, TOKEN_CANARY, 'public-community-xyz', 'another-plain-one'):
        assert secret not in everything
    assert '********' in run['inspections'][0]['items'][0]['detail']
    assert run['inspections'][0]['facts']['os'] == 'Kylin V10'


def test_redact_false_keeps_the_text(env):
    callback = new_callback(env, redact=False)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', detail='x %s' % CANARY)}))
    assert CANARY in finish(callback)['inspections'][0]['items'][0]['detail']


def test_history_rows_and_changes_against_the_previous_run(env):
    first = new_callback(env)
    first.play_vars['itops_run_id'] = '20261025T080000-aaaa'
    first.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', used=85.0, status='warning')}))
    finish(first)
    second = new_callback(env)
    second.play_vars['itops_run_id'] = '20261125T080000-bbbb'
    second.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', used=95.0, status='critical')}))
    run = finish(second)
    assert run['changes']['previous_run_id'] == first.run['run_id']
    assert [c['previous_status'] for c in run['changes']['worsened']] == ['warning']
    conn = sqlite3.connect(os.path.join(env['reports'], 'history.sqlite'))
    assert conn.execute('SELECT count(*) FROM runs').fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM items WHERE target = 'his-app-01'").fetchone()[0] == 4
    conn.close()
    assert any('since %s: 0 new, 0 resolved, 1 worsened' % first.run['run_id'] in line for line in second._display.lines)


def test_slices_with_the_same_run_id_merge(env):
    for number, host in enumerate(('his-app-01', 'pacs-app-01')):
        callback = new_callback(env)
        callback.play_vars.update(itops_run_id='20261125T080000-awx42', itops_slice=number)
        callback.v2_runner_on_ok(result(env, host, {'inspection': linux(host)}))
        run = finish(callback)
    assert [i['target'] for i in run['inspections']] == ['his-app-01', 'pacs-app-01']
    assert run['meta']['slices'] == [0, 1] and run['summary']['hosts_total'] == 2


def test_run_id_from_a_template_and_a_bad_run_id(env):
    callback = new_callback(env)
    callback.play_vars.update(itops_run_id='awx-{{ 6 * 7 }}', itops_slice='1')
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run = finish(callback)
    assert run['run_id'] == 'awx-42' and run['slice'] == 1
    callback = new_callback(env)
    callback.play_vars.update(itops_run_id='../etc')
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run = finish(callback)
    assert run['run_id'] != '../etc' and 'not usable as a directory name' in callback._display.warnings[0]


def test_a_corrupt_history_still_writes_the_reports(env):
    os.makedirs(env['reports'])
    with open(os.path.join(env['reports'], 'history.sqlite'), 'wb') as handle:
        handle.write(b'garbage, not sqlite' * 50)
    callback = new_callback(env)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run = finish(callback)
    assert stored_run(env)['run_id'] == run['run_id'] and run['changes'] is None
    warning, = [w for w in callback._display.warnings if 'history' in w]
    assert 'history.sqlite' in warning and 'move it aside' in warning


def test_history_off(env):
    callback = new_callback(env, history='off')
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    finish(callback)
    assert not os.path.exists(os.path.join(env['reports'], 'history.sqlite'))


def test_a_failing_hook_warns_and_later_hooks_still_work(env, monkeypatch):
    callback = new_callback(env)

    def explode(*args):
        raise RuntimeError('broken collector')
    monkeypatch.setattr(callback.collector, 'add_result', explode)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    assert callback._display.warnings == ['medops.itops.inspection: runner_on_ok failed: RuntimeError: broken collector']
    monkeypatch.undo()
    callback.v2_runner_on_ok(result(env, 'pc-01', {'inspection': linux('pc-01')}))
    callback.v2_runner_on_unreachable(result(env, 'pacs-app-01', {'unreachable': True, 'msg': 'down'}))
    run = finish(callback)
    assert [i['target'] for i in run['inspections']] == ['pacs-app-01', 'pc-01']


def test_a_failing_stats_hook_is_a_warning(env, monkeypatch):
    callback = new_callback(env)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    monkeypatch.setattr(callback, '_render', lambda run: 1 / 0)
    callback.v2_playbook_on_stats(AggregateStats())
    assert 'playbook_on_stats failed: ZeroDivisionError' in callback._display.warnings[-1]


def test_without_a_play_the_hosts_own_variables_are_used(env):
    callback = new_callback(env)
    callback.play = None
    callback.v2_runner_on_unreachable(result(env, 'his-app-01', {'unreachable': True, 'msg': 'down'}))
    callback.v2_runner_on_ok(result(env, 'pc-01', {'inspection': linux('pc-01', detail='x %s' % TOKEN_CANARY)}))
    run = finish(callback)
    assert [(i['target'], i['impact'], i['device_class']) for i in run['inspections']] == [
        ('his-app-01', 'hospital', 'linux_server'), ('pc-01', 'individual', 'linux_server')]
    assert run['findings'][0]['grade'] == 'P1'


def test_no_items_no_report(env):
    callback = new_callback(env)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'changed': False}))
    assert finish(callback) is None
    assert not os.path.exists(env['reports'])


def test_options_and_vars_for_metadata(env):
    callback = new_callback(env, language='en', inspector='Zhang', period='monthly')
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run = finish(callback)
    assert run['meta']['language'] == 'en' and run['meta']['inspector'] == 'Zhang' and run['period'] == 'monthly'
    assert run['meta']['hospital'] == 'City Hospital'


def test_bad_grading_policy_is_reported_not_raised(env):
    callback = new_callback(env)
    callback.play_vars['itops_grading'] = {'fault_grades': {'hospital': 'P9'}}
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run = finish(callback)
    assert 'itops_grading.fault_grades.hospital' in callback._display.warnings[0]
    assert 'default policy' in callback._display.warnings[0] and run['summary']['hosts_total'] == 1
