# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Profiles read the states and values as the vendor MIB texts define them (issue 11, part 2):
fixtures written to the MIBs' documented layouts (tests/unit/fixtures/snmp/README.md), replayed
through the real walker and builders."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.snmp import host_memory
from ansible_collections.medops.itops.plugins.module_utils.snmp import items as builders
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.snmp_replay import load
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.test_snmp_items import by_id, inspect_replayed, one, snapshot

MIB = 1024 * 1024


def built(profile_name, data, overrides=None):
    profile = Loader().load(profile_name)
    snap = snapshot(data, profile)
    items, metrics = builders.build(profile, snap, builders.Context(overrides=overrides))
    return items, metrics


# Hillstone: HILLSTONE-POWER-MIB / HILLSTONE-FAN-MIB fine(0) absent(1) warning(2) fail(3) fail-or-nopower(4)

def test_hillstone_fine_is_ok_and_an_absent_supply_is_its_own_warning():
    items, metrics = built('hillstone_firewall', load('hillstone_psu_absent.written.jsonl'))
    ps0 = one(items, 'snmp.power.state', 'PS0')
    assert ps0['status'] == 'ok' and ps0['value'] == 'fine'
    absent = one(items, 'snmp.power.absent', 'PS1')
    assert absent['status'] == 'warning' and absent['value'] == 'absent' and not absent.get('fault')
    assert by_id(items, 'snmp.power.state', 'PS1') == []      # not "replace the failed supply"
    assert by_id(items, 'snmp.power.absent', 'PS0') == []


def test_hillstone_fan_states():
    items, _metrics = built('hillstone_firewall', load('hillstone_psu_absent.written.jsonl'))
    assert one(items, 'snmp.fan.state', 'FAN 1')['status'] == 'ok'
    failed = one(items, 'snmp.fan.state', 'FAN 2')
    assert failed['status'] == 'critical' and failed['value'] == 'fail'
    assert one(items, 'snmp.fan.state', 'FAN 3')['status'] == 'warning'     # absent fan: a warning, not ok


def test_hillstone_failed_supplies_are_critical_and_unsupport_unknown():
    items, _metrics = built('hillstone_firewall', load('hillstone_psu_failed.written.jsonl'))
    assert one(items, 'snmp.power.state', 'PS0')['status'] == 'critical'
    assert one(items, 'snmp.power.state', 'PS1')['value'] == 'fail-or-nopower'
    assert one(items, 'snmp.power.state', 'PS1')['status'] == 'critical'
    assert one(items, 'snmp.power.state', 'PS2')['status'] == 'unknown'
    assert one(items, 'snmp.power.state', 'PS3')['status'] == 'warning'
    assert by_id(items, 'snmp.power.absent') == []
    assert by_id(items, 'snmp.fan.state') == []           # no fan table served: no fan item (optional)


def test_hillstone_memory_from_total_and_used_kib():
    items, metrics = built('hillstone_firewall', load('hillstone_psu_absent.written.jsonl'))
    mem = one(items, 'snmp.mem.used_pct', 'system')
    assert mem['status'] == 'ok' and mem['value'] == round(1444687 * 100.0 / 8388608, 2) == 17.22
    assert metrics['mem.used_pct'] == 17.22


def test_hillstone_memory_not_served_is_unknown_naming_it():
    data = dict((k, v) for k, v in load('hillstone_psu_absent.written.jsonl').items() if not k.startswith('1.3.6.1.4.1.28557.2.2.1.5'))
    items, _metrics = built('hillstone_firewall', data)
    mem = one(items, 'snmp.mem.used_pct', 'system')
    assert mem['status'] == 'unknown' and 'mem_used' in mem['detail']


# OceanStor: ISM-STORAGE-SVC-MIB common usedCapacity(4) totalCapacity(5)

def test_oceanstor_used_and_total_capacity_as_the_mib_defines_them():
    _items, metrics = built('huawei_oceanstor', load('huawei_oceanstor_dorado.written.jsonl'))
    assert metrics['array.capacity_bytes'] == 52428800 * MIB       # totalCapacity .5.0: 50 TiB
    assert metrics['array.used_bytes'] == 7340032 * MIB            # usedCapacity .4.0: 7 TiB
    assert metrics['array.used_bytes'] < metrics['array.capacity_bytes']


