# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Against a real agent on loopback: snmpsim serving the lab's S5720 recording (no lab needed).
v2c through aiosnmp, v3 authPriv through pysnmp, and wrong credentials that become findings
within the configured timeout."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.snmp.inspect import inspect_many
from ansible_collections.medops.itops.plugins.module_utils.snmp.targets import snmp_specs
from ansible_collections.medops.itops.tests.unit.local_servers import snmp_agent

V3 = {'version': '3', 'user': 'itopsv3', 'auth_proto': 'SHA', 'auth_key': 'auth-key-0123', 'priv_proto': 'AES', 'priv_key': 'priv-key-0123'}


@pytest.fixture(scope='module')
def agent():
    with snmp_agent('itops-ro', V3['user'], V3['auth_key'], V3['priv_key']) as port:
        # snmpsim indexes the recording on its first request (over a second on a busy machine):
        # warm it up so that the timings below measure the poller, not that.
        inspect_many([spec('warm-up', port, {'version': '2c', 'community': 'itops-ro'})], {'timeout': 10, 'retries': 2, 'samples': 1})
        yield port


def spec(name, port, creds):
    return {'target': name, 'address': '127.0.0.1', 'port': port, 'credentials': creds, 'device_class': None,
            'uplinks': ['XGigabitEthernet0/0/1']}


def test_v2c_and_v3_authpriv(agent):
    specs = [spec('sw-v2c', agent, {'version': '2c', 'community': 'itops-ro'}), spec('sw-v3', agent, dict(V3))]
    inspections, stats = inspect_many(specs, {'timeout': 5, 'retries': 2, 'sample_interval': 1})
    by_target = dict((i['target'], i) for i in inspections)
    for name in ('sw-v2c', 'sw-v3'):
        items = by_target[name]['items']
        assert items[0]['id'] == 'snmp.reach' and items[0]['status'] == 'ok', items[0]
        assert by_target[name]['facts']['model'] == 'S5720-28X-LI-AC'
        assert [i for i in items if i['status'] != 'ok'] == []
        assert len([i for i in items if i['id'] == 'if.util_pct']) > 10
    assert 'SNMPv3' in by_target['sw-v3']['items'][0]['detail']
    assert stats['varbinds'] > 1000


def test_wrong_credentials_are_findings_within_the_timeout(agent):
    specs = [spec('sw-wrong-community', agent, {'version': '2c', 'community': 'guess'}),
             spec('sw-wrong-key', agent, dict(V3, auth_key='wrong-key-999')),
             spec('sw-unknown-user', agent, dict(V3, user='nobody')),
             spec('sw-wrong-priv', agent, dict(V3, priv_key='wrong-priv-999'))]
    started = time.monotonic()
    inspections, _stats = inspect_many(specs, {'timeout': 1.5, 'retries': 1})
    elapsed = time.monotonic() - started
    by_target = dict((i['target'], i) for i in inspections)
    wrong = by_target['sw-wrong-community']['items']
    assert len(wrong) == 1 and wrong[0]['status'] == 'critical' and wrong[0]['fault'] is True
    assert 'no response / authentication' in wrong[0]['detail']
    # v3 answers that refuse the user or a key are credentials to fix, not a device down (before: a
    # wrong privacy key was "no response ... device down", a fault)
    for name in ('sw-wrong-key', 'sw-unknown-user', 'sw-wrong-priv'):
        item = by_target[name]['items'][0]
        assert item['id'] == 'snmp.reach' and item['status'] == 'critical' and not item.get('fault'), item
        assert 'credentials rejected' in item['detail'], item
    # Bounded by timeout x (retries + 1) = 3 s, whatever the agent does (slack for a busy machine).
    assert elapsed < 1.5 * 2 + 3, elapsed


def test_wrong_community_alone_answers_within_timeout(agent):
    started = time.monotonic()
    inspections, _stats = inspect_many([spec('sw', agent, {'version': '2c', 'community': 'guess'})], {'timeout': 0.5, 'retries': 1})
    assert time.monotonic() - started < 0.5 * 2 + 1.0
    assert inspections[0]['items'][0]['status'] == 'critical'


def test_specs_from_hostvars_keep_going_past_a_broken_host():
    hostvars = {
        'sw1': {'ansible_host': '10.0.0.1', 'itops_snmp_community': 'c', 'itops_snmp_profile': 'huawei_vrp_switch',
                'itops_snmp_uplinks': ['XGigabitEthernet0/0/1'], 'itops_thresholds': {'if.util_pct': {'warning': 50}}},
        'sw2': {'ansible_host': '10.0.0.2', 'itops_snmp_version': '3', 'itops_device_class': 'firewall'},
        'ups': {'itops_snmp_community': 'c', 'itops_snmp_uplinks': 'none', 'itops_device_class': 'ups'},
    }
    specs, broken = snmp_specs(['sw1', 'sw2', 'ups', 'ghost'], hostvars)
    assert [s['target'] for s in specs] == ['sw1', 'ups']
    assert specs[0]['profile'] == 'huawei_vrp_switch' and specs[0]['uplinks'] == ['XGigabitEthernet0/0/1']
    assert specs[0]['device_class'] is None and specs[1]['device_class'] == 'ups' and specs[1]['uplinks'] == ['none']
    assert specs[0]['thresholds'] == {'if.util_pct': {'warning': 50}}
    assert [b['target'] for b in broken] == ['sw2', 'ghost']
    assert 'itops_snmp_user is required' in broken[0]['items'][0]['detail'] and broken[0]['device_class'] == 'firewall'
    assert [b['items'][0]['id'] for b in broken] == ['host.config_invalid'] * 2
    # a profile name that does not exist is a warning: the profile is detected instead
    specs, broken = snmp_specs(['sw1'], hostvars, profile_names=['generic_snmp'])
    assert specs[0]['profile'] is None and "sw1: itops_snmp_profile = 'huawei_vrp_switch' is not one of generic_snmp" in specs[0]['warnings'][0]
