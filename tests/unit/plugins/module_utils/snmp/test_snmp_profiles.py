# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every shipped profile loads; broken profiles fail with the file and the key; detection rules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import BUILTIN_DIR, Loader
from ansible_collections.medops.itops.plugins.module_utils.snmp.schema import ProfileError

SHIPPED = ['huawei_vrp_switch', 'h3c_comware_switch', 'hillstone_firewall', 'sangfor_firewall', 'h3c_secpath_firewall', 'if_mib',
           'entity_mib', 'host_resources', 'ups_rfc1628', 'huawei_ups5000', 'env_sensor_generic', 'precision_ac_generic',
           'routing_vrrp_ospf', 'generic_snmp', 'huawei_oceanstor']


@pytest.mark.parametrize('name', SHIPPED)
def test_shipped_profile_loads(name):
    profile = Loader().load(name)
    assert profile['name'] == name
    assert os.path.join(BUILTIN_DIR, name + '.yml') in profile['files']


def test_every_file_is_listed():
    assert sorted(Loader().names()) == sorted(SHIPPED)


@pytest.mark.parametrize('oid,descr,expected', [
    ('1.3.6.1.4.1.2011.2.23.395', 'S5720', 'huawei_vrp_switch'),
    ('.1.3.6.1.4.1.25506.11.1.187', 'H3C Comware S5560', 'h3c_comware_switch'),
    ('1.3.6.1.4.1.25506.11.1.100', 'H3C SecPath F1000-AK', 'h3c_secpath_firewall'),
    ('1.3.6.1.4.1.28557.1.35', '', 'hillstone_firewall'),
    ('1.3.6.1.4.1.35047.1', '', 'sangfor_firewall'),
    ('1.3.6.1.4.1.8072.3.2.10', 'Linux UPS5000-E', 'huawei_ups5000'),
    ('1.3.6.1.4.1.8072.3.2.10', 'Linux router', None),
    ('1.3.6.1.4.1.318.1.3.27', 'APC', 'ups_rfc1628'),
    ('1.3.6.1.4.1.20110', '', None),
])
def test_detect(oid, descr, expected):
    assert Loader().detect(oid, descr) == expected


def write(tmp_path, name, text):
    path = tmp_path / (name + '.yml')
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize('text,message', [
    ('---\nname: bad\ndevice_class: switch\nitems:\n  - {id: snmp.cpu.util_pct, kind: guess, table: t}\n',
     "items[0].kind: 'guess' is not one of"),
    ('---\nname: bad\ndevice_class: switch\nscalars: {cpu: 1.3.6.x}\n', "scalars.cpu: '1.3.6.x' is not a numeric OID"),
    ('---\nname: bad\ndevice_class: switch\ntables: {t: {colums: {a: 1.3.6.1}}}\n', 'tables.t.colums: unknown key'),
    ('---\nname: other\ndevice_class: switch\n', "name: 'other' must equal the file name 'bad'"),
    ('---\nname: bad\n', "missing required key 'device_class'"),
    ('---\nname: bad\ndevice_class: switch\nitems:\n  - {id: Bad Id, kind: number, scalar: x}\n', "items[0].id: 'Bad Id' is not an item id"),
    ('---\nname: bad\ndevice_class: switch\n  oops: [\n', 'not valid YAML'),
    ('---\nname: bad\ndevice_class: switch\nitems:\n  - {id: a.b, kind: enum, scalar: s, map: {1: fine}}\n', "items[0].map.1: 'fine' is not one of"),
    ('---\nname: bad\ndevice_class: switch\nmatch: [{sys_object_id: 1.3.6.1, sys_descr: "(("}]\n', 'match[0].sys_descr:'),
])
def test_broken_profile_names_file_and_key(tmp_path, text, message):
    path = write(tmp_path, 'bad', text)
    with pytest.raises(ProfileError) as err:
        Loader([str(tmp_path)]).load('bad')
    assert path in str(err.value) and message in str(err.value)


