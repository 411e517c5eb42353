# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Items from recorded (S5720 through snmpsim) and written (vendor-format) varbind sets, replayed
through the real walker and builders; garbage gives unknown items with reasons, never a crash."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import STATUSES
from ansible_collections.medops.itops.plugins.module_utils.snmp import inspect as snmp_inspect
from ansible_collections.medops.itops.plugins.module_utils.snmp import items as builders
from ansible_collections.medops.itops.plugins.module_utils.snmp import state as counters
from ansible_collections.medops.itops.plugins.module_utils.snmp import walker
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.snmp_replay import ReplayEngine, load


def snapshot(data, profile, seconds=0.0, silent=()):
    engine = ReplayEngine(data, silent=silent)
    snap = walker.new_snapshot()
    snap['scalars'].update(asyncio.run(walker.get_system(engine)))
    asyncio.run(walker.poll(engine, profile, snapshot=snap))
    snap['time'] += seconds
    return snap


def by_id(items, item_id, subject=None):
    found = [i for i in items if i['id'] == item_id and (subject is None or i['subject'] == subject)]
    return found


def one(items, item_id, subject=None):
    found = by_id(items, item_id, subject)
    assert len(found) == 1, (item_id, subject, found)
    return found[0]


def inspect_replayed(monkeypatch, data, spec_extra=None, options=None, silent=(), dies_after=None):
    monkeypatch.setattr(snmp_inspect.eng, 'make_engine', lambda *a, **k: ReplayEngine(data, silent=silent, dies_after=dies_after))
    spec = {'target': 'dev', 'address': '192.0.2.1', 'port': 161, 'credentials': {'version': '2c', 'community': 'x'}, 'device_class': None}
    spec.update(spec_extra or {})
    opts = {'samples': 2, 'sample_interval': 0}
    opts.update(options or {})
    inspections, _stats = snmp_inspect.inspect_many([spec], opts)
    return inspections[0]


def test_s5720_recorded_two_walks_give_rates_and_healthy_items():
    profile = Loader().load('huawei_vrp_switch')
    first = snapshot(load('huawei_s5720.walk1.jsonl'), profile)
    second = snapshot(load('huawei_s5720.walk2.jsonl'), profile)
    second['time'] = first['time'] + 10.0
    items, metrics = builders.build(profile, second, builders.Context(uplinks=['XGigabitEthernet0/0/1'], previous=first))
    assert one(items, 'snmp.cpu.util_pct')['value'] == 9
    assert one(items, 'snmp.mem.used_pct')['value'] == 43
    assert one(items, 'snmp.temperature.c', 'S5720-28X-LI-AC 0')['value'] == 41
    assert one(items, 'snmp.fan.state')['status'] == 'ok'
    assert one(items, 'snmp.power.state')['value'] == 'supply'
    assert one(items, 'snmp.board.state')['value'] == 'enabled'
    # GE0/0/3 moves 9.8 MB/s out on a 1 Gbit/s port: about 7.8 %.
    util = one(items, 'if.util_pct', 'GigabitEthernet0/0/3')
    assert 7.0 < util['value'] < 8.5 and util['status'] == 'ok'
    assert metrics['if.util_pct.GigabitEthernet0/0/3'] == util['value']
    assert one(items, 'if.errors.rate', 'XGigabitEthernet0/0/1')['value'] == 0
    # Shut-down ports are not reported; every admin-up port is, all up.
    opers = by_id(items, 'if.oper_status')
    assert 'GigabitEthernet0/0/20' not in [i['subject'] for i in opers]
    assert opers and all(i['status'] == 'ok' for i in opers)
    assert not [i for i in items if i['status'] != 'ok']
    facts = builders.build_facts(profile, second)
    assert facts['model'] == 'S5720-28X-LI-AC' and facts['serial'] == '2102359811DMJ7000412'
    assert facts['firmware'] == 'Version 5.170 (S5720 V200R011C10SPC600)'


