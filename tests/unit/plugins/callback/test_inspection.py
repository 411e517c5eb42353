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
        self.errors = []

    def display(self, msg, *args, **kwargs):
        self.lines.append(msg)

    def banner(self, msg, *args, **kwargs):
        self.lines.append(msg)

    def warning(self, msg, *args, **kwargs):
        self.warnings.append(msg)

    def vvv(self, msg, *args, **kwargs):
        self.lines.append(msg)

    def error(self, msg, *args, **kwargs):
        self.errors.append(msg)

    def text(self):
        return '\n'.join(self.lines + self.warnings + self.errors)


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


def result(env, host, data, task_name='inspect linux', action='medops.itops.linux_inspect'):
    task = Task.load({'name': task_name, 'action': action})
    return CallbackTaskResult(env['inventory'].get_host(host), task, data, {})


def linux(target, used=50.0, status='ok', detail=None):
    items = [make_item('linux.fs.used_pct', subject='/data', value=used, unit='%', status=status, detail=detail),
             make_item('linux.cpu.util_pct', value=3.0, unit='%', status='ok')]
    return make_inspection(target, 'linux_server', items, facts={'os': 'Kylin V10'}, metrics={'fs./data.used_pct': used},
                           collected_at='2026-11-25T08:00:00+08:00')


def inspection_of(run, target):
    found, = [i for i in run['inspections'] if i['target'] == target]
    return found


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
    # every inventory host is accounted for: the two that returned nothing are listed as not inspected
    assert [i['target'] for i in run['inspections']] == ['core-sw-01', 'his-app-01', 'pacs-app-01', 'pc-01']
    by_target = dict((i['target'], i) for i in run['inspections'])
    his = by_target['his-app-01']
    assert (his['impact'], his['system'], his['host_status'], his['device_class']) == ('hospital', 'HIS', 'ok', 'linux_server')
    assert his['checks'] == ['linux']
    for name, group in (('core-sw-01', 'snmp_devices'), ('pc-01', 'linux_servers')):
        assert by_target[name]['host_status'] == 'not_inspected'
        item, = by_target[name]['items']
        assert item['id'] == 'host.not_inspected' and 'not in group %s' % group in item['detail']
    finding, = [f for f in run['findings'] if f['id'] != 'host.not_inspected']
    assert (finding['target'], finding['kind'], finding['level']) == ('pacs-app-01', 'risk', 'high')
    assert run['meta']['hospital'] == 'City Hospital' and run['meta']['vendor'] == 'Vendor Co' and run['meta']['language'] == 'zh_CN'
    assert run['summary']['hosts_total'] == 4 and run['summary']['hosts_ok'] == 2 and run['summary']['hosts_not_inspected'] == 2
    assert run['summary']['items_total'] == 6 and run['summary']['hosts_by_status'] == {'ok': 2, 'not_inspected': 2}
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
    assert [(f['target'], f['grade'], f['respond_within_min']) for f in run['findings'] if f['kind'] == 'fault'] == [
        ('core-sw-01', 'P1', 15), ('his-app-01', 'P1', 15)]
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
    assert by_target['pc-01']['host_status'] == 'not_inspected'   # an ignored failure is no inspection
    pacs = by_target['pacs-app-01']
    assert pacs['host_status'] == 'failed' and [i['id'] for i in pacs['items']] == ['linux.fs.used_pct', 'linux.cpu.util_pct', 'host.failed']
    assert by_target['his-app-01']['host_status'] == 'timeout'
    assert [(f['target'], f['id'], f['grade']) for f in run['findings'] if f['kind'] == 'fault'] == [
        ('his-app-01', 'host.timeout', 'P1'), ('pacs-app-01', 'host.failed', 'P2')]


def test_a_failure_to_connect_is_an_unreachable_host(env):
    callback = new_callback(env)
    message = 'inspect pc-01: running the collector failed: Failed to connect to the host via ssh: Connection refused'
    callback.v2_runner_on_failed(result(env, 'pc-01', {'failed': True, 'msg': message}))
    pc = inspection_of(finish(callback), 'pc-01')
    assert pc['host_status'] == 'unreachable' and pc['items'][0]['id'] == 'host.unreachable'
    assert [f['grade'] for f in callback.run['findings'] if f['target'] == 'pc-01'] == ['P3']


