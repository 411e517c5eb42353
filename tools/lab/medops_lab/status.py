"""What is up: one row per device (name, address, kind, state). Healthy means state `running`.

Servers are judged from outside, as the inspection sees them: the container must run and its
sshd must answer on port 22 of the host's address from this machine; if it does not, the host is
asked (podman exec) whether sshd is down or the network is at fault.
"""
import json
import os
import socket
from concurrent.futures import ThreadPoolExecutor

from medops_lab import lxcfs, netns, scale
from medops_lab.util import run

HEALTHY = 'running'
DEVICE_SECTIONS = ('snmp_agents', 'redfish_bmcs', 'ntp_clocks', 'thin_client_sites', 'storage_arrays', 'ipmi_bmcs')


def ssh_banner(address, timeout=2.0):
    """True when something speaking SSH answers on address:22."""
    try:
        with socket.create_connection((address, 22), timeout=timeout) as sock:
            sock.settimeout(timeout)
            return sock.recv(64).startswith(b'SSH-')
    except OSError:
        return False


def _containers():
    """{name: podman State} for all containers."""
    listing = json.loads(run(['podman', 'ps', '-a', '--format', 'json']).stdout or '[]')
    return {c['Names'][0]: c.get('State', 'unknown') for c in listing}


def server_state(srv, containers):
    """State of one server."""
    cstate = containers.get(srv['container'])
    if cstate is None:
        return 'no container'
    if cstate != 'running':
        return 'stopped' if cstate in ('exited', 'stopped', 'created', 'configured') else cstate
    if not os.path.exists('/run/netns/' + srv['netns']):
        return 'no namespace'
    if ssh_banner(srv['address']):
        return HEALTHY
    sshd = run(['podman', 'exec', srv['container'], 'systemctl', 'is-active', 'ssh'], check=False, timeout=10)
    return 'sshd down' if sshd.stdout.strip() != 'active' else 'unreachable'


def scale_state(entry):
    """State of one scale host."""
    if not os.path.exists('/run/netns/' + entry['netns']):
        return 'no namespace'
    if not scale.sshd_alive(entry['name']):
        return 'sshd down'
    return HEALTHY if ssh_banner(entry['address']) else 'unreachable'


def _device_states(cfg, state, devices_mod):
    """{name: state} for SNMP agents and BMCs, from the devices module when there is one."""
    names = [d['name'] for s in DEVICE_SECTIONS for d in (cfg.get(s) or [])]
    if devices_mod is None:
        return {n: 'not simulated (devices.py missing)' for n in names}
    answer = devices_mod.status(cfg, state) or {}
    if isinstance(answer, list):            # accept [{name:, state:}] as well as {name: state}
        answer = {row['name']: row['state'] for row in answer}
    return {n: str(answer.get(n, 'unknown')) for n in names}


def rows(cfg, state, devices_mod):
    """[(name, address, kind, state)] for everything the lab should be running."""
    containers = _containers()
    servers = cfg.get('servers') or []
    scale_hosts = state.get('scale') or []
    with ThreadPoolExecutor(max_workers=16) as pool:
        srv_states = list(pool.map(lambda s: server_state(s, containers), servers))
        scale_states = list(pool.map(scale_state, scale_hosts))
    dev_states = _device_states(cfg, state, devices_mod)
    bridge_ok = netns.link_exists(cfg['lab']['bridge'])
    table = [(cfg['lab']['bridge'], cfg['lab']['gateway'], 'bridge', HEALTHY if bridge_ok else 'missing'),
             ('lxcfs', '-', 'service', HEALTHY if lxcfs.is_serving() else 'stopped')]
    table += [(s['name'], s['address'], 'server' + ('' if s.get('python', True) else ' (no python)'), st)
              for s, st in zip(servers, srv_states)]
    for section in DEVICE_SECTIONS:
        table += [(d['name'], d['address'], d['kind'], dev_states[d['name']]) for d in cfg.get(section) or []]
    table += [(e['name'], e['address'], 'scale host', st) for e, st in zip(scale_hosts, scale_states)]
    return table


def render(table):
    """A plain aligned text table."""
    head = ('NAME', 'ADDRESS', 'KIND', 'STATE')
    widths = [max(len(str(r[i])) for r in [head] + table) for i in range(4)]
    lines = ['  '.join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip() for r in [head] + table]
    return '\n'.join(lines)
