# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The sweep against real peers on loopback: an SSH banner, a closed port, a PostgreSQL cluster
with password authentication, an snmpsim agent serving the lab's S5720 recording (v2c and v3)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket
import threading
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.reach import probes, sweep as sweep_mod
from ansible_collections.medops.itops.tests.unit.local_servers import free_port, local_postgresql, snmp_agent


def spec(protocol, port, target='dev-01', device_class='linux_server', **creds):
    return {'target': target, 'device_class': device_class, 'protocol': protocol, 'address': '127.0.0.1', 'port': port,
            'credentials': creds}


@pytest.fixture()
def banner_server():
    """A TCP listener that greets like an SSH server (RFC 4253 identification string) or like HTTP."""
    servers = []

    def start(greeting):
        sock = socket.socket()
        sock.bind(('127.0.0.1', 0))
        sock.listen(8)
        servers.append(sock)

        def serve():
            while True:
                try:
                    conn, _addr = sock.accept()
                except OSError:
                    return
                conn.sendall(greeting)
                conn.close()
        threading.Thread(target=serve, daemon=True).start()
        return sock.getsockname()[1]
    yield start
    for sock in servers:
        sock.close()


def item_of(inspection):
    assert len(inspection['items']) == 1
    return inspection['items'][0]


def test_ssh_banner_closed_port_and_wrong_protocol(banner_server):
    ssh_port = banner_server(b'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')
    http_port = banner_server(b'HTTP/1.1 400 Bad Request\r\n\r\n')
    closed = free_port()
    ok, dead, wrong, tcp = sweep_mod.sweep([spec('ssh', ssh_port, 'a'), spec('ssh', closed, 'b'), spec('ssh', http_port, 'c'),
                                            spec('tcp', ssh_port, 'd')], timeout=2)
    assert item_of(ok)['status'] == 'ok' and item_of(ok)['unit'] == 'ms' and ok['facts']['ssh_banner'].startswith('SSH-2.0-OpenSSH')
    assert item_of(dead)['status'] == 'critical' and item_of(dead)['fault'] is True
    assert 'refused' in item_of(dead)['detail']
    assert item_of(wrong)['status'] == 'critical' and 'not with an SSH banner' in item_of(wrong)['detail']
    assert item_of(tcp)['status'] == 'ok' and item_of(tcp)['id'] == 'reach.tcp'
    assert [i['target'] for i in (ok, dead, wrong, tcp)] == ['a', 'b', 'c', 'd']


def test_one_broken_probe_never_aborts_the_sweep(banner_server):
    ssh_port = banner_server(b'SSH-2.0-x\r\n')
    broken, fine = sweep_mod.sweep([spec('gopher', 70, 'broken'), spec('ssh', ssh_port, 'fine')])
    assert item_of(broken)['status'] == 'critical' and 'unknown protocol gopher' in item_of(broken)['detail']
    assert item_of(fine)['status'] == 'ok'


def test_empty_sweep():
    assert sweep_mod.sweep([]) == []


def test_postgresql_login_wrong_password_and_down():
    with local_postgresql(user='itops_monitor', password='right-pass') as port:
        good, bad = sweep_mod.sweep([
            spec('postgresql', port, 'pg-ok', 'postgresql', user='itops_monitor', password='right-pass', database='postgres'),
            spec('postgresql', port, 'pg-bad', 'postgresql', user='itops_monitor', password='wrong-pass', database='postgres'),
        ], timeout=5)
    assert item_of(good)['status'] == 'ok' and good['facts']['version'].startswith('15')
    assert item_of(bad)['status'] == 'critical' and 'credentials rejected' in item_of(bad)['detail']
    assert not item_of(bad).get('fault')          # it answered: not an outage
    assert 'wrong-pass' not in str(bad)
    down, = sweep_mod.sweep([spec('postgresql', port, 'pg-down', 'postgresql', user='x', password='y')], timeout=2)
    assert item_of(down)['status'] == 'critical' and item_of(down)['fault'] is True


def test_mysql_server_down_is_a_fault():
    down, = sweep_mod.sweep([spec('mysql', free_port(), 'my-down', 'mysql', user='x', password='y')], timeout=2)
    assert item_of(down)['status'] == 'critical' and item_of(down)['fault'] is True


