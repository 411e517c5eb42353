"""One lab site of thin clients: a namespace holding many addresses and one TCP listener.

config.py turns each `thin_clients.sites[]` entry of hospital.yml into a device entry with the
site's own address (the namespace's first address) and `client_addresses`: every department
address that is up (the `down` ones and planted outages are left unassigned, so they do not
answer, like a switched-off client). `ensure()` makes the namespace hold exactly those.
"""
import ipaddress
import os
import socket
import subprocess
import sys

from . import paths

LISTENER = os.path.join(paths.LAB_DIR, 'thin_clients', 'tc_listener.py')
BANNER = 'SSH-2.0-OpenSSH_7.9p1 ThinOS-9.1 thin-client'


def _current(ns, prefixlen):
    """Addresses on eth0 of the namespace, as 'a.b.c.d/len' strings."""
    proc = subprocess.run(['ip', '-n', ns, '-o', '-4', 'addr', 'show', 'dev', 'eth0'], capture_output=True, text=True,
                          check=False, timeout=30)
    found = set()
    for line in proc.stdout.splitlines():
        fields = line.split()
        if 'inet' in fields:
            found.add(fields[fields.index('inet') + 1])
    return found or set(), prefixlen


def ensure(entry):
    """Give the namespace exactly the up client addresses (plus the site address); one `ip -batch`."""
    ns = entry['netns']
    prefixlen = ipaddress.IPv4Network(entry['subnet']).prefixlen
    current, _len = _current(ns, prefixlen)
    wanted = {'%s/%d' % (addr, prefixlen) for addr in entry['client_addresses']}
    wanted.add('%s/%d' % (entry['address'], prefixlen))
    lines = ['address add %s dev eth0' % cidr for cidr in sorted(wanted - current)]
    lines += ['address del %s dev eth0' % cidr for cidr in sorted(current - wanted)]
    if lines:
        subprocess.run(['ip', '-n', ns, '-force', '-batch', '-'], input='\n'.join(lines) + '\n', text=True,
                       capture_output=True, check=True, timeout=120)
    return len(lines)


def prepare(entry, run_dir):
    del run_dir
    ensure(entry)


def command(entry, run_dir, bin_dir):
    del bin_dir
    argv = [sys.executable, LISTENER, '--banner', BANNER, '--run-dir', run_dir + '/']
    for port in entry['ports']:
        argv += ['--port', str(port)]
    return argv


def environment():
    return dict(os.environ)


def probe(entry, timeout=1.0):
    """(True, 'N client addresses') when the site's listener answers on its own address."""
    try:
        with socket.create_connection((entry['address'], entry['ports'][0]), timeout=timeout) as sock:
            sock.settimeout(timeout)
            banner = sock.recv(64)
    except OSError as exc:
        return False, 'TCP connect %s:%s failed: %s' % (entry['address'], entry['ports'][0], exc)
    if not banner:
        return False, 'connected, no banner'
    return True, '%d client addresses up' % len(entry['client_addresses'])
