# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Garbage in: empty sections, truncated output, missing tools, non-numbers. Unknown items out, never exceptions."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.linux.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.linux.options import normalize
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import parse_os
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import Sections
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.linux.linux_fixtures import items_by, one, read_fixture

OPTIONS = normalize({'critical_services': ['his-app'], 'logs': [{'path': '/var/log/app.log'}],
                     'certificates': ['/etc/his.pem'], 'expected_ports': [22]})

ALWAYS_UNKNOWN_WHEN_EMPTY = ['linux.uptime.days', 'linux.cpu.util_pct', 'linux.load.per_core', 'linux.mem.used_pct',
                             'linux.swap.used_pct', 'linux.fs.used_pct', 'linux.fs.readonly', 'linux.nic.errors',
                             'linux.unit.failed', 'linux.service.active', 'linux.zombies', 'linux.log.errors',
                             'linux.accounts.privileged', 'linux.reboot.required', 'linux.cert.days_left',
                             'linux.ports.missing', 'linux.ports.unexpected']


@pytest.mark.parametrize('text', ['', 'garbage\nmore garbage', '=== meta ===\ncollector_version=1\n', '\x00\xff=== ===\n'])
def test_empty_or_foreign_output_gives_unknown_items(text):
    inspection, info, warnings = assemble(text, OPTIONS, 'broken-01')
    assert not info['complete'] and warnings
    for item_id in ALWAYS_UNKNOWN_WHEN_EMPTY:
        found = items_by(inspection, item_id)
        assert found and all(i['status'] == 'unknown' for i in found), item_id
        assert all(i.get('detail') for i in found), item_id


def test_every_section_empty():
    names = ['meta', 'os-release', 'kernel', 'hostname', 'uptime', 'boot-id', 'last-reboot', 'cpuinfo', 'cpu-stat',
             'loadavg', 'meminfo', 'dmi', 'ip-addr', 'df-k', 'df-i', 'mounts', 'net-dev', 'time-sync', 'systemd-failed',
             'service his-app', 'processes', 'log /var/log/app.log', 'auth-failures', 'privileged', 'listening',
             'updates', 'reboot-required', 'cert /etc/his.pem', 'end']
    text = ''.join('=== %s ===\n' % n for n in names)
    inspection, info, warnings = assemble(text, OPTIONS, 'empty-01')
    assert info['complete'] and warnings == []
    statuses = dict(((i['id'], i['subject']), i['status']) for i in inspection['items'])
    for item_id in ('linux.uptime.days', 'linux.cpu.util_pct', 'linux.load.per_core', 'linux.mem.used_pct',
                    'linux.fs.used_pct', 'linux.fs.readonly', 'linux.nic.errors', 'linux.zombies',
                    'linux.accounts.privileged', 'linux.ports.missing', 'linux.updates.pending', 'linux.time.offset_ms'):
        assert [s for (i, _s), s in statuses.items() if i == item_id] == ['unknown'], item_id
    assert statuses[('linux.service.active', 'his-app')] == 'unknown'
    assert statuses[('linux.log.errors', '/var/log/app.log')] == 'unknown'
    assert statuses[('linux.cert.days_left', '/etc/his.pem')] == 'unknown'
    assert statuses[('linux.unit.failed', None)] == 'ok'         # systemctl printed no failed unit
    assert statuses[('linux.time.synced', None)] == 'warning'
    assert inspection['facts']['os_name'] is None


def test_truncated_output_keeps_what_arrived():
    text, options = read_fixture('written/centos7.txt')
    cut = text[:text.index('=== service his-app ===') + 40]
    inspection, info, warnings = assemble(cut + '\n=== wrapper ===\nrc=124\n', options, 'his-db-02')
    assert not info['complete'] and info['remote_rc'] == 124
    assert 'timeout' in warnings[0] and 'partial' in warnings[0]
    assert one(inspection, 'linux.fs.used_pct', '/u01/archivelog')['status'] == 'critical'   # before the cut
    assert one(inspection, 'linux.service.active', 'sshd')['status'] == 'ok'
    assert one(inspection, 'linux.service.active', 'his-app')['status'] in ('ok', 'unknown')
    assert one(inspection, 'linux.service.active', 'oracle-listener')['status'] == 'unknown'
    assert one(inspection, 'linux.log.errors', '/opt/his/logs/app.log')['status'] == 'unknown'
    assert one(inspection, 'linux.cert.days_left', '/etc/pki/tls/certs/his.crt')['status'] == 'unknown'
    assert one(inspection, 'linux.zombies')['status'] == 'unknown'
    inspection, info, warnings = assemble(cut, options, 'his-db-02')
    assert 'ended early' in warnings[0]