def test_uplink_down_is_a_critical_fault_elsewhere_a_warning():
    profile = Loader().load('if_mib')
    data = load('huawei_s5720.walk1.jsonl')
    data['1.3.6.1.2.1.2.2.1.8.29'] = 2          # XGigabitEthernet0/0/1 oper down, admin up
    data['1.3.6.1.2.1.2.2.1.8.5'] = 7           # GigabitEthernet0/0/1 lowerLayerDown (described "to-his-app-01")
    data['1.3.6.1.2.1.2.2.1.7.18'] = 1          # GigabitEthernet0/0/14 admin up (VRP's default), oper down, no description
    items, _m = builders.build(profile, snapshot(data, profile), builders.Context(uplinks=['XGigabitEthernet0/0/1']))
    uplink = one(items, 'if.oper_status', 'XGigabitEthernet0/0/1')
    assert uplink['status'] == 'critical' and uplink.get('fault') is True and 'uplink' in uplink['detail']
    access = one(items, 'if.oper_status', 'GigabitEthernet0/0/1')
    assert access['status'] == 'warning' and not access.get('fault') and 'to-his-app-01' in access['detail']
    # An access port with no description that was not up before is counted, not warned.
    assert not by_id(items, 'if.oper_status', 'GigabitEthernet0/0/14')
    unused = one(items, 'if.unused.count')
    assert unused['value'] == 1 and unused['status'] == 'ok' and 'GigabitEthernet0/0/14' in unused['detail']


def test_down_port_up_in_the_previous_run_or_described_is_a_warning():
    profile = Loader().load('if_mib')
    before = snapshot(load('huawei_s5720.walk1.jsonl'), profile)
    data = load('huawei_s5720.walk1.jsonl')
    data['1.3.6.1.2.1.31.1.1.1.18.5'] = b''      # GigabitEthernet0/0/1 without its description
    data['1.3.6.1.2.1.2.2.1.8.5'] = 2           # ... was up in the previous run, down now
    items, _m = builders.build(profile, snapshot(data, profile), builders.Context(previous_run=before))
    port = one(items, 'if.oper_status', 'GigabitEthernet0/0/1')
    assert port['status'] == 'warning' and 'previous run' in port['detail'] and not port.get('fault')
    # No previous run, no description: counted as unused.
    items, _m = builders.build(profile, snapshot(data, profile), builders.Context())
    assert not by_id(items, 'if.oper_status', 'GigabitEthernet0/0/1')
    # The same port with a description: a warning naming it.
    data['1.3.6.1.2.1.31.1.1.1.18.5'] = b'to PACS archive'
    items, _m = builders.build(profile, snapshot(data, profile), builders.Context())
    port = one(items, 'if.oper_status', 'GigabitEthernet0/0/1')
    assert port['status'] == 'warning' and 'PACS archive' in port['detail']
    # Named in itops_snmp_must_be_up: critical and a fault.
    items, _m = builders.build(profile, snapshot(data, profile), builders.Context(must_be_up=['GigabitEthernet0/0/1']))
    assert one(items, 'if.oper_status', 'GigabitEthernet0/0/1')['status'] == 'critical'


def test_counter_wrap_and_restart():
    profile = Loader().load('if_mib')
    first = snapshot(load('huawei_s5720.walk1.jsonl'), profile)
    data = load('huawei_s5720.walk1.jsonl')
    data['1.3.6.1.2.1.2.2.1.14.29'] = 5          # in errors wrapped from near 2^32
    first['tables']['if']['29']['in_errors'] = 2 ** 32 - 5
    second = snapshot(data, profile)
    second['time'] = first['time'] + 10.0
    items, _m = builders.build(profile, second, builders.Context(previous=first))
    assert one(items, 'if.errors.rate', 'XGigabitEthernet0/0/1')['value'] == 1.0
    second['scalars']['sysUpTime'] = 5
    items, _m = builders.build(profile, second, builders.Context(previous=first))
    restarted = one(items, 'if.util_pct', 'XGigabitEthernet0/0/1')
    assert restarted['status'] == 'unknown' and 'restarted' in restarted['detail']
    items, _m = builders.build(profile, second, builders.Context(previous=None, rate_reason='first sample'))
    assert one(items, 'if.errors.rate', 'XGigabitEthernet0/0/1')['detail'] == 'first sample'


def test_garbage_answers_give_unknown_items_with_reasons(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('huawei_vrp_garbage.written.jsonl'))
    items = inspection['items']
    assert inspection['facts']['snmp_profile'] == 'huawei_vrp_switch'
    assert all(i['status'] in STATUSES for i in items)
    assert one(items, 'snmp.cpu.util_pct', 'MPU 1')['detail'] == "not a number: 'lots'"
    assert 'binary' in one(items, 'snmp.cpu.util_pct', 'MPU 2')['detail']
    assert one(items, 'snmp.mem.used_pct', 'MPU 1')['detail'] == 'implausible value 250 (expected 0 to 100)'
    assert one(items, 'snmp.mem.used_pct', 'MPU 2')['detail'] == 'no such object or instance'
    assert 'implausible value 2000' in one(items, 'snmp.temperature.c', 'MPU 1')['detail']
    assert one(items, 'snmp.temperature.c', 'MPU 2')['value'] == 47          # a number sent as text is read
    assert one(items, 'snmp.board.state', 'MPU 2')['status'] == 'unknown'    # 99 is no known state
    assert one(items, 'snmp.board.state', 'LPU 3')['status'] == 'critical'   # offline(4)
    assert one(items, 'snmp.fan.state')['detail'] == 'table hw_fan is empty or not supported by this device'
    assert one(items, 'if.oper_status')['status'] == 'unknown'
    assert one(items, 'snmp.reach')['status'] == 'ok'


