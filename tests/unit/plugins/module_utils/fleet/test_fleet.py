# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fleet ranges, the sweep and the per-department statistics against real loopback peers:
listeners on 127.0.0.x (online), closed ports (refused: the machine answered, online) and a
listener whose accept queue is full (SYNs dropped: no answer, offline)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog

from ansible_collections.medops.itops.plugins.module_utils.fleet import history as fleet_history
from ansible_collections.medops.itops.plugins.module_utils.fleet import inspect as fleet, ranges, sweep as fleet_sweep
from ansible_collections.medops.itops.plugins.module_utils.history import open_store


@pytest.mark.parametrize('text,first,last,count', [
    ('10.77.8.10-10.77.8.69', '10.77.8.10', '10.77.8.69', 60),
    ('10.77.8.10-69', '10.77.8.10', '10.77.8.69', 60),
    ('10.77.8.0/26', '10.77.8.1', '10.77.8.62', 62),
    ('10.77.8.15', '10.77.8.15', '10.77.8.15', 1),
    ('10.77.8.10-12, 10.77.8.11-14', '10.77.8.10', '10.77.8.14', 5),
    (['10.77.8.1', '10.77.8.1/32'], '10.77.8.1', '10.77.8.1', 1),
])
def test_ranges(text, first, last, count):
    found = ranges.expand(text)
    assert (found[0], found[-1], len(found)) == (first, last, count)


@pytest.mark.parametrize('text,message', [
    ('10.77.8.20-10', 'ends before it starts'), ('ten', 'is not an address'), ('', 'holds no address'),
    ('2001:db8::/64', 'only IPv4'), ('10.0.0.0/8', 'more than'), ('10.0.0.0-10.2.0.0', 'more than'),
    ('10.0.0.0/16, 10.1.0.0/24', 'more than'),
])
def test_bad_ranges(text, message):
    with pytest.raises(ranges.RangeError, match=message):
        ranges.expand(text)


@pytest.fixture()
def peers():
    """(port, full_port): a listener on 127.0.0.1-3 that accepts, and one on 127.0.0.9 whose queue is full."""
    sockets = []
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(('0.0.0.0', 0))
    listener.listen(64)
    sockets.append(listener)
    port = listener.getsockname()[1]
    full = socket.socket()
    full.bind(('127.0.0.9', 0))
    full.listen(0)                                        # never accepted: once the queue holds one, SYNs are dropped
    sockets.append(full)
    for _i in range(2):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(full.getsockname())
        sockets.append(filler)
    yield port, full.getsockname()[1]
    for sock in sockets:
        sock.close()


