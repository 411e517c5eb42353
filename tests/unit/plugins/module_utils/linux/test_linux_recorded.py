# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Outputs recorded from real systems by tools/record_fixtures.py: this machine and the lab servers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import STATUSES

from ansible_collections.medops.itops.tests.unit.plugins.module_utils.linux.linux_fixtures import fixture_path, items_by, one, run_fixture
from ansible_collections.medops.itops.tests.unit.skip_policy import RECORDED_FIXTURE_MISSING

RECORDED = sorted(f for f in os.listdir(fixture_path('recorded')) if f.endswith('.txt'))
LAB = [f for f in RECORDED if f.startswith('lab-')]


def test_recorded_fixtures_exist():
    assert 'debian12-local.txt' in RECORDED
    assert 'busybox-local.txt' in RECORDED


@pytest.mark.parametrize('name', RECORDED)
def test_every_recorded_output_parses_completely(name):
    inspection, info, warnings = run_fixture('recorded/' + name)
    assert info['complete'] and warnings == []
    assert info['version'] == 1 and info['remote_rc'] == 0
    assert inspection['device_class'] == 'linux_server'
    for item in inspection['items']:
        assert item['status'] in STATUSES
        assert item['id'].startswith('linux.')
    ids = set(i['id'] for i in inspection['items'])
    for required in ('linux.uptime.days', 'linux.cpu.util_pct', 'linux.load.per_core', 'linux.mem.used_pct',
                     'linux.swap.used_pct', 'linux.fs.used_pct', 'linux.fs.inodes_used_pct', 'linux.nic.errors',
                     'linux.time.synced', 'linux.unit.failed', 'linux.zombies', 'linux.accounts.privileged',
                     'linux.reboot.required', 'linux.service.active', 'linux.ports.missing', 'linux.ports.unexpected'):
        assert required in ids, required
    assert one(inspection, 'linux.cpu.util_pct')['status'] != 'unknown'
    assert one(inspection, 'linux.mem.used_pct')['status'] != 'unknown'
    assert inspection['facts']['cpu_count'] >= 1
    assert inspection['facts']['memory_total_bytes'] > 0
    assert 'cpu.util_pct' in inspection['metrics'] and 'load.1m' in inspection['metrics']
    assert inspection['metrics']['fs./.size_bytes'] > 0


def test_debian_local_facts_and_items():
    inspection, info, _w = run_fixture('recorded/debian12-local.txt')
    facts = inspection['facts']
    assert facts['os_name'] == 'Debian GNU/Linux' and facts['os_version'] == '12' and facts['os_id'] == 'debian'
    assert facts['package_manager'] == 'apt' and facts['init_system'] == 'sysvinit'
    assert info['shell'] == '/usr/bin/dash'
    # no systemd in this container: not applicable, not a failure
    assert one(inspection, 'linux.unit.failed')['status'] == 'ok'
    assert one(inspection, 'linux.log.errors', '/var/log/does-not-exist.log')['status'] == 'unknown'
    assert 'no such file' in one(inspection, 'linux.log.errors', '/var/log/does-not-exist.log')['detail']
    assert one(inspection, 'linux.cert.days_left', '/etc/ssl/certs/does-not-exist.pem')['status'] == 'unknown'
    isrg = one(inspection, 'linux.cert.days_left', '/etc/ssl/certs/ISRG_Root_X1.pem')
    assert isrg['status'] == 'ok' and isrg['value'] > 3000
    assert one(inspection, 'linux.updates.pending')['value'] >= one(inspection, 'linux.updates.security')['value'] > 0
    his = one(inspection, 'linux.service.active', 'his-app')
    assert his['status'] == 'critical' and his['fault'] is True


def test_busybox_local_uses_netstat_and_busybox_tools():
    inspection, info, _w = run_fixture('recorded/busybox-local.txt')
    assert info['shell'] == '/usr/bin/busybox'
    assert inspection['facts']['listening_ports']
    assert one(inspection, 'linux.ports.missing')['value'] == [22]
    assert one(inspection, 'linux.updates.pending')['status'] == 'unknown'   # no apt-get among the applets


LAB_EXPECT = [
    ('lab-pacs-app-01.txt', 'linux.fs.used_pct', '/data', 'critical'),
    ('lab-his-app-01.txt', 'linux.service.active', 'his-app', 'critical'),
    ('lab-lis-app-01.txt', 'linux.unit.failed', 'lis-report-sync.service', 'warning'),
    ('lab-emr-app-01.txt', 'linux.log.errors', '/var/log/emr/app.log', 'warning'),
    ('lab-mw-app-01.txt', 'linux.cert.days_left', '/etc/nginx/tls/mw-app-01.crt', 'warning'),
]


@pytest.mark.parametrize('name,item_id,subject,status', LAB_EXPECT)
def test_lab_planted_conditions_are_found(name, item_id, subject, status):
    if name not in LAB:     # tools/record_fixtures.py records them; under CI=1 a missing one fails
        pytest.skip(RECORDED_FIXTURE_MISSING % fixture_path('recorded/' + name))
    inspection, _info, _w = run_fixture('recorded/' + name)
    assert one(inspection, item_id, subject)['status'] == status


def test_lab_details():
    missing = [n for n in ('lab-pacs-app-01.txt', 'lab-his-app-01.txt', 'lab-emr-app-01.txt', 'lab-fin-app-01.txt') if n not in LAB]
    if missing:
        pytest.skip(RECORDED_FIXTURE_MISSING % ', '.join(fixture_path('recorded/' + n) for n in missing))
    pacs, _i, _w = run_fixture('recorded/lab-pacs-app-01.txt')
    data = one(pacs, 'linux.fs.used_pct', '/data')
    assert 90 <= data['value'] < 100 and data['unit'] == '%' and data['threshold'] == {'warning': 80, 'critical': 90}
    assert pacs['metrics']['fs./data.used_pct'] == data['value']
    # container bind mounts (/etc/hosts ...) are neither filesystems nor read-only findings
    assert not [i for i in pacs['items'] if i['id'] == 'linux.fs.readonly' and i['status'] != 'ok']
    his, _i, _w = run_fixture('recorded/lab-his-app-01.txt')
    item = one(his, 'linux.service.active', 'his-app')
    assert item['fault'] is True and 'systemd inactive' in item['detail']
    assert one(his, 'linux.service.active', 'ssh')['status'] == 'ok'
    assert his['facts']['init_system'] == 'systemd'
    emr, _i, _w = run_fixture('recorded/lab-emr-app-01.txt')
    assert one(emr, 'linux.log.errors', '/var/log/emr/app.log')['value'] == 25
    fin, _i, _w = run_fixture('recorded/lab-fin-app-01.txt')   # no Python on it: the collector does not care
    assert one(fin, 'linux.service.active', 'fin-app')['status'] == 'ok'
    assert not items_by(fin, 'linux.unit.failed', 'lis-report-sync.service')