def test_a_column_that_times_out_mid_poll(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('huawei_s5720.walk1.jsonl'), silent=('1.3.6.1.4.1.2011.5.25.31.1.1.10',))
    fan = one(inspection['items'], 'snmp.fan.state')
    assert fan['status'] == 'unknown' and fan['detail'].startswith('timeout walking 1.3.6.1.4.1.2011.5.25.31.1.1.10.1.')
    assert one(inspection['items'], 'snmp.cpu.util_pct')['value'] == 9


def test_a_device_that_dies_during_its_poll_is_a_fault_like_one_dead_from_the_start(monkeypatch):
    # answers its system group (one request), then nothing: before, this gave 'unknown' items, risk low
    inspection = inspect_replayed(monkeypatch, load('huawei_s5720.walk1.jsonl'), dies_after=1)
    reach, = inspection['items']
    assert reach['id'] == 'snmp.reach' and reach['status'] == 'critical' and reach['fault'] is True
    assert 'stopped answering during the poll' in reach['detail']


def test_a_device_that_dies_before_its_second_sample_is_a_fault(monkeypatch):
    # Counters are sampled twice. Count the requests of a whole poll, then let the device answer only
    # those of the first sample: the second sample's sysUpTime gets no answer. Before: 'unknown', risk low.
    data = load('huawei_s5720.walk1.jsonl')
    engines = []
    monkeypatch.setattr(snmp_inspect.eng, 'make_engine', lambda *a, **k: engines.append(ReplayEngine(data)) or engines[-1])
    inspect_replayed_with = snmp_inspect.inspect_many
    spec = {'target': 'dev', 'address': '192.0.2.1', 'port': 161, 'credentials': {'version': '2c', 'community': 'x'}, 'device_class': None}
    inspect_replayed_with([dict(spec)], {'samples': 2, 'sample_interval': 0})
    uptime_gets = [n for n, oids in enumerate(engines[0].log) if oids == ['1.3.6.1.2.1.1.3.0']]
    assert uptime_gets, engines[0].log[:5]
    inspection = inspect_replayed(monkeypatch, data, dies_after=uptime_gets[-1])
    reach, = inspection['items']
    assert reach['status'] == 'critical' and reach['fault'] is True and 'stopped answering' in reach['detail'], reach


def test_silent_device_is_a_reach_fault(monkeypatch):
    inspection = inspect_replayed(monkeypatch, {}, silent=('1',), spec_extra={'device_class': 'firewall'})
    assert len(inspection['items']) == 1
    reach = inspection['items'][0]
    assert reach['id'] == 'snmp.reach' and reach['status'] == 'critical' and reach['fault'] is True
    assert 'no response / authentication' in reach['detail'] and inspection['device_class'] == 'firewall'


def test_ups_rfc1628_on_battery(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('ups_rfc1628_on_battery.written.jsonl'))
    items = inspection['items']
    assert inspection['device_class'] == 'ups' and inspection['facts']['model'] == 'Smart-UPS SRT 10000'
    on_battery = one(items, 'ups.on_battery')
    assert on_battery['status'] == 'critical' and on_battery['fault'] is True and on_battery['value'] == 'battery'
    assert one(items, 'ups.battery.status')['value'] == 'batteryLow'
    assert one(items, 'ups.battery.charge_pct')['status'] == 'critical'
    assert one(items, 'ups.battery.runtime_min')['status'] == 'critical'
    assert one(items, 'ups.load_pct', 'output L2')['status'] == 'critical'
    assert one(items, 'ups.load_pct', 'output L1')['status'] == 'ok'
    alarms = one(items, 'ups.alarms')
    assert alarms['value'] == 2 and alarms['status'] == 'warning' and alarms['detail'] == 'onBattery, lowBattery'
    assert inspection['metrics']['ups.output.voltage.L2'] == 229


def test_huawei_ups5000_detected_and_scaled(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('huawei_ups5000_normal.written.jsonl'))
    items = inspection['items']
    assert inspection['facts']['snmp_profile'] == 'huawei_ups5000' and inspection['facts']['serial'] == '2102311RJB10K8000123'
    assert one(items, 'ups.on_battery')['value'] == 'normal'
    assert one(items, 'ups.battery.runtime_min')['value'] == 45.0
    assert one(items, 'ups.load_pct', 'output L1')['value'] == 41.2
    assert one(items, 'ups.alarms')['value'] == 0
    assert [i for i in items if i['status'] != 'ok'] == []