@pytest.mark.parametrize('oid,descr', [
    ('1.3.6.1.4.1.2011.2.91', 'ISM SNMP Agent'),                    # Dorado / V6 (LibreNMS' recording)
    ('1.3.6.1.4.1.2011.2.91.1.2', 'OceanStor Dorado 5000 V6'),
    ('1.3.6.1.4.1.34774.4', ''),                                     # V3/V5
    ('1.3.6.1.4.1.34774.2', 'ISM SNMP Agent'),
    ('1.3.6.1.4.1.8072.3.2.10', 'Huawei OceanStor 2200 V3'),
])
def test_oceanstor_generations_detected(oid, descr):
    assert Loader().detect(oid, descr) == 'huawei_oceanstor'


def test_oceanstor_dorado_auto_detected_as_storage(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('huawei_oceanstor_dorado.written.jsonl'), options={'samples': 1})
    assert inspection['device_class'] == 'storage'
    assert one(inspection['items'], 'storage.system.health', 'system')['status'] == 'ok'


def test_net_snmp_detection_rules_still_go_elsewhere():
    assert Loader().detect('1.3.6.1.4.1.8072.3.2.10', 'Linux his-app-01 5.14') != 'huawei_oceanstor'
    assert Loader().detect('1.3.6.1.4.1.2011.2.23.395', 'S5720') == 'huawei_vrp_switch'


# HOST-RESOURCES memory: buffers and page cache are not used memory

def test_net_snmp_memory_leaves_out_buffers_and_cache():
    items, metrics = built('host_resources', load('netsnmp_linux_memory.written.jsonl'))
    mem = one(items, 'snmp.mem.used_pct')
    # (12800000 - 480000 - 6240000) / 16000000 = 38 %, not the 80 % of hrStorageUsed alone.
    assert mem['value'] == 38.0 and mem['status'] == 'ok' and mem['subject'] == 'Physical memory'
    assert 'buffers' in mem['detail'] and 'cache' in mem['detail']
    assert metrics['mem.used_pct'] == 38.0


def test_memory_without_buffer_rows_is_plain_used_over_size_and_says_so():
    items, metrics = built('host_resources', load('windows_host_memory.written.jsonl'))
    mem = one(items, 'snmp.mem.used_pct')
    assert mem['value'] == round(196559 * 100.0 / 262079, 2) and mem['subject'] == 'Physical Memory'
    assert 'no "Memory buffers"' in mem['detail']
    assert metrics['mem.used_pct'] == mem['value']


def test_memory_judged_by_thresholds():
    items, _metrics = built('host_resources', load('netsnmp_linux_memory.written.jsonl'),
                            overrides={'snmp.mem.used_pct': {'warning': 30, 'critical': 35}})
    assert one(items, 'snmp.mem.used_pct')['status'] == 'critical'


def _hr(rows):
    return {'tables': {'hr_storage': dict((str(i), r) for i, r in enumerate(rows, 1))}, 'errors': {}, 'scalars': {}}


SPEC = {'id': 'snmp.mem.used_pct', 'kind': 'host_memory', 'table': 'hr_storage', 'unit': '%', 'metric': 'mem.used_pct'}
RAM_ROW = {'type': host_memory.HR_STORAGE_RAM, 'descr': b'Physical memory', 'units': 1024, 'size': 1000, 'used': 900}


@pytest.mark.parametrize('rows,reason', [
    ([{'type': '1.3.6.1.2.1.25.2.1.4', 'descr': b'/', 'units': 4096, 'size': 10, 'used': 5}], 'no hrStorageRam'),
    ([{'descr': b'Physical memory', 'size': 10, 'used': 5}], 'hrStorageType'),
    ([dict(RAM_ROW, size=0)], 'no percentage'),
    ([dict(RAM_ROW, used=b'lots')], 'hrStorageUsed'),
    ([dict(RAM_ROW, units=0)], 'AllocationUnits'),
    ([dict(RAM_ROW, used=2000)], 'implausible'),
])
def test_host_memory_garbage_is_unknown_with_the_reason(rows, reason):
    metrics = {}
    result = host_memory.build(SPEC, _hr(rows), builders.Context(), metrics)
    assert len(result) == 1 and result[0]['status'] == 'unknown' and reason in result[0]['detail'], result
    assert metrics == {}


