# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Detection by capability (detect.py) on fixtures written to RFC 1628 / RFC 2790 / RFC 2863,
replayed through the real engine interface: which profile, whether the device is generic, and
what the probe costs in requests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.snmp import detect
from ansible_collections.medops.itops.plugins.module_utils.snmp import inspect as snmp_inspect
from ansible_collections.medops.itops.plugins.module_utils.snmp import walker
from ansible_collections.medops.itops.plugins.module_utils.snmp.engine import SnmpError
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import BUILTIN_DIR, COLLECTION_ROOT, Loader
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.snmp.snmp_replay import ReplayEngine, load

# The lab's and the fixtures' unlisted UPS vendor: an enterprise number we made up (tools/lab/snmp/SOURCES.md).
UNLISTED_ENTERPRISE = '57429'
UPS5000_MODEL_OID = '1.3.6.1.4.1.2011.6.174.1.2.100.1.2.1'


def detect_with(data, loader=None, named=None, engine=None):
    """(profile, how, generic, requests of the detection alone)."""
    engine = engine or ReplayEngine(data)
    loader = loader or Loader()
    system = asyncio.run(walker.get_system(engine))
    before = engine.requests
    profile, how, generic = asyncio.run(detect.choose(engine, loader, system, named=named))
    return profile, how, generic, engine.requests - before


def ups5000_loader(tmp_path):
    """The shipped profiles; huawei_ups5000 with a `requires` on its model object until the shipped file has one."""
    if Loader().load('huawei_ups5000')['requires']:
        return Loader()
    with open(os.path.join(BUILTIN_DIR, 'huawei_ups5000.yml'), encoding='utf-8') as handle:
        text = handle.read()
    (tmp_path / 'huawei_ups5000.yml').write_text(text.rstrip('\n') + '\nrequires: [%s]\n' % UPS5000_MODEL_OID, encoding='utf-8')
    return Loader([str(tmp_path)])


def test_unlisted_vendor_ups_is_ups_rfc1628_and_generic_in_one_request():
    profile, how, generic, requests = detect_with(load('ups_unlisted_vendor_low_charge.written.jsonl'))
    assert profile['name'] == 'ups_rfc1628' and profile['device_class'] == 'ups' and generic is True
    assert how.startswith('no model profile for sysObjectID 1.3.6.1.4.1.57429.2.1; standard UPS-MIB checks only')
    assert requests == 1


def test_the_probe_is_one_get_holding_every_capability_oid():
    engine = ReplayEngine(load('ups_unlisted_vendor_low_charge.written.jsonl'))
    detect_with(None, engine=engine)
    probe = engine.log[1]
    for _priority, _name, oid in detect.capabilities(Loader()):
        assert oid in probe
    assert [name for _p, name, _o in detect.capabilities(Loader())][:3] == ['ups_rfc1628', 'host_resources', 'generic_snmp']


def test_ups2000_with_the_ups5000_sysobjectid_but_rfc1628_only_is_ups_rfc1628(tmp_path):
    loader = ups5000_loader(tmp_path)
    data = load('huawei_ups2000_rfc1628_only.written.jsonl')
    assert loader.detect(data['1.3.6.1.2.1.1.2.0'], 'Linux GSE200M') == 'huawei_ups5000'
    profile, how, generic, requests = detect_with(data, loader)
    assert profile['name'] == 'ups_rfc1628' and generic is True
    assert 'matches huawei_ups5000' in how and 'standard UPS-MIB checks only' in how
    assert requests <= 1 + len(loader.load('huawei_ups5000')['requires'])


def test_ups5000_that_answers_its_requires_keeps_its_model_profile(tmp_path):
    loader = ups5000_loader(tmp_path)
    data = load('huawei_ups5000_normal.written.jsonl')
    data['1.3.6.1.2.1.1.2.0'] = '1.3.6.1.4.1.2011.6.174.1'
    profile, how, generic, requests = detect_with(data, loader)
    assert profile['name'] == 'huawei_ups5000' and generic is False and 'required OIDs answer' in how
    assert requests == 1


def test_netsnmp_host_of_no_listed_vendor_is_host_resources():
    profile, how, generic, requests = detect_with(load('netsnmp_host_unknown.written.jsonl'))
    assert profile['name'] == 'host_resources' and generic is True
    assert 'standard HOST-RESOURCES-MIB checks only' in how and requests == 1


def test_nothing_standard_is_generic_snmp():
    profile, how, generic, requests = detect_with(load('system_group_only.written.jsonl'))
    assert profile['name'] == 'generic_snmp' and generic is True
    assert 'no standard MIB of the probe answers' in how and requests == 1
    # IF-MIB alone: generic_snmp by its capability
    data = load('system_group_only.written.jsonl')
    data['1.3.6.1.2.1.2.1.0'] = 1
    profile, how, generic, _requests = detect_with(data)
    assert profile['name'] == 'generic_snmp' and generic is True and 'standard IF-MIB checks only' in how


