# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device plays of the quarterly inspection over the lab (SNMP devices, NTP clocks, thin
clients): every fault planted on a device is found by item id with its status and grade,
healthy devices show nothing, and the fleet statistics match the addresses the lab switched off."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

from playbook_runner import ROOT

sys.path.insert(0, os.path.join(ROOT, 'tools', 'lab'))
from medops_lab import config as lab_config  # noqa: E402  pylint: disable=wrong-import-position

pytestmark = pytest.mark.integration
DEVICE_SECTIONS = ('snmp_agents', 'ntp_clocks')
KINDS = {'switch', 'firewall', 'ups', 'precision_ac', 'env_sensor', 'ntp', 'thin_client'}


@pytest.fixture(scope='module')
def lab_cfg():
    return lab_config.load(os.path.join(ROOT, 'tools', 'lab', 'hospital.yml'), check_host=False)


@pytest.fixture(scope='module')
def device_run(quarterly_run):
    """The whole quarterly playbook (a limit to the controller-side plays would leave the inventory no host)."""
    return quarterly_run


def _device_names(cfg):
    names = set(d['name'] for s in DEVICE_SECTIONS for d in cfg.get(s) or [])
    names |= set(d['name'] for site in (cfg.get('thin_clients') or {}).get('sites') or [] for d in site['departments'])
    return names


def _key(finding):
    return (finding.get('target', finding.get('host')), finding['id'], finding.get('subject'))


def test_every_device_kind_is_inspected(device_run, lab_cfg):
    classes = set(i['device_class'] for i in device_run['inspections'])
    assert KINDS <= classes, KINDS - classes
    targets = set(i['target'] for i in device_run['inspections'])
    assert _device_names(lab_cfg) <= targets


def test_every_planted_device_fault_is_found_with_status_and_grade(device_run, lab, lab_cfg):
    names = _device_names(lab_cfg)
    findings = dict((_key(f), f) for f in device_run['findings'])
    planted = [p for p in lab if p['host'] in names]
    assert len(planted) >= 11
    for plant in planted:
        expect = plant['expect']
        key = (plant['host'], expect['id'], expect.get('subject'))
        assert key in findings, 'planted %s on %s not reported: %s' % (plant['kind'], plant['host'], expect)
        found = findings[key]
        assert found['status'] == expect['status'], (key, found)
        if 'grade' in expect:
            assert found['kind'] == 'fault' and found['grade'] == expect['grade'], (key, found)
        if 'level' in expect:
            assert found['kind'] == 'risk' and found['level'] == expect['level'], (key, found)


def test_healthy_devices_show_nothing(device_run, lab, lab_cfg):
    names = _device_names(lab_cfg)
    planted = set((p['host'], p['expect']['id'], p['expect'].get('subject')) for p in lab)
    unexpected = [(_key(f), f['status'], f.get('detail')) for f in device_run['findings']
                  if _key(f)[0] in names and _key(f) not in planted]
    assert unexpected == []


def test_fleet_statistics_match_the_addresses_the_lab_switched_off(device_run, lab_cfg):
    by_target = dict((i['target'], i) for i in device_run['inspections'] if i['device_class'] == 'thin_client')
    total = 0
    for site in lab_cfg['thin_clients']['sites']:
        for dept in site['departments']:
            insp = by_target[dept['name']]
            size = len(lab_config.address_range(dept['range'], 'range'))
            total += size
            assert insp['metrics']['fleet.total'] == size
            assert insp['metrics']['fleet.offline'] == len(dept['down_addresses'])
            assert insp['facts']['offline_addresses'] == dept['down_addresses'][:50]
            online = set(k[len('fleet.seen.'):] for k in insp['metrics'] if k.startswith('fleet.seen.'))
            assert not online & set(dept['down_addresses']) and len(online) == size - len(dept['down_addresses'])
    assert total >= 600


def test_ntp_offsets_match_the_clocks(device_run, lab_cfg):
    by_target = dict((i['target'], i) for i in device_run['inspections'] if i['device_class'] == 'ntp')
    for clock in lab_cfg['ntp_clocks']:
        offset = by_target[clock['name']]['metrics']['ntp.offset_ms']
        assert abs(offset - clock['offset_s'] * 1000) < 200, (clock['name'], offset)


@pytest.mark.lab
def test_absent_hillstone_supply_is_a_warning_of_its_own(device_run):
    """fw-edge-01 serves HILLSTONE-POWER-MIB states as the MIB text defines them: PS0 fine(0) is ok,
    the empty PS1 slot (absent(1)) is snmp.power.absent, a warning, not a failed supply."""
    fw = [i for i in device_run['inspections'] if i['target'] == 'fw-edge-01']
    assert len(fw) == 1
    items = dict(((i['id'], i.get('subject')), i) for i in fw[0]['items'])
    assert items[('snmp.power.state', 'PS0')]['status'] == 'ok'
    absent = items[('snmp.power.absent', 'PS1')]
    assert absent['status'] == 'warning' and absent['value'] == 'absent' and not absent.get('fault')
    assert ('snmp.power.state', 'PS1') not in items
    assert items[('snmp.mem.used_pct', 'system')]['status'] == 'ok'
    findings = [f for f in device_run['findings'] if f.get('target', f.get('host')) == 'fw-edge-01']
    assert [(f['id'], f.get('subject'), f['status'], f.get('level')) for f in findings] == [('snmp.power.absent', 'PS1', 'warning', 'medium')]
