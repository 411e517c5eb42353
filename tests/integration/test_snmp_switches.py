# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Switch structures of real devices, over the lab (issue 11): acc-sw-01 is a Huawei S5735 (YunShan)
that serves no hwEntityMemSize and no fan Present column, leaves 48 unused ports admin up and
publishes its own temperature limit; agg-sw-01 (Comware) repeats its board temperature on every
entity row. Read from the one shared quarterly run, except the port flap, which needs two runs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import tempfile

import pytest

from playbook_runner import run_playbook, task_results

from ansible_collections.medops.itops.plugins.module_utils.inspection import grading

pytestmark = pytest.mark.integration
FLAP_PORT = 'XGigabitEthernet0/0/3'
FLAP_OID = '1.3.6.1.2.1.2.2.1.8.54'          # ifOperStatus of XGE0/0/3 (writecache in the lab recording)
ACC = '10.77.0.104'


def _inspection(run, target):
    found = [i for i in run['inspections'] if i['target'] == target]
    assert len(found) == 1, target
    return found[0]


def _items(inspection, item_id, subject=None):
    return [i for i in inspection['items'] if i['id'] == item_id and (subject is None or i.get('subject') == subject)]


def test_yunshan_cpu_and_memory_without_a_memory_size_column(quarterly_run):
    acc = _inspection(quarterly_run, 'acc-sw-01')
    cpu, = _items(acc, 'snmp.cpu.util_pct')
    assert cpu['value'] == 98 and cpu['status'] == 'critical'
    mem, = _items(acc, 'snmp.mem.used_pct')
    assert mem['value'] == 47 and mem['status'] == 'ok'
    fan, = _items(acc, 'snmp.fan.state')           # no Present column: still judged by its state
    assert fan['status'] == 'ok'


def test_temperature_against_the_limit_the_switch_publishes(quarterly_run):
    acc = _inspection(quarterly_run, 'acc-sw-01')
    temp, = _items(acc, 'snmp.temperature.c')
    # 57 degC: under the collection default (warning 60) but above the switch's own 55
    assert temp['value'] == 57 and temp['status'] == 'critical' and temp['threshold']['critical'] == 55
    assert 'published by the device' in temp['detail']


def test_unused_access_ports_are_counted_and_only_the_uplink_is_scored(quarterly_run):
    acc = _inspection(quarterly_run, 'acc-sw-01')
    unused, = _items(acc, 'if.unused.count')
    assert unused['value'] == 48 and unused['status'] == 'ok'
    downs = [i for i in _items(acc, 'if.oper_status') if i['status'] != 'ok']
    assert [(i['subject'], i['status'], i.get('fault')) for i in downs] == [('XGigabitEthernet0/0/1', 'critical', True)]
    findings = [f for f in quarterly_run['findings'] if f['target'] == 'acc-sw-01']
    assert sorted(f['id'] for f in findings) == ['if.oper_status', 'snmp.cpu.util_pct', 'snmp.temperature.c']
    # The score is 100 minus the penalties of these three findings: the 48 ports cost nothing.
    policy = grading.as_policy(None)
    penalties = policy['score']['penalties']
    expected = max(0.0, 100.0 - sum(penalties.get(f.get('grade') or f.get('level'), 0) for f in findings))
    assert grading.host_scores([acc], quarterly_run['findings'])['acc-sw-01'] == expected < 100


def test_comware_gives_one_temperature_per_sensor(quarterly_run):
    agg = _inspection(quarterly_run, 'agg-sw-01')
    temps = _items(agg, 'snmp.temperature.c')
    assert [(t['subject'], t['value']) for t in temps] == [('Slot 1', 44)]
    assert temps[0]['threshold'] == {'warning': 75, 'critical': 85}


def _set_flap_port(state):
    subprocess.run(['snmpset', '-v2c', '-c', 'lab-public-ro', '-t', '2', '-r', '2', ACC, FLAP_OID, 'i', str(state)],
                   check=True, capture_output=True, timeout=30)


def _flap_item(reports):
    _rc, result = run_playbook(os.path.join('tests', 'integration', 'targets', 'snmp_interfaces', 'acc_switch.yml'),
                               env={'ITOPS_REPORTS_DIR': reports, 'ITOPS_HISTORY': 'off'})
    inspection, = task_results(result, 'Inspect acc-sw-01')[0]['inspections']
    return _items(inspection, 'if.oper_status', FLAP_PORT), _items(inspection, 'if.unused.count')[0]


def test_a_port_up_in_the_previous_run_and_down_now_is_a_finding():
    reports = tempfile.mkdtemp(prefix='itops-flap-')
    try:
        first, unused = _flap_item(reports)
        assert [i['status'] for i in first] == ['ok']                  # up, nothing to say
        _set_flap_port(2)                                              # the server's link drops
        second, unused = _flap_item(reports)
        assert [(i['status'], i['value']) for i in second] == [('warning', 'down')]
        assert 'up in the previous run' in second[0]['detail']
        assert FLAP_PORT not in (unused.get('detail') or '')
        # A third run, still down: no longer "up in the previous run", now counted as unused.
        third, unused = _flap_item(reports)
        assert not third and unused['value'] == 49
    finally:
        _set_flap_port(1)
    assert os.path.isfile(os.path.join(reports, 'snmp_counters.json')), os.listdir(reports)