def test_named_profile_is_used_as_is_without_a_request():
    profile, how, generic, requests = detect_with(load('ups_unlisted_vendor_low_charge.written.jsonl'), named='env_sensor_generic')
    assert profile['name'] == 'env_sensor_generic' and generic is False and how == 'task option profile' and requests == 0


def test_sysobjectid_match_without_requires_costs_nothing():
    profile, how, generic, requests = detect_with(load('ups_rfc1628_on_battery.written.jsonl'))
    assert profile['name'] == 'ups_rfc1628' and generic is False and how.startswith('detected from sysObjectID') and requests == 0


def test_manufacturer_served_without_its_instance_still_answers():
    # Seen in a public recording of a Minuteman (Delta) card: 1.3.6.1.2.1.33.1.1.1 with no .0
    profile, _how, generic, requests = detect_with(load('ups_manufacturer_without_instance.written.jsonl'))
    assert profile['name'] == 'ups_rfc1628' and generic is True and requests == 1


class V1Engine(ReplayEngine):
    """SNMPv1: one absent OID in a GET is noSuchName for the whole request."""

    async def _get(self, oids):
        result = await super(V1Engine, self)._get(oids)
        if any(value is None for _oid, value in result):
            raise SnmpError('error-status NoSuchName')
        return result


def test_snmpv1_agent_is_asked_one_oid_at_a_time_after_nosuchname():
    data = load('ups_unlisted_vendor_low_charge.written.jsonl')
    engine = V1Engine(data)
    profile, _how, generic, requests = detect_with(data, engine=engine)
    assert profile['name'] == 'ups_rfc1628' and generic is True
    assert requests == 1 + len(engine.log[1])


def inspect_replayed(monkeypatch, data, spec_extra=None):
    engines = []
    monkeypatch.setattr(snmp_inspect.eng, 'make_engine', lambda *a, **k: engines.append(ReplayEngine(data)) or engines[-1])
    spec = {'target': 'dev', 'address': '192.0.2.1', 'port': 161, 'credentials': {'version': '2c', 'community': 'x'}, 'device_class': None}
    spec.update(spec_extra or {})
    inspections, stats = snmp_inspect.inspect_many([spec], {'samples': 1})
    return inspections[0], stats


def one(items, item_id):
    found = [i for i in items if i['id'] == item_id]
    assert len(found) == 1, (item_id, found)
    return found[0]


def test_unlisted_vendor_inspection_finds_the_low_battery_and_says_generic(monkeypatch):
    data = load('ups_unlisted_vendor_low_charge.written.jsonl')
    inspection, stats = inspect_replayed(monkeypatch, data)
    assert inspection['device_class'] == 'ups' and inspection['facts']['snmp_profile'] == 'ups_rfc1628'
    charge = one(inspection['items'], 'ups.battery.charge_pct')
    assert charge['value'] == 29 and charge['status'] == 'critical'
    generic = one(inspection['items'], 'snmp.profile.generic')
    assert generic['status'] == 'warning' and generic['subject'] == '1.3.6.1.4.1.57429.2.1' and generic['value'] == 'ups_rfc1628'
    assert 'no model profile for sysObjectID 1.3.6.1.4.1.57429.2.1; standard UPS-MIB checks only' in generic['detail']
    assert 'no model profile' in one(inspection['items'], 'snmp.reach')['detail']
    # the probe costs one request over the same poll with the profile named
    named, named_stats = inspect_replayed(monkeypatch, data, {'profile': 'ups_rfc1628'})
    assert not [i for i in named['items'] if i['id'] == 'snmp.profile.generic']
    assert stats['requests'] == named_stats['requests'] + 1


def test_unlisted_enterprise_number_appears_nowhere_in_profiles_or_plugins():
    found = []
    for top in ('profiles', 'plugins'):
        for root, _dirs, files in os.walk(os.path.join(COLLECTION_ROOT, top)):
            for name in files:
                path = os.path.join(root, name)
                with open(path, 'rb') as handle:
                    if UNLISTED_ENTERPRISE.encode() in handle.read():
                        found.append(path)
    assert found == []


@pytest.mark.parametrize('oid,mib', [('1.3.6.1.2.1.33.1.1.1.0', 'UPS-MIB'), ('1.3.6.1.2.1.25.1.1.0', 'HOST-RESOURCES-MIB'),
                                     ('1.3.6.1.2.1.2.1.0', 'IF-MIB'), ('1.3.6.1.4.1.2011.1', None)])
def test_mib_of(oid, mib):
    assert detect.mib_of(oid) == mib
