# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Loopback SNMP plumbing shared by the SNMP benchmarks: one snmpsim responder process serving
many UDP endpoints, and an asyncio relay that delays every reply of each device by a fixed time.

Traffic goes only to 127.0.0.1. Every process started here is ended by the context managers.
"""

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
RECORDING = os.path.join(ROOT, 'tools', 'lab', 'snmp', 'huawei_s5720.snmprec')
COMMUNITY = 'bench-ro'
V3 = {'user': 'benchv3', 'auth_proto': 'SHA', 'auth_key': 'bench-auth-key', 'priv_proto': 'AES', 'priv_key': 'bench-priv-key'}
BASE_PORT = 21000


def responder_path():
    path = os.path.join(os.path.dirname(sys.executable), 'snmpsim-command-responder')
    if not os.path.exists(path):
        raise SystemExit('snmpsim-command-responder not found next to %s' % sys.executable)
    return path


def _udp_port_free(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind(('127.0.0.1', port))
        return True
    except OSError:
        return False
    finally:
        sock.close()


def pick_ports(count, start=BASE_PORT):
    """`count` consecutive free UDP ports on 127.0.0.1 from `start` on."""
    port = start
    while port < 60000:
        if all(_udp_port_free(p) for p in range(port, port + count)):
            return list(range(port, port + count))
        port += count
    raise SystemExit('no %d free consecutive UDP ports' % count)


def _answers(port, community=COMMUNITY):
    probe = subprocess.run(['snmpget', '-v2c', '-c', community, '-t', '0.5', '-r', '0', '127.0.0.1:%d' % port,
                            '1.3.6.1.2.1.1.5.0'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False, text=True)
    return probe.returncode == 0


@contextlib.contextmanager
def responder(ports, recording=RECORDING, community=COMMUNITY):
    """ONE snmpsim-command-responder process serving `recording` on every port (v2c and v3 SHA/AES)."""
    base = tempfile.mkdtemp(prefix='itops-bench-snmp-')
    data, cache = os.path.join(base, 'data'), os.path.join(base, 'cache')
    os.makedirs(data)
    os.makedirs(cache)
    for name in (community, 'self'):
        shutil.copy(recording, os.path.join(data, name + '.snmprec'))
    args = [responder_path(), '--v3-engine-id=8000000001020304', '--v3-user=%s' % V3['user'],
            '--v3-auth-key=%s' % V3['auth_key'], '--v3-auth-proto=SHA', '--v3-priv-key=%s' % V3['priv_key'],
            '--v3-priv-proto=AES', '--data-dir=%s' % data, '--cache-dir=%s' % cache, '--log-level=error']
    args += ['--agent-udpv4-endpoint=127.0.0.1:%d' % port for port in ports]
    proc = subprocess.Popen(args, env=dict(os.environ, SNMPSIM_ALLOW_ROOT='true'),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while not (_answers(ports[0], community) and _answers(ports[-1], community)):
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit('snmpsim did not start on %d endpoints' % len(ports))
            time.sleep(0.3)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(base, ignore_errors=True)


class _Downstream(asyncio.DatagramProtocol):
    """Relay socket towards the responder for one client address; replies go back after `delay`."""

    def __init__(self, upstream_transport, client, delay):
        self.up = upstream_transport
        self.client = client
        self.delay = delay
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        loop = asyncio.get_running_loop()
        loop.call_later(self.delay, self._reply, data)

    def _reply(self, data):
        if not self.up.is_closing():
            self.up.sendto(data, self.client)


class _Listener(asyncio.DatagramProtocol):
    """One device: listens on its relay port, forwards requests to the responder at `target`."""

    def __init__(self, target, delay):
        self.target = target
        self.delay = delay
        self.transport = None
        self.sides = {}

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        side = self.sides.get(addr)
        if side is None:
            side = self.sides[addr] = asyncio.ensure_future(self._open(addr))
        if isinstance(side, asyncio.Future):
            side.add_done_callback(lambda fut: fut.result().transport.sendto(data))
        else:
            side.transport.sendto(data)

    async def _open(self, addr):
        loop = asyncio.get_running_loop()
        _transport, proto = await loop.create_datagram_endpoint(
            lambda: _Downstream(self.transport, addr, self.delay), remote_addr=('127.0.0.1', self.target))
        self.sides[addr] = proto
        return proto


def _serve_relay(pairs, delay):
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for listen, target in pairs:
        loop.run_until_complete(loop.create_datagram_endpoint(lambda t=target: _Listener(t, delay),
                                                              local_addr=('127.0.0.1', listen)))
    sys.stdout.write('ready\n')
    sys.stdout.flush()
    loop.run_until_complete(loop.connect_read_pipe(asyncio.Protocol, sys.stdin))
    loop.run_forever()


@contextlib.contextmanager
def delay_relay(pairs, delay):
    """Relay 127.0.0.1:listen -> 127.0.0.1:target for each (listen, target), every reply delayed
    `delay` seconds per device (requests overlap freely). Runs in its own process, so that it takes
    no CPU time from the poller measured; it ends when its stdin closes."""
    spec = ','.join('%d:%d' % pair for pair in pairs)
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), 'relay', str(delay), spec],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        if proc.stdout.readline().strip() != 'ready':
            raise SystemExit('the delay relay did not start')
        yield proc
    finally:
        proc.stdin.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == '__main__' and len(sys.argv) == 4 and sys.argv[1] == 'relay':
    _serve_relay([tuple(int(p) for p in pair.split(':')) for pair in sys.argv[3].split(',')], float(sys.argv[2]))
