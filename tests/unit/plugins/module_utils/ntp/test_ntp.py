# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SNTP client and the NTP items against real NTP servers on loopback: the lab's clock
(tools/lab/ntp/ntp_server.py, honest and 3 s ahead), a silent port, and answers that are not NTP."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.ntp import inspect as ntp_inspect, sntp
from ansible_collections.medops.itops.tests.unit.local_servers import free_port

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
SERVER = os.path.join(ROOT, 'tools', 'lab', 'ntp', 'ntp_server.py')


def _answers(port):
    try:
        asyncio.run(sntp.query('127.0.0.1', port, timeout=0.3, retries=0))
        return True
    except sntp.NtpError:
        return False


@pytest.fixture(scope='module')
def clocks():
    """{'honest': port, 'ahead': port, 'unsynced': port}: lab NTP servers on 127.0.0.1."""
    procs, ports = [], {}
    for name, args in (('honest', ['--offset', '0']), ('ahead', ['--offset', '3.0']), ('unsynced', ['--stratum', '16'])):
        port = free_port(socket.SOCK_DGRAM)
        procs.append(subprocess.Popen([sys.executable, SERVER, '--listen', '127.0.0.1:%d' % port] + args))
        ports[name] = port
    try:
        deadline = time.time() + 10
        while not all(_answers(p) for p in ports.values()):
            assert time.time() < deadline, 'lab NTP servers did not start'
            time.sleep(0.1)
        yield ports
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(10)


def spec(port, target='ntp-01'):
    return {'target': target, 'address': '127.0.0.1', 'port': port, 'thresholds': {}}


def items(inspection):
    return dict((i['id'], i) for i in inspection['items'])


def test_honest_clock_is_ok(clocks):
    result = ntp_inspect.inspect_many([spec(clocks['honest'])], timeout=1, retries=1)[0]
    found = items(result)
    assert [i['status'] for i in result['items']] == ['ok', 'ok', 'ok']
    assert found['ntp.stratum']['value'] == 1 and result['facts']['refid'] == 'GPS'
    assert abs(result['metrics']['ntp.offset_ms']) < 100
    assert result['device_class'] == 'ntp'


def test_clock_three_seconds_ahead_is_critical(clocks):
    found = items(ntp_inspect.inspect_many([spec(clocks['ahead'])], timeout=1)[0])
    assert found['ntp.offset_ms']['status'] == 'critical'
    assert 2900 < found['ntp.offset_ms']['value'] < 3100
    assert 'ahead of' in found['ntp.offset_ms']['detail']


def test_unsynchronised_clock_is_critical(clocks):
    found = items(ntp_inspect.inspect_many([spec(clocks['unsynced'])], timeout=1)[0])
    assert found['ntp.stratum']['status'] == 'critical' and 'not synchronised' in found['ntp.stratum']['detail']


def test_threshold_override(clocks):
    one = spec(clocks['ahead'])
    one['thresholds'] = {'ntp.offset_ms': {'warning': 5000, 'critical': 10000}}
    assert items(ntp_inspect.inspect_many([one], timeout=1)[0])['ntp.offset_ms']['status'] == 'ok'


def test_silent_clock_is_a_critical_fault_and_others_still_answer(clocks):
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(('127.0.0.1', 0))                       # bound, never answers
    try:
        results = ntp_inspect.inspect_many([spec(silent.getsockname()[1], 'dead'), spec(clocks['honest'], 'alive')],
                                           timeout=0.3, retries=1)
    finally:
        silent.close()
    dead = results[0]['items']
    assert len(dead) == 1 and dead[0]['id'] == 'ntp.reach' and dead[0]['status'] == 'critical' and dead[0]['fault']
    assert '2 tries' in dead[0]['detail']
    assert results[1]['items'][0]['status'] == 'ok'