def test_h3c_comware_faults(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('h3c_comware_faults.written.jsonl'), spec_extra={'profile': 'h3c_comware_switch'})
    items = inspection['items']
    fan = one(items, 'snmp.fan.state', 'Fan 1')
    assert fan['status'] == 'critical' and fan['value'] == 'fanError'
    assert one(items, 'snmp.power.state', 'PSU 1')['status'] == 'ok'
    assert one(items, 'snmp.cpu.util_pct', 'Board 2')['status'] == 'critical'
    assert [i['subject'] for i in by_id(items, 'snmp.temperature.c')] == ['Board 1', 'Board 2']    # 65535 = no sensor
    assert sorted(i['value'] for i in by_id(items, 'stack.member.state')) == ['master', 'slave']
    assert one(items, 'vrrp.state', 'VRRP 20.2')['status'] == 'critical'
    assert one(items, 'vrrp.state', 'VRRP 10.1')['value'] == 'master'
    stuck = one(items, 'ospf.neighbor.state', '10.255.0.3')
    assert stuck['status'] == 'critical' and stuck['fault'] is True and stuck['value'] == 'init'
    assert inspection['facts']['model'] == 'LS-5560X-30C-EI'


def test_hillstone_sessions_and_fans(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('hillstone_sessions_high.written.jsonl'))
    items = inspection['items']
    assert inspection['device_class'] == 'firewall'
    assert one(items, 'fw.sessions.used_pct')['value'] == 92.5
    assert one(items, 'fw.sessions.used_pct')['status'] == 'critical'
    assert one(items, 'snmp.fan.state', 'FAN 2')['status'] == 'warning'
    assert one(items, 'snmp.cpu.util_pct')['subject'] == 'system'


def test_environment_sensors(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('env_sensor_leak.written.jsonl'), spec_extra={'profile': 'env_sensor_generic'},
                                  options={'samples': 1})
    items = inspection['items']
    temperature = one(items, 'env.temperature.c')
    assert temperature['value'] == 30.5 and temperature['status'] == 'warning'
    assert one(items, 'env.humidity.pct')['value'] == 45
    leak = one(items, 'env.water_leak')
    assert leak['status'] == 'critical' and leak['value'] == 'leak detected'
    assert one(items, 'env.smoke')['status'] == 'ok'


def test_unknown_profile_and_thresholds_from_host(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('env_sensor_leak.written.jsonl'), spec_extra={'profile': 'no_such_profile'})
    assert inspection['items'][0]['id'] == 'snmp.profile' and "'no_such_profile' not found" in inspection['items'][0]['detail']
    inspection = inspect_replayed(monkeypatch, load('env_sensor_leak.written.jsonl'),
                                  spec_extra={'profile': 'env_sensor_generic', 'thresholds': {'env.temperature.c': {'warning': 35, 'critical': 40}}})
    assert one(inspection['items'], 'env.temperature.c')['status'] == 'ok'


def test_state_file_gives_rates_on_the_next_run(monkeypatch, tmp_path):
    path = str(tmp_path / 'state' / 'snmp_counters.json')
    first = inspect_replayed(monkeypatch, load('huawei_s5720.walk1.jsonl'), options={'samples': 1, 'state_file': path})
    assert one(first['items'], 'if.errors.rate', 'XGigabitEthernet0/0/1')['status'] == 'unknown'
    stored = counters.load(path)
    assert stored['dev']['tables']['if']['29']['in_octets'] > 0
    stored['dev']['time'] -= 10
    counters.save(path, stored)
    second = inspect_replayed(monkeypatch, load('huawei_s5720.walk2.jsonl'), options={'samples': 1, 'state_file': path})
    util = one(second['items'], 'if.util_pct', 'GigabitEthernet0/0/3')
    assert util['status'] == 'ok' and util['value'] > 0
    assert counters.load(str(tmp_path / 'absent.json')) == {}
    assert counters.previous_snapshot({'dev': 'garbage'}, 'dev') is None


@pytest.mark.parametrize('name', ['huawei_s5720.walk1.jsonl', 'ups_rfc1628_on_battery.written.jsonl', 'h3c_comware_faults.written.jsonl',
                                  'hillstone_sessions_high.written.jsonl', 'env_sensor_leak.written.jsonl', 'huawei_vrp_garbage.written.jsonl'])