def test_missing_tools_and_markers():
    text = '\n'.join([
        '=== meta ===', 'collector_version=1', 'now_epoch=oops',
        '=== cpuinfo ===', 'online=abc', 'processors=',
        '=== cpu-stat ===', 'cpu  1 2 x 4', 'cpu  1 2',
        '=== loadavg ===', '0.5 zero 0.1 1/1 1',
        '=== meminfo ===', 'MemTotal: lots kB',
        '=== uptime ===', '-5 0',
        '=== df-k ===', '!!! missing df',
        '=== df-i ===', '!!! missing df',
        '=== mounts ===',
        '=== net-dev ===', 'eth0: 1 2 3',
        '=== time-sync ===', '!!! missing chronyc',
        '=== systemd-failed ===', '!!! timeout systemctl after 15s',
        '=== service his-app ===', '!!! timeout systemctl after 15s',
        '=== processes ===', 'total=0', 'zombies=x',
        '=== log /var/log/app.log ===', 'since_minutes=1440', 'lines=3', 'matches=2', 'rc=2',
        '=== auth-failures ===', 'since_minutes=1440', '!!! unreadable no readable auth log',
        '=== privileged ===', '!!! unreadable /etc/passwd',
        '=== listening ===', '--- ss', 'State Recv-Q', 'LISTEN 0 128 nonsense *:*',
        '=== updates ===', 'manager=pacman',
        '=== reboot-required ===',
        '=== cert /etc/his.pem ===', '!!! missing openssl',
        '=== end ===', 'elapsed=x', '=== wrapper ===', 'rc=0', ''])
    inspection, info, warnings = assemble(text, OPTIONS, 'odd-01')
    assert warnings == [] and info['markers'] == ['missing chronyc', 'missing df', 'missing openssl', 'timeout systemctl']
    for item_id in ('linux.cpu.util_pct', 'linux.load.per_core', 'linux.mem.used_pct', 'linux.uptime.days',
                    'linux.fs.used_pct', 'linux.nic.errors', 'linux.zombies', 'linux.unit.failed',
                    'linux.accounts.privileged', 'linux.updates.pending', 'linux.updates.security',
                    'linux.reboot.required', 'linux.time.offset_ms', 'linux.auth.failures'):
        assert one(inspection, item_id)['status'] == 'unknown', item_id
    assert 'df not installed' in one(inspection, 'linux.fs.used_pct')['detail']
    assert '(0 of 2 samples; got: cpu  1 2 x 4 | cpu  1 2)' in one(inspection, 'linux.cpu.util_pct')['detail']
    assert 'pacman' in one(inspection, 'linux.updates.pending')['detail']
    assert 'openssl not installed' in one(inspection, 'linux.cert.days_left', '/etc/his.pem')['detail']
    assert 'valid ERE' in one(inspection, 'linux.log.errors', '/var/log/app.log')['detail']
    assert one(inspection, 'linux.service.active', 'his-app')['status'] == 'unknown'
    assert one(inspection, 'linux.time.synced')['detail'].startswith('no time synchronisation client')
    assert one(inspection, 'linux.ports.missing')['status'] == 'unknown'


def test_load_without_cpu_count():
    text = '=== loadavg ===\n1.0 2.0 3.0 1/1 1\n'
    inspection, _i, _w = assemble(text, OPTIONS, 'x')
    assert 'CPU count unknown' in one(inspection, 'linux.load.per_core')['detail']


def test_threshold_override_errors_are_not_crashes_here():
    text, options = read_fixture('written/kylin-v10.txt')
    options['thresholds'] = {'linux.fs.used_pct': {'warning': 10}}
    inspection, _i, _w = assemble(text, options, 'kylin')
    assert one(inspection, 'linux.fs.used_pct', '/')['status'] == 'warning'


def test_os_release_fallbacks():
    sles11 = Sections('=== os-release ===\n--- /etc/SuSE-release\nSUSE Linux Enterprise Server 11 (x86_64)\n'
                      'VERSION = 11\nPATCHLEVEL = 4\n')
    assert parse_os(sles11).facts['os_name'] == 'SUSE Linux Enterprise Server'
    assert parse_os(sles11).facts['os_version'] == '11.4'
    kylin = Sections('=== os-release ===\n--- /etc/kylin-release\nKylin Linux Advanced Server release V10 (Tercel)\n')
    assert parse_os(kylin).facts['os_name'] == 'Kylin Linux Advanced Server release V10 (Tercel)'
    neokylin = Sections('=== os-release ===\n--- /etc/neokylin-release\nNeoKylin Linux Advanced Server release 7.0\n')
    assert parse_os(neokylin).facts['os_version'] == '7.0'
    assert parse_os(Sections('')).facts['os_name'] is None


def test_listening_fallbacks():
    from ansible_collections.medops.itops.plugins.module_utils.linux.parse_services import parse_listeners
    proc = Sections('=== listening ===\n--- proc\n0100007F:0019\n00000000:0016\n00000000000000000000000001000000:0277\n'
                    '00000000000000000000000000000000:0016\nFE80000000000000020C29FFFE1A2B3C:1F90\n')
    assert parse_listeners(proc.get('listening')) == [('127.0.0.1', 25, None), ('0.0.0.0', 22, None), ('::1', 631, None),
                                                      ('::', 22, None), ('fe80000000000000020c29fffe1a2b3c', 8080, None)]
    headless = Sections('=== listening ===\n--- ss\n0      128      127.0.0.53%lo:53      0.0.0.0:*\n'
                        '0      128      [::]:22      [::]:*    users:(("sshd",pid=1,fd=3))\n')
    assert parse_listeners(headless.get('listening')) == [('127.0.0.53', 53, None), ('::', 22, 'sshd')]
    empty = Sections('=== listening ===\n--- ss\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\n')
    assert parse_listeners(empty.get('listening')) == []
    assert parse_listeners(Sections('=== listening ===\n!!! timeout ss after 3s\n').get('listening')) is None