@pytest.fixture()
def odd_server():
    """A UDP server that answers every datagram with what `reply(data)` returns."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.1', 0))
    sock.settimeout(0.2)
    state = {'reply': lambda data: b'', 'stop': False}

    def loop():
        while not state['stop']:
            try:
                data, peer = sock.recvfrom(512)
            except socket.timeout:
                continue
            except OSError:
                return
            sock.sendto(state['reply'](data), peer)

    thread = threading.Thread(target=loop)
    thread.start()
    yield sock.getsockname()[1], state
    state['stop'] = True
    thread.join()
    sock.close()


def _reply(data, **changes):
    fields = dict(first=(0 << 6) | (4 << 3) | 4, stratum=2, orig=sntp.PACKET.unpack(data)[10], xmit=sntp.to_ntp(time.time()),
                  refid=bytes(bytearray([10, 77, 0, 1])))
    fields.update(changes)
    return sntp.PACKET.pack(fields['first'], fields['stratum'], 6, -20, 0, 0, fields['refid'], 0, fields['orig'],
                            sntp.to_ntp(time.time()), fields['xmit'])


@pytest.mark.parametrize('reply,message', [
    (lambda data: b'garbage', 'short reply'),
    (lambda data: _reply(data, first=(4 << 3) | 3), 'not a server reply'),
    (lambda data: _reply(data, orig=1), 'origin timestamp mismatch'),
    (lambda data: _reply(data, stratum=0, refid=b'RATE'), "kiss-o'-death RATE"),
    (lambda data: _reply(data, xmit=0), 'transmit timestamp is zero'),
])
def test_invalid_answers_are_unreachable_with_the_reason(odd_server, reply, message):
    port, state = odd_server
    state['reply'] = reply
    result = ntp_inspect.inspect_many([spec(port)], timeout=0.5, retries=0)[0]
    assert result['items'][0]['status'] == 'critical' and message in result['items'][0]['detail']


def test_stratum_two_refid_is_an_address(odd_server):
    port, state = odd_server
    state['reply'] = _reply
    result = ntp_inspect.inspect_many([spec(port)], timeout=0.5, retries=0)[0]
    assert result['facts']['refid'] == '10.77.0.1' and result['facts']['stratum'] == 2


def test_unresolvable_address_never_raises():
    result = ntp_inspect.inspect_many([{'target': 'x', 'address': 'no-such-host.invalid', 'port': 123}], timeout=0.3)[0]
    assert result['items'][0]['status'] == 'critical'


def test_build_specs_from_hostvars():
    hostvars = {'ntp-1': {'ansible_host': '10.0.0.1', 'itops_ntp_port': '1123', 'itops_thresholds': {'ntp.offset_ms': {'warning': 1}}},
                'ntp-2': {}, 'ntp-3': {'itops_ntp_port': 'abc'}}
    specs, broken = ntp_inspect.build_specs(['ntp-1', 'ntp-2', 'ntp-3', 'missing'], hostvars)
    assert [(s['target'], s['address'], s['port']) for s in specs] == [('ntp-1', '10.0.0.1', 1123), ('ntp-2', 'ntp-2', 123)]
    assert specs[0]['thresholds'] == {'ntp.offset_ms': {'warning': 1}} and specs[1]['device_class'] == 'ntp'
    assert [b['target'] for b in broken] == ['ntp-3', 'missing']
    assert [b['items'][0]['id'] for b in broken] == ['host.config_invalid'] * 2
    assert "ntp-3: itops_ntp_port = 'abc' is not a port number" in broken[0]['items'][0]['detail']
    specs, broken = ntp_inspect.build_specs(['ntp-4', 'ntp-5'], {'ntp-4': {'itops_ntp_port': 70000},
                                                                 'ntp-5': {'itops_thresholds': {'ntp.offset_ms': {'warning': 'x'}}}})
    assert [b['target'] for b in broken] == ['ntp-4'] and specs[0]['thresholds'] == {}
    assert specs[0]['warnings'] == ["ntp-5: itops_thresholds[ntp.offset_ms].warning = 'x' is not a number; the default applies"]


def test_timestamp_round_trip():
    now = time.time()
    assert abs(sntp.from_ntp(sntp.to_ntp(now)) - now) < 1e-6