def test_redfish_not_answering_is_a_fault():
    down, = sweep_mod.sweep([spec('redfish', free_port(), 'bmc', 'bmc', user='x', password='y')], timeout=2)
    assert item_of(down)['status'] == 'critical' and 'Redfish service root' in item_of(down)['detail']


def test_snmp_v2c_v3_and_wrong_credentials():
    with snmp_agent('lab-ro', 'labv3', 'lab-auth-key-01', 'lab-priv-key-01') as port:
        specs = [
            spec('snmp', port, 'v2c', 'switch', version='2c', community='lab-ro'),
            spec('snmp', port, 'v3', 'switch', version='3', user='labv3', auth_key='lab-auth-key-01', priv_key='lab-priv-key-01',
                 auth_proto='SHA', priv_proto='AES'),
            spec('snmp', port, 'bad-community', 'switch', version='2c', community='wrong'),
        ]
        started = time.monotonic()
        v2c, v3, bad = sweep_mod.sweep(specs, timeout=1, retries=0)
        elapsed = time.monotonic() - started
    assert item_of(v2c)['status'] == 'ok' and 'Huawei' in v2c['facts']['sysDescr']
    assert '\r' not in item_of(v2c)['detail']      # CR LF in sysDescr is shown as text, not hex
    assert v2c['facts']['sysName'] == 'core-sw-01'
    assert item_of(v3)['status'] == 'ok' and v3['facts']['sysObjectID'].startswith('1.3.6.1.4.1.2011')
    assert item_of(bad)['status'] == 'critical' and 'no response' in item_of(bad)['detail']
    assert elapsed < 5                               # bounded by timeout x tries, never a hang


def test_probe_result_defaults():
    probe = probes.Probe(True)
    assert probe.facts == {} and probe.authenticated is None


def _udp_responder(reply):
    """A loopback UDP server answering each datagram with reply(datagram) (None: stay silent)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.1', 0))

    def serve():
        while True:
            try:
                data, peer = sock.recvfrom(512)
            except OSError:
                return
            for answer in reply(data):
                sock.sendto(answer, peer)
    threading.Thread(target=serve, daemon=True).start()
    return sock


def _pong(ping, entities=0x81, tag=None):
    """A Presence Pong as DSP0136 (ASF 2.0) section 3.2.4.3 lays it out, for the ping received."""
    tag = ping[9] if tag is None else tag
    return (bytes([6, 0, 0xFF, 6]) + bytes.fromhex('000011be') + bytes([0x40, tag, 0, 16]) + bytes.fromhex('000011be')
            + bytes(4) + bytes([entities, 0]) + bytes(6))


def test_ipmi_presence_ping():
    assert probes.asf_presence_ping(5) == bytes.fromhex('0600ff06000011be80050000')
    # A stray datagram and a pong to another ping are skipped; the pong to our tag is the answer.
    server = _udp_responder(lambda ping: [b'garbage', _pong(ping, tag=(ping[9] + 1) & 0x7F), _pong(ping)])
    try:
        probe = probes.probe_ipmi('127.0.0.1', server.getsockname()[1], 2)
    finally:
        server.close()
    assert probe.answered and probe.authenticated is None and probe.facts == {'ipmi': True}
    assert 'IPMI supported' in probe.detail
    silent = _udp_responder(lambda ping: [])
    try:
        start = time.monotonic()
        probe = probes.probe_ipmi('127.0.0.1', silent.getsockname()[1], 0.3)
        assert time.monotonic() - start < 2
    finally:
        silent.close()
    assert not probe.answered and 'no RMCP presence pong' in probe.detail
    inspection = sweep_mod.to_inspection({'target': 'bmc', 'device_class': 'bmc', 'protocol': 'ipmi', 'address': '127.0.0.1',
                                          'port': 623}, probe)
    assert inspection['items'][0]['id'] == 'reach.ipmi' and inspection['items'][0]['fault'] is True
    assert probes.parse_asf_pong(b'\x06\x00\xff\x06' + bytes(20), 1) is None
