# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage arrays and BMCs of the lab: every fault planted on them (tools/lab/hospital.yml) is found
with its status and grade, the healthy ones show nothing, and a wrong password becomes a finding."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import tempfile

import pytest

from playbook_runner import run_playbook

pytestmark = pytest.mark.integration

PLAYBOOK = 'tests/integration/targets/storage_bmc/storage_bmc.yml'
CLASSES = ('storage', 'bmc')


def _run(*args):
    reports = tempfile.mkdtemp(prefix='itops-storage-bmc-')
    _rc, _result = run_playbook(PLAYBOOK, *args, env={'ITOPS_REPORTS_DIR': reports})
    runs = [os.path.join(reports, d) for d in os.listdir(reports) if os.path.isdir(os.path.join(reports, d))]
    assert len(runs) == 1, runs
    with open(os.path.join(runs[0], 'run.json'), encoding='utf-8') as handle:
        return json.load(handle)


@pytest.fixture(scope='module')
def run_record(lab):
    return _run()


def _mine(lab, run):
    hosts = set(i['target'] for i in run['inspections'] if i['device_class'] in CLASSES)
    return hosts, [p for p in lab if p['host'] in hosts]


def test_every_storage_and_bmc_device_was_inspected(run_record):
    targets = sorted(i['target'] for i in run_record['inspections'] if i['device_class'] in CLASSES)
    assert targets == ['bmc-fin-01', 'bmc-his-01', 'bmc-pacs-01', 'san-his-01', 'san-lis-01']
    facts = dict((i['target'], i['facts']) for i in run_record['inspections'])
    assert facts['san-his-01']['model'] == 'OceanStor 5500 V5' and facts['san-lis-01']['firmware'] == '8.3.1.7'
    assert facts['bmc-pacs-01']['firmware'] == '3.63' and facts['bmc-fin-01']['serial'] == '2102310QLH10E4001234'
    metrics = dict((i['target'], i['metrics']) for i in run_record['inspections'])
    assert metrics['san-his-01']['pool.StoragePool001.capacity_bytes'] > metrics['san-his-01']['pool.StoragePool001.used_bytes'] > 0


def test_planted_faults_are_found_with_status_and_grade(run_record, lab):
    hosts, planted = _mine(lab, run_record)
    assert len(planted) == 7, planted
    findings = dict(((f['target'], f['id'], f.get('subject')), f) for f in run_record['findings'])
    for plant in planted:
        expect = plant['expect']
        key = (plant['host'], expect['id'], expect.get('subject'))
        assert key in findings, 'planted %s on %s not reported' % (plant['kind'], plant['host'])
        found = findings[key]
        assert found['status'] == expect['status'], (key, found)
        if 'level' in expect:
            assert found['kind'] == 'risk' and found['level'] == expect['level'], (key, found)
        if 'grade' in expect:
            assert found['kind'] == 'fault' and found['grade'] == expect['grade'], (key, found)
    expected = set((p['host'], p['expect']['id'], p['expect'].get('subject')) for p in planted)
    unexpected = [(k, f['status'], f.get('detail')) for k, f in findings.items() if k[0] in hosts and k not in expected]
    assert unexpected == []                     # bmc-his-01 healthy, san-lis-01 only its MDisk: no side findings


def test_offline_mdisk_found_through_the_cli_path(run_record, lab):
    """san-lis-01's planted offline external MDisk, read by lsmdisk over SSH (action plugin, CLI mode)."""
    plant = [p for p in lab if p['host'] == 'san-lis-01' and p['kind'] == 'storage_mdisk_offline']
    assert len(plant) == 1, plant
    inspection = [i for i in run_record['inspections'] if i['target'] == 'san-lis-01'][0]
    items = dict(((i['id'], i['subject']), i) for i in inspection['items'])
    mdisk = items[('storage.mdisk.state', plant[0]['expect']['subject'])]
    assert (mdisk['status'], mdisk['value'], mdisk.get('fault')) == ('critical', 'offline', True)
    assert 'controller controller0' in mdisk['detail']
    for item_id, subject in (('storage.node.state', 'all nodes'), ('storage.battery.state', 'all batteries'),
                             ('storage.psu.state', 'all power supplies'), ('storage.quorum.state', 'quorum')):
        assert items[(item_id, subject)]['status'] == 'ok', items[(item_id, subject)]
    assert items[('storage.node.state', 'all nodes')]['value'] == 2
    finding = [f for f in run_record['findings'] if f['target'] == 'san-lis-01' and f['id'] == 'storage.mdisk.state']
    assert [(f['kind'], f['grade']) for f in finding] == [('fault', plant[0]['expect']['grade'])]


def test_wrong_passwords_become_findings(lab):
    run = _run('-e', 'itops_storage_password=wrong-storage-pass', '-e', 'itops_bmc_password=wrong-bmc-pass')
    findings = dict(((f['target'], f['id']), f) for f in run['findings'])
    for target in ('san-his-01', 'bmc-his-01', 'bmc-pacs-01', 'bmc-fin-01'):
        reach = 'storage.reach' if target.startswith('san') else 'bmc.reach'
        found = findings[(target, reach)]
        assert found['status'] == 'critical', found
        assert found['kind'] == 'risk', found              # the device answered: not an outage
    text = json.dumps(run)
    assert 'wrong-storage-pass' not in text and 'wrong-bmc-pass' not in text
