# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one spec builder: the target policy (unknown host, unusable variable, nothing to inspect, warnings)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection import specs
from ansible_collections.medops.itops.plugins.module_utils.inspection.validate import CONFIG_ITEM, ConfigError


def build_one(name, hostvars, templar):
    if hostvars.get('port') == 'x':
        raise ConfigError(name, 'port', 'x', 'is not a port number')
    if hostvars.get('skip'):
        return None
    return {'target': name, 'port': hostvars.get('port', 1), 'templar': templar, 'warnings': hostvars.get('warnings', [])}


def test_policy_in_target_order():
    hostvars = {'a': {}, 'b': {'port': 'x'}, 'c': {'skip': True}, 'd': {'port': 2, 'warnings': ['d: odd']}}
    found, broken, warnings = specs.build(['a', 'b', 'c', 'ghost', 'd'], hostvars, build_one, 'switch', 'snmp', templar='T')
    assert [(s['target'], s['port'], s['templar']) for s in found] == [('a', 1, 'T'), ('d', 2, 'T')]
    assert [(i['target'], i['device_class']) for i in broken] == [('b', 'switch'), ('ghost', 'switch')]
    assert [(i['items'][0]['id'], i['items'][0]['subject'], i['items'][0]['status']) for i in broken] == [(CONFIG_ITEM, 'snmp', 'critical')] * 2
    assert broken[0]['items'][0]['detail'] == "not inspected: b: port = 'x' is not a port number"
    assert broken[1]['items'][0]['detail'] == 'not inspected: ghost is not a host of this inventory'
    assert warnings == ['d: odd']


def test_device_class_of_a_refused_host_may_depend_on_the_host():
    _found, broken, _warnings = specs.build(['ups'], {'ups': {'port': 'x'}}, build_one, lambda name: name + '_class', 'x')
    assert broken[0]['device_class'] == 'ups_class'


def test_empty():
    assert specs.build([], {}, build_one, 'switch', 'snmp') == ([], [], [])