@pytest.mark.parametrize('items,message', [
    ('[{id: a.b, kind: number, table: nope, value: x}]', "items[0] (a.b).table: 'nope' is not a table"),
    ('[{id: a.b, kind: number, table: t, value: x}]', ".value: column 'x' is not in table t (columns: cpu, name)"),
    ('[{id: a.b, kind: number, table: t, value: cpu, subject: "{nam}"}]', ".subject: column 'nam' is not in table t"),
    ('[{id: a.b, kind: number, scalar: nope}]', ".scalar: 'nope' is not a scalar"),
    ('[{id: a.b, kind: if_util, table: t, value: [cpu]}]', 'needs speed_bps or speed_mbps'),
    ('[{id: a.b, kind: if_oper, table: t, value: cpu}]', 'needs the admin status column'),
    ('[{id: a.b, kind: enum, table: t, value: cpu}]', 'needs a map'),
    ('[{id: a.b, kind: number, table: t}]', 'needs a value column'),
    ('[{id: a.b, kind: number}]', 'needs `table` or `scalar`'),
])
def test_broken_reference_names_file_and_item(tmp_path, items, message):
    path = write(tmp_path, 'bad', '---\nname: bad\ndevice_class: switch\ntables: {t: {columns: {cpu: 1.3.6.1.9, name: 1.3.6.1.8}}}\n'
                 'items: %s\n' % items)
    with pytest.raises(ProfileError) as err:
        Loader([str(tmp_path)]).load('bad')
    assert path in str(err.value) and message in str(err.value)


def test_broken_facts_and_includes(tmp_path):
    write(tmp_path, 'loop_a', '---\nname: loop_a\ndevice_class: switch\ninclude: [loop_b]\n')
    write(tmp_path, 'loop_b', '---\nname: loop_b\ndevice_class: switch\ninclude: [loop_a]\n')
    with pytest.raises(ProfileError, match='includes itself'):
        Loader([str(tmp_path)]).load('loop_a')
    write(tmp_path, 'missing', '---\nname: missing\ndevice_class: switch\ninclude: [if_mib, no_such]\n')
    with pytest.raises(ProfileError, match=r"missing.yml: include\[1\]: profile 'no_such' not found"):
        Loader([str(tmp_path)]).load('missing')
    write(tmp_path, 'fact', '---\nname: fact\ndevice_class: switch\nfacts: {model: {table: none, column: x}}\n')
    with pytest.raises(ProfileError, match=r"fact.yml: facts.model.table: 'none'"):
        Loader([str(tmp_path)]).load('fact')
    write(tmp_path, 'fact2', '---\nname: fact2\ndevice_class: switch\nscalars: {a: 1.3.6.1.1.0}\nfacts: {model: {scalar: b}}\n')
    with pytest.raises(ProfileError, match=r"facts.model.scalar: 'b'"):
        Loader([str(tmp_path)]).load('fact2')
    with pytest.raises(ProfileError, match="profile 'absent' not found"):
        Loader([str(tmp_path)]).load('absent')


def test_user_profile_overrides_and_extends(tmp_path):
    write(tmp_path, 'if_mib', '---\nname: if_mib\ndevice_class: switch\n')
    write(tmp_path, 'site_switch', '---\nname: site_switch\ndevice_class: switch\ninclude: [huawei_vrp_switch]\nexclude: [if.util_pct]\n'
                                   'match: [{sys_object_id: 1.3.6.1.4.1.2011.2.23.395}]\n')
    loader = Loader([str(tmp_path)])
    profile = loader.load('site_switch')
    ids = [i['id'] for i in profile['items']]
    assert 'if.oper_status' not in ids and 'snmp.cpu.util_pct' in ids
    assert loader.detect('1.3.6.1.4.1.2011.2.23.395') == 'site_switch'
    assert loader.detect('1.3.6.1.4.1.2011.2.23.1') == 'huawei_vrp_switch'
