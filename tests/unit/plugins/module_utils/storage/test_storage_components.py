# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storwize MDisks, nodes, batteries, PSUs and quorum; what was not read is unknown, never healthy;
the OceanStor model from its product mode code. Fixtures: tests/unit/fixtures/storwize/written_components
(written to the CLI's documented layouts, see the README there)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.storage import oceanstor, storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.cli import collect_storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'storwize'))
REFUSED = (1, '', 'CMMVC6051E An unsupported command was specified.\n')


def _outputs(name='written_components'):
    outputs = {}
    for key, _command in storwize.COMMANDS:
        with open(os.path.join(FIXTURES, name, key + '.txt')) as handle:
            outputs[key] = handle.read()
    return outputs


def _by(inspection):
    return dict(((i['id'], i['subject']), i) for i in inspection['items'])


@pytest.fixture(scope='module')
def written():
    return _by(items_from_model('v7000', storwize.model_from_outputs(_outputs())))


def test_offline_mdisk_is_a_critical_fault(written):
    item = written[('storage.mdisk.state', 'mdisk_ds01 (EXT_Pool)')]
    assert (item['status'], item['value'], item.get('fault')) == ('critical', 'offline', True)
    assert 'controller DS5300_A' in item['detail']


def test_degraded_and_excluded_mdisks_are_warnings_and_a_broken_line_is_unknown(written):
    assert written[('storage.mdisk.state', 'mdisk_ds02 (EXT_Pool)')]['status'] == 'warning'
    excluded = written[('storage.mdisk.state', 'mdisk_spare (no pool)')]
    assert excluded['status'] == 'warning' and excluded.get('fault') is None
    assert written[('storage.mdisk.state', 'lsmdisk output')]['status'] == 'unknown'
    assert ('storage.mdisk.state', 'mdisk0 (HIS_Pool)') not in written            # online: only in a summary


def test_offline_node_is_critical_not_an_outage(written):
    node = written[('storage.node.state', 'node2')]
    assert (node['status'], node['value'], node.get('fault')) == ('critical', 'offline', None)
    assert ('storage.node.state', 'node1') not in written                           # iscsi_name with ':' parsed


def test_battery_end_of_life_and_degraded(written):
    eol = written[('storage.battery.state', 'enclosure 1 battery 1')]
    assert (eol['status'], eol['value']) == ('warning', 'end of life')
    assert written[('storage.battery.state', 'enclosure 1 battery 2')]['status'] == 'warning'


def test_psu_offline_is_critical(written):
    assert written[('storage.psu.state', 'enclosure 1 PSU 2')]['status'] == 'critical'
    assert ('storage.psu.state', 'enclosure 1 PSU 1') not in written


def test_no_active_quorum_is_critical(written):
    assert written[('storage.quorum.state', 'active quorum')]['status'] == 'critical'
    assert written[('storage.quorum.state', 'quorum 0 (mdisk mdisk_ds01)')]['status'] == 'warning'


def test_healthy_components_give_one_summary_each():
    text = 'quorum_index:status:id:name:controller_id:controller_name:active:object_type:override:site_id:site_name\n' \
           '0:online:3::::yes:drive:no::\n1:online:5::::no:drive:no::\n'
    items = _by(items_from_model('x', {'components': {'quorum': storwize.parse_quorum(text), 'batteries': storwize.parse_batteries('')}}))
    assert items[('storage.quorum.state', 'quorum')]['value'] == 2               # the active-quorum check is not counted
    assert 'active quorum 0' in items[('storage.quorum.state', 'quorum')]['detail']
    assert items[('storage.battery.state', 'all batteries')]['detail'] == 'no batteries listed'


@pytest.mark.parametrize('parser, text, state', [
    (storwize.parse_nodes, '', 'unknown'),                                            # a system always has nodes
    (storwize.parse_quorum, '', 'critical'),                                          # no quorum device at all
    (storwize.parse_mdisks, 'id:name\n0:mdisk0\n', 'unknown'),                        # no status column
    (storwize.parse_psus, 'enclosure_id:PSU_id:status\n1:1:exploded\n', 'unknown'),   # a state the CLI does not document
    (storwize.parse_batteries, 'enclosure_id:battery_id:status:charging_status:end_of_life_warning\n1:1:online:discharging:no\n',
     'warning'),                                                                      # running on battery power
])
def test_odd_component_data(parser, text, state):
    found = parser(text)
    assert [c['state'] for c in found] == [state]


@pytest.mark.parametrize('garbage', [None, '', 'no header here', ':::\n::', '\x00\xff'])
def test_parsers_never_raise(garbage):
    for _key, parser in storwize.COMPONENT_PARSERS:
        assert isinstance(parser(garbage), list)


def test_event_description_with_the_delimiter_is_kept_whole():
    text = ('sequence_number:last_timestamp:object_type:object_id:object_name:copy_id:status:fixed:event_id:error_code:description\n'
            '130:261125080000:node:2:node2::alert:no:074002:1196:Node error: canister 2 offline\n')
    assert [a['name'] for a in storwize.parse_events(text)] == ['1196 Node error: canister 2 offline']


def _runner(outputs, refuse=()):
    keys = dict((c.split()[0], k) for k, c in storwize.COMMANDS)
    keys.update((c.split()[0], k) for k, c in storwize.FALLBACKS.items())
    calls = []

    def run(command):
        name = command.split()[0]
        calls.append(name)
        return REFUSED if name in refuse else (0, outputs[keys[name]], '')
    run.calls = calls
    return run


def test_unsupported_command_gives_unknown_naming_it():
    inspection = collect_storwize('v7000', _runner(_outputs(), refuse=('lsenclosurebattery',)))
    items = _by(inspection)
    item = items[('storage.battery.state', 'lsenclosurebattery')]
    assert item['status'] == 'unknown' and 'CMMVC6051E' in item['detail']
    assert [i for i in inspection['items'] if i['id'] == 'storage.battery.state'] == [item]
    assert inspection['items'][0]['status'] == 'ok' and 'not read: lsenclosurebattery' in inspection['items'][0]['detail']


def test_lsnode_stands_in_for_lsnodecanister():
    run = _runner(_outputs(), refuse=('lsnodecanister',))
    items = _by(collect_storwize('svc', run))
    assert items[('storage.node.state', 'node2')]['status'] == 'critical'
    assert run.calls.count('lsnode') == 1 and len(run.calls) == len(storwize.COMMANDS) + 1


def test_neither_node_command_gives_unknown_naming_both():
    items = _by(collect_storwize('old', _runner(_outputs(), refuse=('lsnodecanister', 'lsnode'))))
    item = items[('storage.node.state', 'lsnodecanister')]
    assert item['status'] == 'unknown' and 'lsnodecanister: exit 1' in item['detail'] and 'lsnode: exit 1' in item['detail']


def test_refused_drive_list_is_unknown_not_zero_disks_healthy():
    items = _by(collect_storwize('v7000', _runner(_outputs(), refuse=('lsdrive', 'lsenclosure', 'lsmdiskgrp'))))
    assert items[('storage.disk.state', 'lsdrive')]['status'] == 'unknown'
    assert ('storage.disk.state', 'all disks') not in items
    assert items[('storage.pool.used_pct', 'lsmdiskgrp')]['status'] == 'unknown'
    system = items[('storage.system.health', 'V7000-HIS')]
    assert system['status'] == 'unknown' and 'lsenclosure not read' in system['detail']


def test_outputs_never_read_are_unknown():
    model = storwize.model_from_outputs({'system': 'name:x\n', 'enclosures': ''})
    items = _by(items_from_model('x', model))
    assert items[('storage.quorum.state', 'lsquorum')]['detail'] == 'lsquorum gave no usable answer: not read'


# ---- OceanStor: model name from PRODUCTMODE; missing endpoints ------------------------------------

@pytest.mark.parametrize('system, model', [
    ({'PRODUCTMODE': '95'}, 'OceanStor 5500 V5'),
    ({'PRODUCTMODE': 68}, 'OceanStor 5500 V3'),
    ({'PRODUCTMODE': '826'}, 'OceanStor Dorado 5500 V6'),
    ({'PRODUCTMODE': '68', 'productModeString': 'OceanStor 5500 V3 (as the array names it)'}, 'OceanStor 5500 V3 (as the array names it)'),
    ({'PRODUCTMODE': '999'}, 'product mode 999 (unknown code)'),
    ({'PRODUCTMODE': ''}, None),
    ({}, None),
])
def test_oceanstor_model_from_product_mode(system, model):
    assert oceanstor.parse_system(dict(system, HEALTHSTATUS='1')).get('model') == model


def test_oceanstor_missing_disk_endpoint_is_unknown_naming_it():
    answers = {'system': {'NAME': 'a', 'HEALTHSTATUS': '1', 'PRODUCTMODE': '95'}, 'pools': [], 'alarms': []}
    model = oceanstor.model_from_answers(answers, {'disks': 'GET /disk: error 50331651 The object does not exist.'})
    items = _by(items_from_model('a', model))
    disk = items[('storage.disk.state', 'GET /disk')]
    assert disk['status'] == 'unknown' and '50331651' in disk['detail']
    assert ('storage.disk.state', 'all disks') not in items


def test_oceanstor_nothing_answered_after_login():
    items = _by(items_from_model('a', oceanstor.model_from_answers({}, {'system': 'GET /system/: error -401 unauthorized'})))
    assert items[('storage.system.health', 'a')]['status'] == 'unknown'
    assert '-401' in items[('storage.system.health', 'a')]['detail']
    assert sorted(s for (i, s) in items if i != 'storage.system.health' and i != 'storage.reach') == [
        'GET /alarm/currentalarm', 'GET /disk', 'GET /storagepool']