def test_sweep_online_refused_and_silent(peers):
    port, full_port = peers
    closed = socket.socket()
    closed.bind(('127.0.0.1', 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    found, used = fleet_sweep.sweep([('127.0.0.1', port), ('127.0.0.1', closed_port), ('127.0.0.9', full_port)], timeout=0.5)
    assert used == 'tcp'
    assert found[('127.0.0.1', port)][0] == 'online' and 'open' in found[('127.0.0.1', port)][1]
    assert found[('127.0.0.1', closed_port)][0] == 'online' and 'closed' in found[('127.0.0.1', closed_port)][1]
    assert found[('127.0.0.9', full_port)] == ('offline', 'no answer in 0.5 s', None)


def test_icmp_falls_back_to_tcp_without_ping(peers, monkeypatch):
    monkeypatch.setattr(fleet_sweep.shutil, 'which', lambda name: None)
    found, used = fleet_sweep.sweep([('127.0.0.1', peers[0])], method='icmp', timeout=0.5)
    assert used == 'tcp' and found[('127.0.0.1', peers[0])][1].startswith('ping not found, TCP used')


def test_icmp_with_ping_when_present(peers):
    if not fleet_sweep.shutil.which('ping'):
        pytest.skip('no ping binary on this machine')
    found, used = fleet_sweep.sweep([('127.0.0.1', peers[0])], method='icmp', timeout=1)
    assert used == 'icmp' and found[('127.0.0.1', peers[0])][0] == 'online'


def test_departments_statistics_and_broken_rows(peers):
    port, _full = peers
    rows = [{'site': 'lab', 'department': 'ward', 'label': '病区', 'range': '127.0.0.1-127.0.0.3', 'port': port},
            {'department': 'dark', 'range': '127.0.0.9', 'port': _full},
            {'department': 'no-range'}, {'range': '127.0.0.1'}, {'department': 'bad-port', 'range': '127.0.0.1', 'port': 70000},
            {'department': 'bad-range', 'range': 'x-y'}]
    inspections, stats = fleet.inspect_fleet(rows, timeout=0.5)
    by_target = dict((i['target'], i) for i in inspections)
    ward = dict((i['id'], i) for i in by_target['ward']['items'])
    assert ward['fleet.online_pct']['value'] == 100.0 and ward['fleet.online_pct']['status'] == 'ok'
    assert ward['fleet.offline']['value'] == 0 and by_target['ward']['device_class'] == 'thin_client'
    assert by_target['ward']['metrics']['fleet.seen.127.0.0.2'] == 1 and by_target['ward']['facts']['label'] == '病区'
    dark = dict((i['id'], i) for i in by_target['dark']['items'])
    assert dark['fleet.online_pct']['status'] == 'critical' and dark['fleet.offline']['detail'] == '127.0.0.9 (last seen unknown: no history store)'
    for name in ('no-range', 'fleet[3]', 'bad-port', 'bad-range'):
        assert by_target[name]['items'][0]['id'] == 'fleet.range' and by_target[name]['items'][0]['status'] == 'unknown'
    assert stats == {'addresses': 4, 'online': 3, 'method': 'tcp'}


def test_offline_list_is_bounded_and_says_when_last_seen(tmp_path):
    dept = {'department': 'opd', 'port': 22, 'addresses': ['10.0.0.%d' % i for i in range(1, 8)]}

    class Store(object):
        def metric_series(self, target, key):
            if key == 'fleet.seen.10.0.0.1':
                return [{'run_id': 'r1', 'collected_at': '2026-01-01T08:00:00+08:00', 'value': 1},
                        {'run_id': 'r2', 'collected_at': '2026-02-01T08:00:00+08:00', 'value': 1}]
            if key == 'fleet.seen.10.0.0.2':
                raise RuntimeError('store broken')
            return []
    results = {('10.0.0.7', 22): ('online', 'port 22 open', 1.0)}
    result = fleet.department_inspection(dept, results, store=Store(), max_listed=3)
    offline = dict((i['id'], i) for i in result['items'])['fleet.offline']
    detail = offline['detail']
    assert detail == ('10.0.0.1 (last seen 2026-02-01T08:00:00+08:00), 10.0.0.2, 10.0.0.3 (never seen in the history), '
                      '... 3 more')
    assert load_catalog('zh_CN').detail(offline) == ('10.0.0.1（最后在线 2026-02-01T08:00:00+08:00），10.0.0.2, 10.0.0.3'
                                                     '（历史记录中从未在线），另有 3 个')
    assert result['facts']['offline_addresses'] == ['10.0.0.1', '10.0.0.2', '10.0.0.3']


def test_last_seen_from_a_real_history_store(tmp_path):
    path = str(tmp_path / 'history.sqlite')
    with open_store(path) as store:
        assert fleet.last_seen(store, 'opd', '10.0.0.1') is None
    store, why = fleet_history.open_history(path)
    assert why is None and store is not None
    store.close()


def test_history_location(tmp_path):
    env = {'ITOPS_REPORTS_DIR': str(tmp_path)}
    assert fleet_history.locate(None, env) == str(tmp_path / 'history.sqlite')
    assert fleet_history.locate(None, {'ITOPS_HISTORY': 'off'}) is None
    assert fleet_history.open_history(None, {'ITOPS_HISTORY': 'off'}) == (None, 'history is off')
    store, why = fleet_history.open_history(None, env)
    assert store is None and why.startswith('no history yet at')
    bad = tmp_path / 'bad.sqlite'
    bad.write_bytes(b'this is not a database' * 100)
    store, why = fleet_history.open_history(str(bad))
    assert store is None and why.startswith('history store unusable')


def test_without_a_history_store_the_unknown_last_seen_is_said_once():
    dept = {'department': 'ward', 'port': 22, 'addresses': ['10.0.0.%d' % i for i in range(1, 33)]}
    detail = dict((i['id'], i) for i in fleet.department_inspection(dept, {})['items'])['fleet.offline']['detail']
    assert detail.count('no history store') == 1 and detail.count('10.0.0.') == 32