def test_host_memory_units_per_row_and_only_cache_row():
    # RAM in 4 KiB units, cache in 1 KiB units: 400 x 4096 used, 800 x 1024 cached -> (1638400 - 819200) / 4096000.
    rows = [dict(RAM_ROW, units=4096, size=1000, used=400),
            {'type': '1.3.6.1.2.1.25.2.1.1', 'descr': b'Cached memory', 'units': 1024, 'size': 800, 'used': 800}]
    result = host_memory.build(SPEC, _hr(rows), builders.Context(), {})
    assert result[0]['value'] == 20.0 and 'cache' in result[0]['detail'] and 'buffers' not in result[0]['detail']


def test_host_memory_buffers_above_used_falls_back_and_says_so():
    rows = [RAM_ROW, {'type': '1.3.6.1.2.1.25.2.1.1', 'descr': b'Memory buffers', 'units': 1024, 'size': 1000, 'used': 950}]
    result = host_memory.build(SPEC, _hr(rows), builders.Context(), {})
    assert result[0]['value'] == 90.0 and 'exceed' in result[0]['detail']


def test_sangfor_includes_host_memory():
    profile = Loader().load('sangfor_firewall')
    assert [i['kind'] for i in profile['items'] if i['id'] == 'snmp.mem.used_pct'] == ['host_memory']


# Huawei UPS2000 card with the UPS5000's sysObjectID but only RFC 1628

def test_ups5000_requires_its_own_mib():
    profile = Loader().load('huawei_ups5000')
    assert profile['requires'] and all(o.startswith('1.3.6.1.4.1.2011.6.174.') for o in profile['requires'])
    assert set(profile['requires']) <= set(profile['scalars'].values())


def test_ups2000_rfc1628_only_gets_the_ups_mib_profile(monkeypatch):
    data = load('huawei_ups2000_ups5000_match.written.jsonl')
    assert Loader().detect('1.3.6.1.4.1.8072.3.2.10', 'Linux UPS2000-G-6KRTL SNMP card') == 'huawei_ups5000'
    inspection = inspect_replayed(monkeypatch, data, options={'samples': 1})
    assert inspection['device_class'] == 'ups'
    assert inspection['facts']['snmp_profile'] == 'ups_rfc1628'
    statuses = dict((i['id'], i['status']) for i in inspection['items'] if i['id'].startswith('ups.'))
    assert statuses['ups.battery.charge_pct'] == 'ok' and statuses['ups.on_battery'] == 'ok'
    assert 'unknown' not in statuses.values(), statuses


def test_ups5000_card_still_gets_the_ups5000_profile(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load('huawei_ups5000_normal.written.jsonl'), options={'samples': 1})
    assert inspection['facts']['snmp_profile'] == 'huawei_ups5000'


def test_a_buffers_or_cache_row_that_cannot_be_read_is_named_in_both_languages():
    rows = [RAM_ROW, {'type': '1.3.6.1.2.1.25.2.1.1', 'descr': b'Memory buffers', 'units': 1024, 'size': 100, 'used': b'lots'},
            {'type': '1.3.6.1.2.1.25.2.1.1', 'descr': b'Cached memory', 'units': 1024, 'size': 300, 'used': 300}]
    item = host_memory.build(SPEC, _hr(rows), builders.Context(), {})[0]
    assert item['value'] == 60.0 and item['detail'].endswith("; buffers row: hrStorageUsed: not a number: 'lots'")
    zh = load_catalog('zh_CN').detail(item)
    assert zh.endswith("；缓冲区行：存储已用量：不是数字：「'lots'」") and '已扣除缓存' in zh, zh
