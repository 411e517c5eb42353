# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The linux_inspect action plugin: argument handling, the one round trip, and the parse/assemble path
fed with recorded collector output (the connection's execute call is the only stub)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from ansible.errors import AnsibleActionFail, AnsibleConnectionFailure

from ansible_collections.medops.itops.plugins.action import linux_inspect
from ansible_collections.medops.itops.tests.unit.plugins.action import action_harness as harness
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.linux.linux_fixtures import fixture_path


def recorded(name):
    with open(fixture_path(name), encoding='utf-8') as handle:
        return handle.read()


def make_action(args, execute):
    action = harness.make_action('linux_inspect', args)
    return action, harness.replace_transport(action, execute)


def test_run_with_recorded_lab_output():
    output = recorded('recorded/lab-his-app-01.txt')
    action, calls = make_action({'critical_services': ['ssh', 'cron', 'his-app'], 'expected_ports': [22]},
                                lambda cmd: {'rc': 0, 'stdout': output, 'stderr': ''})
    result = action.run(task_vars={'inventory_hostname': 'his-app-01'})
    assert len(calls) == 1 and calls[0][1] is True                  # one round trip, become-able
    assert calls[0][0].startswith('MO_BODY=') and "svc his-app " in calls[0][0]
    assert result['changed'] is False and not result.get('failed')
    inspection = result['inspection']
    assert inspection['target'] == 'his-app-01' and inspection['device_class'] == 'linux_server'
    his = [i for i in inspection['items'] if i['id'] == 'linux.service.active' and i['subject'] == 'his-app'][0]
    assert his['status'] == 'critical' and his['fault'] is True
    assert result['collector']['complete'] is True and result['collector']['rc'] == 0
    assert result['collector']['section_bytes']['df-k'] > 0
    assert result['collector_seconds'] >= 0
    assert 'stdout' not in result                                   # raw output (log lines) never returned


def test_thresholds_come_from_itops_thresholds():
    output = recorded('recorded/lab-pacs-app-01.txt')
    action, _calls = make_action({}, lambda cmd: {'rc': 0, 'stdout': output, 'stderr': ''})
    result = action.run(task_vars={'inventory_hostname': 'pacs-app-01',
                                   'itops_thresholds': {'linux.fs.used_pct@/data': {'warning': 95, 'critical': 99}}})
    data = [i for i in result['inspection']['items'] if i['id'] == 'linux.fs.used_pct' and i['subject'] == '/data'][0]
    assert data['status'] == 'ok' and data['threshold'] == {'warning': 95, 'critical': 99}


def test_partial_output_warns():
    output = recorded('written/centos7.txt')
    cut = output[:output.index('=== processes ===')] + '=== wrapper ===\nrc=124\n'
    action, _calls = make_action({'timeout': 30}, lambda cmd: {'rc': 0, 'stdout': cut, 'stderr': ''})
    result = action.run(task_vars={'inventory_hostname': 'his-db-02'})
    assert not result.get('failed') and '30 s timeout' in result['warnings'][0]


@pytest.mark.parametrize('execute,message', [
    (lambda cmd: {'rc': 127, 'stdout': '', 'stderr': 'sh: 1: /bin/sh: not found\n'}, 'printed nothing usable (rc 127): sh: 1'),
    (lambda cmd: {'rc': 0, 'stdout': '', 'stderr': ''}, 'no output'),
])
def test_no_collector_output_fails_with_reason(execute, message):
    action, _calls = make_action({}, execute)
    result = action.run(task_vars={'inventory_hostname': 'x'})
    assert result['failed'] is True and message in result['msg'] and result['msg'].startswith('inspect x:')


def test_connection_error_fails_with_reason():
    def boom(cmd):
        raise OSError('connection reset')
    action, _calls = make_action({}, boom)
    result = action.run(task_vars={'inventory_hostname': 'x'})
    assert result['failed'] is True and 'connection reset' in result['msg']


def test_ssh_failure_marks_the_host_unreachable():
    """A connection failure propagates, so ansible-core reports the host unreachable (a fault), not a failed task."""
    def refused(cmd):
        raise AnsibleConnectionFailure('ssh: connect to host 10.77.0.11 port 22: Connection refused')
    action, _calls = make_action({}, refused)
    with pytest.raises(AnsibleConnectionFailure):
        action.run(task_vars={'inventory_hostname': 'his-app-01'})


def test_the_raw_output_is_not_dumped_at_vvv_but_connection_errors_keep_their_reason():
    # The collector's raw output (unredacted log lines) must not reach -vvv; the ssh plugin's error text
    # must, or "Permission denied" (auth_failed) became "<error censored due to no log>".
    seen = {}

    def refused(cmd):
        seen['verbosity'] = linux_inspect.display.verbosity
        seen['no_log'] = action._play_context.no_log
        raise AnsibleConnectionFailure('Failed to connect to the host via ssh: root@10.77.0.11: Permission denied (publickey).')
    action, _calls = make_action({}, refused)
    before = linux_inspect.display.verbosity
    linux_inspect.display.verbosity = 3
    try:
        with pytest.raises(AnsibleConnectionFailure, match='Permission denied'):
            action.run(task_vars={'inventory_hostname': 'his-app-01'})
        assert seen == {'verbosity': 2, 'no_log': False} and linux_inspect.display.verbosity == 3
    finally:
        linux_inspect.display.verbosity = before


def test_controller_side_timeout(monkeypatch):
    monkeypatch.setattr(linux_inspect, 'CONTROLLER_GRACE', 0)

    def hang(cmd):
        time.sleep(5)
    action, _calls = make_action({'timeout': 1, 'sample_seconds': 0}, hang)
    started = time.time()
    result = action.run(task_vars={'inventory_hostname': 'slow-01'})
    assert time.time() - started < 4
    assert result['failed'] is True and 'timed out: no answer from the collector within 1 s' in result['msg']


def test_bad_options_fail_cleanly():
    action, calls = make_action({'critical_services': [{'port': 1}]}, lambda cmd: {})
    result = action.run(task_vars={'inventory_hostname': 'x'})
    assert result['failed'] is True and 'critical_services' in result['msg'] and not calls


def test_bad_settings_are_warnings_and_the_host_is_still_inspected():
    """A wrong threshold or impact falls back to the default with a warning naming host, key and value."""
    action, calls = make_action({'thresholds': {'linux.fs.used_pct': 'high', 'linux.cpu.util_pct': {'warning': 'eighty'}}},
                                lambda cmd: {'rc': 0, 'stdout': recorded('written/kylin-v10.txt'), 'stderr': ''})
    result = action.run(task_vars={'inventory_hostname': 'x', 'itops_impact': 'galaxy'})
    assert not result.get('failed') and len(calls) == 1
    items = result['inspection']['items']
    assert len(items) >= 15 and 'host.failed' not in [i['id'] for i in items]
    assert [i['threshold'] for i in items if i['id'] == 'linux.fs.used_pct'][0] == {'warning': 80, 'critical': 90}
    text = '\n'.join(result['warnings'])
    assert "x: itops_thresholds[linux.fs.used_pct] = 'high'" in text
    assert "x: itops_thresholds[linux.cpu.util_pct].warning = 'eighty'" in text
    assert "x: itops_impact = 'galaxy'" in text


def test_type_errors_come_from_the_argument_spec():
    action, _calls = make_action({'timeout': 'soon'}, lambda cmd: {})
    with pytest.raises(AnsibleActionFail):
        action.run(task_vars={})


def _with_log_section(output, path, sample_lines):
    """The recorded lab output with one more log section in the collector's documented format."""
    section = '=== log %s ===\nsince_minutes=1440\nlines=10\nstamped=10\nmode=window\n' % path
    section += ''.join('> %s\n' % line for line in sample_lines) + 'matches=%d\nrc=0\n' % len(sample_lines)
    return output.replace('=== auth-failures ===', section + '=== auth-failures ===', 1)


def test_gbk_and_invalid_utf8_log_lines_become_text_without_surrogates():
    import json
    # What _low_level_execute_command hands back for bytes that are not UTF-8: surrogate escapes.
    gbk = '2026-11-25 08:00:01 ERROR 数据库连接错误'.encode('gbk').decode('utf-8', 'surrogateescape')
    bad = b'2026-11-25 08:00:02 ERROR bad \xff\xfe bytes'.decode('utf-8', 'surrogateescape')
    output = _with_log_section(recorded('recorded/lab-his-app-01.txt'), '/var/log/legacy.log', [gbk, bad])
    action, _calls = make_action({'logs': [{'path': '/var/log/legacy.log'}]}, lambda cmd: {'rc': 0, 'stdout': output, 'stderr': ''})
    result = action.run(task_vars={'inventory_hostname': 'his-app-01'})
    json.dumps(result, ensure_ascii=False).encode('utf-8')      # what the callback's writers do: no UnicodeEncodeError
    log = [i for i in result['inspection']['items'] if i['subject'] == '/var/log/legacy.log'][0]
    assert '数据库连接错误' in log['detail'] and 'bad \ufffd' in log['detail']


def test_declared_text_encoding_is_validated_with_a_clear_error():
    action, _calls = make_action({}, lambda cmd: {'rc': 0, 'stdout': '', 'stderr': ''})
    result = action.run(task_vars={'inventory_hostname': 'his-app-01', 'itops_text_encoding': 'klingon'})
    assert result['failed'] and 'itops_text_encoding' in result['msg'] and 'klingon' in result['msg']