@pytest.mark.parametrize('profile', ['generic_snmp', 'huawei_vrp_switch', 'h3c_secpath_firewall', 'sangfor_firewall', 'ups_rfc1628',
                                     'huawei_ups5000', 'precision_ac_generic', 'hillstone_firewall'])
def test_every_profile_survives_every_device(monkeypatch, name, profile):
    """Napalm-style shared suite: any profile on any device's answers yields valid items, never an exception."""
    inspection = inspect_replayed(monkeypatch, load(name), spec_extra={'profile': profile})
    assert inspection['items'][0]['id'] == 'snmp.reach'
    for item in inspection['items']:
        assert item['status'] in STATUSES
        assert item['status'] != 'unknown' or item.get('detail')


def test_yunshan_without_memory_size_and_fan_present_still_reports(monkeypatch):
    # Written to HUAWEI-ENTITY-EXTENT-MIB minus what YunShan S5735 switches do not serve
    # (hwEntityMemSize, hwEntityFanPresent): before, CPU, memory and the fan gave no item at all.
    items = inspect_replayed(monkeypatch, load('huawei_yunshan_gaps.written.jsonl'),
                             {'uplinks': ['XGigabitEthernet0/0/1']})['items']
    cpu = one(items, 'snmp.cpu.util_pct')
    assert (cpu['subject'], cpu['value'], cpu['status']) == ('S5735-L48T4X-A1 0', 98, 'critical')
    assert one(items, 'snmp.mem.used_pct')['value'] == 47
    fan = one(items, 'snmp.fan.state')
    assert (fan['value'], fan['status']) == ('abnormal', 'critical')
    temp = one(items, 'snmp.temperature.c')                 # 57 against the board's own 55
    assert temp['status'] == 'critical' and temp['threshold'] == {'warning': 50, 'critical': 55}
    # Interfaces: the uplink and the aggregation are outages, the described port a warning,
    # the two unused admin-up ports are counted; nothing unknown about missing columns.
    downs = dict((i['subject'], i['status']) for i in by_id(items, 'if.oper_status') if i['status'] != 'ok')
    assert downs == {'XGigabitEthernet0/0/1': 'critical', 'Eth-Trunk1': 'critical', 'GigabitEthernet0/0/3': 'warning'}
    assert one(items, 'if.unused.count')['value'] == 2
    assert not [i for i in items if 'not served' in (i.get('detail') or '')]


def test_a_filter_column_the_device_does_not_serve_is_an_unknown_naming_it(monkeypatch):
    data = load('huawei_yunshan_gaps.written.jsonl')
    for oid in [o for o in data if o.startswith('1.3.6.1.2.1.47.1.1.1.1.5.')]:
        del data[oid]                                       # no entPhysicalClass: ignorable, rows still read
    data = dict((o, v) for o, v in data.items() if not o.startswith('1.3.6.1.4.1.2011.5.25.31.1.1.1.1.11.'))
    items = inspect_replayed(monkeypatch, data)['items']
    temp = one(items, 'snmp.temperature.c')                 # its value and filter column are gone
    assert temp['status'] == 'unknown' and 'temperature (1.3.6.1.4.1.2011.5.25.31.1.1.1.1.11)' in temp['detail']
    assert [i['value'] for i in by_id(items, 'snmp.cpu.util_pct')] == [0, 98, 0, 0]   # every row, none dropped


def test_comware_one_temperature_per_sensor_with_its_own_limits(monkeypatch):
    # Written to HH3C-ENTITY-EXT-MIB: 44 entity rows repeat the board's 46 degC (ports, a container).
    items = inspect_replayed(monkeypatch, load('h3c_comware_temperature_copies.written.jsonl'))['items']
    temps = dict((i['subject'], (i['value'], i['status'], i['threshold'])) for i in by_id(items, 'snmp.temperature.c'))
    assert temps == {'Slot 1': (46, 'ok', {'warning': 78, 'critical': 95}),
                     # only a warning limit (57) published: critical 10 above it
                     'Hotspot 1': (61, 'warning', {'warning': 57, 'critical': 67})}


def test_a_user_threshold_wins_over_the_limit_the_device_publishes(monkeypatch):
    items = inspect_replayed(monkeypatch, load('h3c_comware_temperature_copies.written.jsonl'),
                             {'thresholds': {'snmp.temperature.c@Hotspot 1': {'warning': 70, 'critical': 80}}})['items']
    hotspot = one(items, 'snmp.temperature.c', 'Hotspot 1')
    assert hotspot['status'] == 'ok' and hotspot['threshold'] == {'warning': 70, 'critical': 80}
