"""Cheap scale hosts (`up --servers N`): a namespace plus one sshd each, for fleet-size runs.

They share this machine's filesystem, processes and /proc (only network, hostname and the
/etc/hosts view are their own), so they are for measuring fan-out, never for checking findings.
scale-NNN has address 10.77.1.0 + NNN (scale-001 = 10.77.1.1).
"""
import ipaddress
import os
import socket
import subprocess
import time

from medops_lab import config, netns, paths, sshkeys
from medops_lab.util import LabError

SSHD_CONFIG = """\
# medops lab scale hosts: key-only root login with the lab's key, no DNS, no PAM.
HostKey {hostkey}
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile {keys}
StrictModes no
UsePAM no
UseDNS no
MaxStartups 100:30:200
Subsystem sftp internal-sftp
"""
MAX_HOSTS = 1000


def hosts(prefix, count):
    """[(name, address, netns, veth)] for `count` scale hosts."""
    if count > MAX_HOSTS:
        raise LabError('--servers: at most %d scale hosts' % MAX_HOSTS)
    found = []
    for i in range(1, count + 1):
        addr = config.SCALE_BASE + i
        name = 'scale-%03d' % i
        found.append((name, str(addr), '%s-%s' % (prefix, name), '%s-s%d' % (prefix, i)))
    return found


def _files():
    """sshd config and host key shared by all scale hosts."""
    os.makedirs(paths.SCALE_RUN_DIR, exist_ok=True)
    hostkey = sshkeys.scale_host_key()
    cfg = os.path.join(paths.SCALE_RUN_DIR, 'sshd_config')
    with open(cfg, 'w', encoding='utf-8') as fh:
        fh.write(SSHD_CONFIG.format(hostkey=hostkey, keys=paths.AUTHORIZED_KEYS))
    os.makedirs('/run/sshd', mode=0o755, exist_ok=True)
    return cfg


def pidfile(name):
    """Where the sshd of scale host `name` records its PID."""
    return os.path.join(paths.SCALE_RUN_DIR, name + '.pid')


def sshd_alive(name):
    """True if the sshd recorded for `name` still runs."""
    try:
        with open(pidfile(name), encoding='utf-8') as fh:
            pid = int(fh.read().strip())
        with open('/proc/%d/cmdline' % pid, 'rb') as fh:
            return b'sshd' in fh.read()
    except (OSError, ValueError):
        return False


def _start_sshd(name, ns, sshd_config):
    """sshd in its own UTS and mount namespace, with the lab's /etc/hosts and resolv.conf."""
    rt = paths.RUNTIME_DIR
    script = ('hostname %s && mount --bind %s/hosts /etc/hosts && mount --bind %s/resolv.conf /etc/resolv.conf'
              ' && exec /usr/sbin/sshd -f %s -o PidFile=%s' % (name, rt, rt, sshd_config, pidfile(name)))
    try:
        subprocess.run(['ip', 'netns', 'exec', ns, 'unshare', '--uts', '--mount', '--propagation', 'private',
                        'sh', '-c', script], check=True, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    except subprocess.CalledProcessError as exc:
        raise LabError('%s: sshd did not start: %s' % (name, exc.stderr.decode(errors='replace').strip())) from exc


def _listening(address):
    try:
        with socket.create_connection((address, 22), timeout=1):
            return True
    except OSError:
        return False


def up(cfg, count):
    """Bring up `count` scale hosts (idempotent); return their entries."""
    lab = cfg['lab']
    sshd_config = _files()
    entries = hosts(lab['prefix'], count)
    subnet = ipaddress.IPv4Network(lab['subnet'])
    started = []
    for name, addr, ns, veth in entries:
        if ipaddress.IPv4Address(addr) not in subnet:
            raise LabError('--servers: %s for %s is outside lab.subnet %s' % (addr, name, subnet))
        netns.ensure_device(ns, veth, addr, lab['gateway'], lab['subnet'], lab['bridge'])
        if not sshd_alive(name):
            _start_sshd(name, ns, sshd_config)
            started.append((name, addr))
    # sshd forks into the background before it listens: wait until each one answers.
    deadline = time.monotonic() + 10
    for name, addr in started:
        while not _listening(addr):
            if time.monotonic() > deadline:
                raise LabError('%s: sshd started but does not answer on %s:22' % (name, addr))
            time.sleep(0.05)
    return [{'name': n, 'address': a, 'netns': ns, 'veth': v} for n, a, ns, v in entries]


def remove(entries):
    """End scale hosts (their sshd dies with the namespace's processes)."""
    netns.remove_devices([(e['netns'], e['veth']) for e in entries])
    for entry in entries:
        try:
            os.unlink(pidfile(entry['name']))
        except FileNotFoundError:
            pass
