# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage items from recorded (lab emulators) and written (documented format) array outputs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.storage import oceanstor, storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.cli import collect_storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures'))


def _oceanstor(name):
    with open(os.path.join(FIXTURES, 'oceanstor', name)) as handle:
        return json.load(handle)


def _storwize(name):
    """The outputs of a fixture directory by COMMANDS key (a command without a file was not recorded)."""
    outputs = {}
    for key, _command in storwize.COMMANDS:
        path = os.path.join(FIXTURES, 'storwize', name, key + '.txt')
        if os.path.exists(path):
            with open(path) as handle:
                outputs[key] = handle.read()
    return outputs


def _by(inspection):
    return dict(((i['id'], i['subject']), i) for i in inspection['items'])


def test_recorded_oceanstor_with_planted_faults():
    inspection = items_from_model('san-his-01', oceanstor.model_from_answers(_oceanstor('san-his-01.json')))
    items = _by(inspection)
    assert items[('storage.pool.used_pct', 'StoragePool001')]['status'] == 'warning'
    assert items[('storage.pool.used_pct', 'StoragePool001')]['value'] == 85.0
    assert items[('storage.pool.used_pct', 'StoragePool002')]['status'] == 'ok'
    assert items[('storage.disk.state', 'CTE0.5')]['status'] == 'critical'
    assert items[('storage.alarm', 'The BBU is faulty')]['status'] == 'critical'
    assert items[('storage.system.health', 'san-his-01')]['status'] == 'ok'
    assert inspection['facts'] == {'vendor': 'Huawei', 'model': 'OceanStor 5500 V5', 'serial': '2102351QLH10K8000042',   # PRODUCTMODE 95
                                   'firmware': 'V500R007C60SPC300', 'name': 'san-his-01'}
    total = inspection['metrics']['pool.StoragePool001.capacity_bytes']
    assert total == 40 * 1024 ** 4
    assert inspection['metrics']['pool.StoragePool001.used_bytes'] == total * 85 // 100
    assert [i['status'] for i in inspection['items'] if i['id'] == 'storage.disk.state'] == ['critical']   # only the failed one


def test_written_oceanstor_faults():
    model = oceanstor.model_from_answers(_oceanstor('written_faults.json'))
    items = _by(items_from_model('san-x', model))
    assert items[('storage.system.health', 'OceanStor-PACS')]['status'] == 'critical'
    pool = items[('storage.pool.used_pct', 'PACS_POOL')]
    assert pool['status'] == 'critical' and pool['value'] == 92.0 and 'degraded' in pool['detail']
    assert items[('storage.pool.used_pct', 'NO_CAPACITY')]['status'] == 'unknown'
    assert items[('storage.disk.state', 'DAE000.3')]['status'] == 'warning'       # pre-fail
    assert items[('storage.disk.state', 'DAE000.4')]['status'] == 'critical'      # normal health but offline
    assert items[('storage.disk.state', 'DAE000.5')]['status'] == 'unknown'
    assert ('storage.disk.state', 'DAE000.6') not in items
    assert items[('storage.alarm', 'Link to the host port is down')]['status'] == 'warning'   # major
    assert items[('storage.alarm', 'Unlisted severity')]['status'] == 'critical'
    assert ('storage.alarm', 'Configuration changed') not in items                          # informational


def test_oceanstor_thresholds_can_be_overridden():
    model = oceanstor.model_from_answers(_oceanstor('san-his-01.json'))
    items = _by(items_from_model('san-his-01', model, overrides={'storage.pool.used_pct@StoragePool001': {'warning': 90}}))
    assert items[('storage.pool.used_pct', 'StoragePool001')]['status'] == 'ok'


@pytest.mark.parametrize('body, auth', [
    (b'not json', False),
    (b'[]', False),
    (b'{"data": {}}', False),
    (b'{"data": {}, "error": {"code": 1077949061, "description": "The user name or password is incorrect."}}', True),
    (b'{"data": {}, "error": {"code": -401, "description": "unauthorized"}}', True),
    (b'{"data": {}, "error": {"code": "x"}}', False),
])
def test_oceanstor_unwrap_garbage_and_errors(body, auth):
    with pytest.raises(oceanstor.OceanStorError) as caught:
        oceanstor.unwrap(body, 'GET /disk')
    assert caught.value.auth is auth


