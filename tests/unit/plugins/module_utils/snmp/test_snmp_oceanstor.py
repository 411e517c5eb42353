# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The huawei_oceanstor profile (SNMP fallback of the OceanStor REST inspection): written
ISM-STORAGE-SVC-MIB varbind sets replayed through the real walker and builders; the same item ids
and pool metrics as the REST path; garbage gives unknown items with reasons, never a crash."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.forecast import capacity as forecast
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import STATUSES
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import resolve
from ansible_collections.medops.itops.plugins.module_utils.snmp import items as builders
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
from ansible_collections.medops.itops.plugins.module_utils.snmp.schema import ProfileError
from ansible_collections.medops.itops.plugins.module_utils.storage.items import DEVICE_CLASS
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.snmp_replay import load
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.test_snmp_items import by_id, inspect_replayed, one, snapshot

NORMAL = 'huawei_oceanstor_5500v5.written.jsonl'
GARBAGE = 'huawei_oceanstor_garbage.written.jsonl'
MIB = 1024 * 1024
POOL_TABLE = '1.3.6.1.4.1.34774.4.1.23.4.2.1'


def built(name, data=None):
    profile = Loader().load('huawei_oceanstor')
    snap = snapshot(data if data is not None else load(name), profile)
    items, metrics = builders.build(profile, snap, builders.Context())
    return items, metrics, builders.build_facts(profile, snap)


def test_profile_loads_with_the_rest_paths_device_class():
    profile = Loader().load('huawei_oceanstor')
    assert profile['device_class'] == DEVICE_CLASS == 'storage'
    ids = set(i['id'] for i in profile['items'] if i['kind'] != 'metric')
    assert ids == {'storage.system.health', 'storage.pool.used_pct', 'storage.disk.state'}


@pytest.mark.parametrize('oid,descr,expected', [
    ('1.3.6.1.4.1.34774.4', '', 'huawei_oceanstor'),
    ('.1.3.6.1.4.1.34774.4.1', 'ISM SNMP agent', 'huawei_oceanstor'),
    ('1.3.6.1.4.1.34774.2', 'Huawei OceanStor 5500 V5', 'huawei_oceanstor'),
    ('1.3.6.1.4.1.34774.2', 'something else', None),
    ('1.3.6.1.4.1.2011.2.23.395', 'S5720', 'huawei_vrp_switch'),
])
def test_detect(oid, descr, expected):
    assert Loader().detect(oid, descr) == expected


def test_5500v5_pools_disks_system_and_facts():
    items, metrics, facts = built(NORMAL)
    assert all(i['status'] in STATUSES for i in items)
    system = one(items, 'storage.system.health', 'system')
    assert system['status'] == 'ok' and system['value'] == 'normal'
    # StoragePool001: 3 of 20 TiB free -> 85 % used, between the default 80 % warning and 90 % critical.
    rule = resolve('storage.pool.used_pct')
    assert (rule['warning'], rule['critical']) == (80, 90)
    full = one(items, 'storage.pool.used_pct', 'StoragePool001')
    assert full['value'] == 85.0 and full['status'] == 'warning' and full['unit'] == '%'
    healthy = one(items, 'storage.pool.used_pct', 'StoragePool002')
    assert healthy['value'] == 30.0 and healthy['status'] == 'ok'
    # Both pools are healthy: no pool health item.
    assert [i['subject'] for i in by_id(items, 'storage.system.health')] == ['system']
    failed = one(items, 'storage.disk.state', 'CTE0.3')
    assert failed['status'] == 'critical' and failed['value'] == 'fault'
    disks = by_id(items, 'storage.disk.state')
    assert len(disks) == 6
    assert [d['subject'] for d in disks if d['status'] == 'ok'] == ['CTE0.0', 'CTE0.1', 'CTE0.2', 'CTE0.4', 'CTE0.5']
    assert not by_id(items, 'storage.alarm')            # no alarm list over SNMP
    assert facts == {'firmware': 'V500R007C10SPC100'}
    assert metrics['pool.StoragePool001.used_pct'] == 85.0
    assert metrics['pool.StoragePool001.capacity_bytes'] == 20 * 1024 * MIB * 1024
    assert metrics['pool.StoragePool001.used_bytes'] == 17 * 1024 * MIB * 1024
    assert metrics['pool.StoragePool002.used_pct'] == 30.0
    assert metrics['pool.StoragePool002.used_bytes'] == 3 * 1024 * MIB * 1024
    assert metrics['array.capacity_bytes'] == 30 * 1024 * MIB * 1024 and metrics['array.used_bytes'] == 20 * 1024 * MIB * 1024
    assert metrics['disk.CTE0.0.temperature_c'] == 31
    assert 'disk.CTE0.3.temperature_c' not in metrics    # 0: no reading