def test_refused_credentials_are_not_an_outage(env):
    callback = new_callback(env)
    message = 'Failed to connect to the host via ssh: root@10.0.0.5: Permission denied (publickey,password).'
    callback.v2_runner_on_unreachable(result(env, 'pc-01', {'unreachable': True, 'msg': message}))
    pc = inspection_of(finish(callback), 'pc-01')
    item, = pc['items']
    assert pc['host_status'] == 'auth_failed' and item['id'] == 'host.auth_failed' and not item.get('fault')
    assert [(f['kind'], f['level']) for f in callback.run['findings'] if f['target'] == 'pc-01'] == [('risk', 'medium')]


def test_a_device_that_only_failed_its_reach_item_is_not_inspected(env):
    callback = new_callback(env)
    down = make_inspection('core-sw-01', 'switch', [make_item('snmp.reach', subject='10.0.0.9:161', status='critical', fault=True)])
    refused = make_inspection('pacs-app-01', 'postgresql', [make_item('postgresql.reach', status='critical', detail='password authentication failed')])
    tomcat_down = linux('his-app-01')
    tomcat_down['items'].append(make_item('tomcat.reach', subject='manager', status='critical', fault=True))
    callback.v2_runner_on_ok(result(env, 'localhost', {'inspections': [down, refused, tomcat_down]}))
    run = finish(callback)
    assert [inspection_of(run, t)['host_status'] for t in ('core-sw-01', 'pacs-app-01', 'his-app-01')] == ['unreachable', 'auth_failed', 'ok']
    assert run['summary']['hosts_ok'] == 1 and run['summary']['hosts_unreachable'] == 1


def test_the_gravest_host_problem_wins(env):
    callback = new_callback(env)
    callback.v2_runner_on_unreachable(result(env, 'pc-01', {'unreachable': True, 'msg': 'no route'}))
    callback.v2_runner_on_failed(result(env, 'pc-01', {'failed': True, 'msg': 'later failure'}))
    pc = inspection_of(finish(callback), 'pc-01')
    assert pc['host_status'] == 'unreachable' and len(pc['items']) == 1


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
    his = inspection_of(run, 'his-app-01')
    assert '********' in his['items'][0]['detail']
    assert his['facts']['os'] == 'Kylin V10'


def test_redact_false_keeps_the_text(env):
    callback = new_callback(env, redact=False)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', detail='x %s' % CANARY)}))
    assert CANARY in inspection_of(finish(callback), 'his-app-01')['items'][0]['detail']


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
        env['inventory'].subset(host)   # AWX gives each slice job the inventory of its slice only
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
    assert [(i['target'], i['host_status']) for i in run['inspections']] == [
        ('core-sw-01', 'not_inspected'), ('his-app-01', 'not_inspected'), ('pacs-app-01', 'unreachable'), ('pc-01', 'ok')]


def test_a_failing_stats_hook_is_an_error_not_a_silent_success(env, monkeypatch):
    callback = new_callback(env)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    monkeypatch.setattr(callback.collector, 'build', lambda *a, **k: 1 / 0)
    with pytest.raises(SystemExit) as stopped:
        callback.v2_playbook_on_stats(AggregateStats())
    assert stopped.value.code == plugin.EXIT_REPORTS_NOT_WRITTEN
    assert 'playbook_on_stats failed: ZeroDivisionError' in callback._display.warnings[-1]
    assert 'the run was not written' in callback._display.errors[-1]


def _files_under(path):
    return sorted(os.path.relpath(os.path.join(d, f), path) for d, _s, files in os.walk(path) for f in files)


def test_an_unwritable_reports_directory_fails_the_play_and_keeps_the_run_in_history(env, tmp_path):
    # Before: `playbook_on_stats failed: OSError`, exit code 0 and a 0-byte run.json.tmp left.
    history = str(tmp_path / 'history.sqlite')
    reports = tmp_path / 'readonly'
    reports.mkdir()
    callback = new_callback(env, reports_dir=str(reports), history=history)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run_dir = reports / 'r1'
    run_dir.mkdir()
    callback.play_vars['itops_run_id'] = 'r1'
    os.chmod(str(run_dir), 0o500)
    try:
        if os.access(str(run_dir), os.W_OK) and os.geteuid() == 0:
            # root ignores the mode bits: make the directory a file's child instead, which no one can write into
            os.chmod(str(run_dir), 0o700)
            os.rmdir(str(run_dir))
            (reports / 'r1').write_text('not a directory')
        with pytest.raises(SystemExit) as stopped:
            finish(callback)
    finally:
        if run_dir.is_dir():
            os.chmod(str(run_dir), 0o700)
    assert stopped.value.code == plugin.EXIT_REPORTS_NOT_WRITTEN
    error, = callback._display.errors
    assert str(run_dir) in error and 'kept in the history' in error and 'itops-report render r1' in error
    assert [f for f in _files_under(str(reports)) if '.tmp' in f] == []
    conn = sqlite3.connect(history)
    assert conn.execute("SELECT count(*) FROM runs WHERE run_id = 'r1'").fetchone()[0] == 1
    conn.close()