def test_oceanstor_garbage_data_gives_unknown_not_crash():
    model = oceanstor.model_from_answers({'system': 'garbage', 'pools': {'a': 1}, 'disks': None, 'alarms': [1, 2]})
    inspection = items_from_model('x', model)
    assert _by(inspection)[('storage.system.health', 'x')]['status'] == 'unknown'
    assert inspection['facts'] == {}


def test_recorded_storwize_shows_only_the_planted_offline_mdisk():
    inspection = items_from_model('san-lis-01', storwize.model_from_outputs(_storwize('san-lis-01')))
    bad = [(i['id'], i['subject'], i['status'], i.get('fault')) for i in inspection['items'] if i['status'] != 'ok']
    assert bad == [('storage.mdisk.state', 'mdisk1 (Pool1)', 'critical', True)]
    items = _by(inspection)
    assert items[('storage.node.state', 'all nodes')]['value'] == 2            # iscsi_name iqn...:2145... joined back
    assert items[('storage.quorum.state', 'quorum')]['value'] == 3
    assert items[('storage.battery.state', 'all batteries')]['status'] == 'ok'
    assert items[('storage.psu.state', 'all power supplies')]['status'] == 'ok'
    assert inspection['facts']['firmware'] == '8.3.1.7'
    assert inspection['facts']['serial'] == '78N1234'
    assert inspection['metrics']['pool.Pool0.capacity_bytes'] == 30 * 1024 ** 4


def test_written_storwize_degraded():
    items = _by(items_from_model('v7000', storwize.model_from_outputs(_storwize('written_degraded'))))
    assert items[('storage.system.health', 'V7000-PACS')]['status'] == 'warning'
    assert items[('storage.pool.used_pct', 'PACS_Pool')]['status'] == 'critical'
    archive = items[('storage.pool.used_pct', 'Archive_Pool')]
    assert archive['status'] == 'critical' and 'offline' in archive['detail']
    assert items[('storage.disk.state', 'drive 1 (enclosure 1 slot 2)')]['status'] == 'critical'
    assert items[('storage.disk.state', 'drive 2 (enclosure 1 slot 3)')]['status'] == 'warning'
    alarms = dict((k[1], v['status']) for k, v in items.items() if k[0] == 'storage.alarm')
    assert alarms == {'1690 Drive failed': 'critical', '2030 Canister failure': 'warning'}


def test_storwize_parsers_on_garbage():
    assert storwize.parse_concise('') == []
    assert storwize.parse_detailed(None) == {}
    model = storwize.model_from_outputs({'system': 'garbage without colon', 'pools': 'x', 'drives': None})
    assert model['system']['health'] == 'unknown' and model['pools'] == [] and model['disks'] == []
    with pytest.raises(storwize.StorwizeError):
        storwize.check_output('CMMVC5786E The action failed because the cluster is not in a stable state.', 'lssystem')
    assert storwize.check_output('id:1\n', 'lssystem') == 'id:1\n'


def _runner(outputs, fail=()):
    keys = dict((c.split()[0], k) for k, c in storwize.COMMANDS)
    keys.update((c.split()[0], k) for k, c in storwize.FALLBACKS.items())

    def run(command):
        name = command.split()[0]
        if name in fail:
            return 1, '', 'CMMVC6051E An unsupported command was specified.\n'
        return 0, outputs[keys[name]], ''
    return run


def test_collect_storwize_through_a_runner():
    inspection = collect_storwize('san-lis-01', _runner(_storwize('san-lis-01')))
    assert inspection['items'][0] == {'id': 'storage.reach', 'subject': 'management', 'value': 'answered', 'unit': None,
                                      'status': 'ok', 'detail': 'Storwize CLI over SSH', 'detail_id': 'storage.reach.storwize', 'params': {}}


def test_collect_storwize_refused_command_is_an_unknown_item_naming_it():
    inspection = collect_storwize('san-lis-01', _runner(_storwize('san-lis-01'), fail=('lseventlog',)))
    assert inspection['items'][0]['status'] == 'ok' and 'not read: lseventlog: exit 1' in inspection['items'][0]['detail']
    alarm = _by(inspection)[('storage.alarm', 'lseventlog')]
    assert alarm['status'] == 'unknown' and 'CMMVC6051E' in alarm['detail']
    assert [i for i in inspection['items'] if i['id'] == 'storage.alarm'] == [alarm]         # no "no current alarm"
    refused = collect_storwize('san-lis-01', _runner(_storwize('san-lis-01'), fail=('lssystem',)))
    assert [(i['id'], i['status'], i.get('fault')) for i in refused['items']] == [('storage.reach', 'critical', None)]