def test_pool_metrics_feed_the_days_to_full_forecast():
    _items, metrics, _facts = built(NORMAL)
    found = forecast.subjects(metrics)
    assert [(kind, subject) for kind, subject, _u, _c in found] == [('pool', 'StoragePool001'), ('pool', 'StoragePool002')]
    for _kind, _subject, used_key, capacity_key in found:
        assert metrics[capacity_key] > metrics[used_key] > 0


def test_inspection_detected_with_storage_class(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load(NORMAL))
    assert inspection['device_class'] == 'storage'
    assert inspection['facts']['snmp_profile'] == 'huawei_oceanstor' and inspection['facts']['firmware'] == 'V500R007C10SPC100'
    assert one(inspection['items'], 'snmp.reach')['status'] == 'ok'
    assert one(inspection['items'], 'storage.pool.used_pct', 'StoragePool001')['status'] == 'warning'
    assert one(inspection['items'], 'storage.disk.state', 'CTE0.3')['status'] == 'critical'
    inspection = inspect_replayed(monkeypatch, load(NORMAL), spec_extra={'thresholds': {'storage.pool.used_pct': {'warning': 90, 'critical': 95}}})
    assert one(inspection['items'], 'storage.pool.used_pct', 'StoragePool001')['status'] == 'ok'


def test_garbage_gives_unknown_items_with_reasons():
    items, metrics, facts = built(GARBAGE)
    assert all(i['status'] in STATUSES for i in items)
    assert all(i.get('detail') for i in items if i['status'] == 'unknown')
    system = one(items, 'storage.system.health', 'system')
    assert system['status'] == 'unknown' and system['detail'] == 'value normal is not a known state'
    zero = one(items, 'storage.pool.used_pct', 'Pool0')
    assert zero['status'] == 'unknown' and zero['detail'] == 'total is 0, no percentage'
    text = one(items, 'storage.pool.used_pct', 'Pool1')
    assert text['status'] == 'unknown' and text['detail'] == "not a number: 'lots'"
    over = one(items, 'storage.pool.used_pct', 'Pool2')
    assert over['status'] == 'unknown' and 'implausible value -100.0' in over['detail']
    degraded = one(items, 'storage.system.health', 'pool Pool1')
    assert degraded['status'] == 'warning' and degraded['value'] == 'degraded'
    disks = one(items, 'storage.disk.state')
    assert disks['status'] == 'unknown' and disks['detail'] == 'table disk is empty or not supported by this device'
    # No capacity metric from a zero or text total, no used bytes when free exceeds total, no array totals.
    assert sorted(metrics) == ['pool.Pool2.capacity_bytes']
    assert facts == {}


def test_pool_table_that_times_out_mid_poll(monkeypatch):
    inspection = inspect_replayed(monkeypatch, load(NORMAL), silent=(POOL_TABLE + '.9',))
    pools = one(inspection['items'], 'storage.pool.used_pct')
    assert pools['status'] == 'unknown' and pools['detail'].startswith('timeout walking %s.9' % POOL_TABLE)
    assert one(inspection['items'], 'storage.disk.state', 'CTE0.3')['status'] == 'critical'
    assert not [k for k in inspection['metrics'] if k.endswith('.used_bytes') and k.startswith('pool.')]


def test_minus_must_name_a_column(tmp_path):
    (tmp_path / 'bad.yml').write_text('---\nname: bad\ndevice_class: storage\ntables: {t: {columns: {a: 1.3.6.1.9}}}\n'
                                      'items: [{id: a.b, kind: metric, table: t, value: a, minus: b}]\n')
    with pytest.raises(ProfileError, match=r"items\[0\] \(a.b\).minus: column 'b' is not in table t"):
        Loader([str(tmp_path)]).load('bad')
    (tmp_path / 'bad2.yml').write_text('---\nname: bad2\ndevice_class: storage\nscalars: {a: 1.3.6.1.9.0}\n'
                                       'items: [{id: a.b, kind: metric, scalar: a, minus: b}]\n')
    with pytest.raises(ProfileError, match=r"\.minus: 'b' is not a scalar of this profile"):
        Loader([str(tmp_path)]).load('bad2')


@pytest.mark.parametrize('name', [NORMAL, GARBAGE, 'huawei_s5720.walk1.jsonl', 'huawei_vrp_garbage.written.jsonl',
                                  'ups_rfc1628_on_battery.written.jsonl', 'env_sensor_leak.written.jsonl'])
@pytest.mark.parametrize('profile', ['huawei_oceanstor', 'generic_snmp', 'huawei_vrp_switch', 'ups_rfc1628'])
def test_profiles_survive_each_others_devices(monkeypatch, name, profile):
    inspection = inspect_replayed(monkeypatch, load(name), spec_extra={'profile': profile})
    assert inspection['items'][0]['id'] == 'snmp.reach'
    for item in inspection['items']:
        assert item['status'] in STATUSES
        assert item['status'] != 'unknown' or item.get('detail')