def test_unknown_format_fails_the_play_naming_the_format(env):
    # Before: a warning and run.json only, exit code 0.
    callback = new_callback(env, formats=['html', 'pdf'])
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    with pytest.raises(SystemExit):
        finish(callback)
    assert "unknown report format(s) pdf" in callback._display.errors[0]
    assert _files_under(env['reports']) == ['history.sqlite']


def test_no_history_and_no_reports_still_keeps_the_run_aside(env, tmp_path, monkeypatch):
    monkeypatch.setenv('TMPDIR', str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, 'tempdir', None)
    callback = new_callback(env, history='off', formats=['bogus'])
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    with pytest.raises(SystemExit):
        finish(callback)
    saved, = glob.glob(str(tmp_path / 'itops-run-*.json'))
    assert saved in callback._display.errors[0]
    with open(saved, encoding='utf-8') as handle:
        assert json.load(handle)['run_id'] == callback.run['run_id']


def test_a_stored_run_id_is_never_replaced(env):
    # Before: the second run silently replaced the first run's hosts.
    first = new_callback(env)
    first.play_vars['itops_run_id'] = 'fixed-id'
    first.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    finish(first)
    second = new_callback(env)
    second.play_vars['itops_run_id'] = 'fixed-id'
    second.v2_runner_on_ok(result(env, 'pacs-app-01', {'inspection': linux('pacs-app-01', used=99.0, status='critical')}))
    run = finish(second)
    assert run['run_id'] != 'fixed-id'
    assert 'run id fixed-id is already stored' in second._display.warnings[0] and run['run_id'] in second._display.warnings[0]
    conn = sqlite3.connect(os.path.join(env['reports'], 'history.sqlite'))
    kept = conn.execute("SELECT target, host_status FROM inspections WHERE run_id = 'fixed-id' ORDER BY target").fetchall()
    conn.close()
    assert ('his-app-01', 'ok') in kept and ('pacs-app-01', 'not_inspected') in kept


def test_an_incomplete_slice_can_be_run_again(env):
    for attempt, used in ((1, 50.0), (2, 60.0)):
        env['inventory'].subset('his-app-01')
        callback = new_callback(env)
        callback.play_vars.update(itops_run_id='awx-7', itops_slice=0)
        callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', used=used)}))
        run = finish(callback)
        assert run['run_id'] == 'awx-7' and not callback._display.warnings, attempt
    assert inspection_of(run, 'his-app-01')['metrics']['fs./data.used_pct'] == 60.0


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
    assert 'default policy' in callback._display.warnings[0] and run['summary']['hosts_ok'] == 1


@pytest.fixture
def small_mount(tmp_path):
    """A real tmpfs of 256 KiB (a full disk), remounted read-only on demand; needs root, as make test runs."""
    import subprocess
    if os.geteuid() != 0:
        pytest.skip('mounting a tmpfs needs root')
    point = tmp_path / 'mnt'
    point.mkdir()
    subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'itops-test', str(point)], check=True)

    def remount_ro():
        subprocess.run(['mount', '-o', 'remount,ro', str(point)], check=True)
    try:
        yield point, remount_ro
    finally:
        subprocess.run(['umount', '-l', str(point)], check=False)


@pytest.mark.parametrize('case', ['full', 'read-only'])
def test_a_full_or_read_only_reports_filesystem_fails_the_play_and_leaves_no_temporary_file(env, tmp_path, small_mount, case):
    point, remount_ro = small_mount
    if case == 'full':
        with open(str(point / 'filler'), 'wb') as handle:
            try:
                handle.write(b'x' * (256 * 1024))
            except OSError:
                pass
    else:
        remount_ro()
    history = str(tmp_path / 'history.sqlite')
    callback = new_callback(env, reports_dir=str(point / 'reports'), history=history)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', detail='x' * 400)}))
    with pytest.raises(SystemExit) as stopped:
        finish(callback)
    assert stopped.value.code == plugin.EXIT_REPORTS_NOT_WRITTEN
    error, = callback._display.errors
    assert str(point / 'reports') in error and ('No space left' in error or 'Read-only file system' in error), error
    assert not any('.tmp' in f for f in _files_under(str(point)))
    conn = sqlite3.connect(history)
    assert conn.execute('SELECT count(*) FROM runs').fetchone()[0] == 1
    conn.close()


def test_the_oracle_database_of_an_inspected_server_is_listed_as_not_inspected(env):
    env['inventory'].add_group('oracle')
    env['inventory'].add_host('his-app-01', group='oracle')
    callback = new_callback(env)
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    his = inspection_of(finish(callback), 'his-app-01')
    assert his['host_status'] == 'ok'
    gap, = [i for i in his['items'] if i['id'] == 'host.not_inspected']
    assert (gap['subject'], gap['status'], gap['detail']) == ('oracle', 'warning', 'no check for Oracle databases')


def test_an_unknown_report_language_is_a_warning_and_the_reports_are_written(env):
    callback = new_callback(env)
    callback.play_vars['itops_report_language'] = 'fr'
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    run = finish(callback)
    assert run['meta']['language'] == 'zh_CN' and not callback._display.errors
    assert any("itops_report_language = 'fr' is not one of zh_CN, en" in w for w in callback._display.warnings)
    assert os.path.exists(os.path.join(env['reports'], run['run_id'], 'health_report.html'))


def test_the_report_grouping_is_recorded_and_a_wrong_one_warns(env):
    callback = new_callback(env)
    callback.play_vars['itops_report_group_by'] = 'system'
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    assert finish(callback)['meta']['group_by'] == 'system'
    callback = new_callback(env)
    callback.play_vars['itops_report_group_by'] = 'floor'
    callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
    assert finish(callback)['meta']['group_by'] == 'class'
    assert any("itops_report_group_by: 'floor' is not one of class, system" in w for w in callback._display.warnings)


def test_a_limit_run_records_its_scope_and_is_no_baseline_of_a_full_run(env, monkeypatch):
    from ansible import context
    from ansible.module_utils.common.collections import ImmutableDict
    # Explicit run ids: three runs within one second are ordered by run id (random suffixes would not be).
    full = new_callback(env)
    full.play_vars['itops_run_id'] = '20261201T080000-r1'
    full.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', used=95.0, status='critical')}))
    full_run = finish(full)
    assert full_run['meta']['scope'] == {'limit': None}
    monkeypatch.setattr(context, 'CLIARGS', ImmutableDict(subset='pacs-app-01'))
    env['inventory'].subset('pacs-app-01')
    limited = new_callback(env)
    limited.play_vars['itops_run_id'] = '20261201T080000-r2'
    limited.v2_runner_on_ok(result(env, 'pacs-app-01', {'inspection': linux('pacs-app-01')}))
    limited_run = finish(limited)
    assert limited_run['meta']['scope'] == {'limit': 'pacs-app-01'} and limited_run['changes'] is None
    monkeypatch.setattr(context, 'CLIARGS', ImmutableDict())
    env['inventory'].subset(None)
    again = new_callback(env)
    again.play_vars['itops_run_id'] = '20261201T080000-r3'
    again.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01', used=95.0, status='critical')}))
    again_run = finish(again)
    assert again_run['changes']['previous_run_id'] == full_run['run_id'] and again_run['changes']['new'] == []


def test_itops_period_of_the_play_is_the_period_and_itops_report_period_wins(env):
    class Inspection(object):
        _file_name = '/somewhere/playbooks/inspection.yml'     # the parameterised playbook: no period in its name
    for play_vars, period in (({'itops_period': 'weekly'}, 'weekly'),
                              ({'itops_period': 'weekly', 'itops_report_period': 'monthly'}, 'monthly'),
                              ({'itops_period': 'daily'}, 'adhoc'), ({}, 'adhoc')):
        callback = new_callback(env)
        callback.v2_playbook_on_start(Inspection())
        callback.v2_playbook_on_play_start(Play.load({'hosts': 'all', 'gather_facts': False, 'vars': play_vars, 'tasks': []},
                                                     variable_manager=env['manager'], loader=env['manager']._loader))
        callback.v2_runner_on_ok(result(env, 'his-app-01', {'inspection': linux('his-app-01')}))
        run = finish(callback)
        assert (run['job'], run['period']) == ('inspection', period), play_vars
