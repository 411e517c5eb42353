"""Helpers of the lab tests: the CLI, SSH into lab hosts, renumbering a lab file.

A module of its own (not conftest.py): test files import it by a name no other test folder uses.
"""
import ipaddress
import os
import subprocess
import sys


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAB_DIR = os.path.join(REPO, 'tools', 'lab')
LAB = os.path.join(LAB_DIR, 'lab')
# MEDOPS_LAB_CONFIG lets a developer run the lifecycle tests against another lab file.
CONFIG = os.environ.get('MEDOPS_LAB_CONFIG', os.path.join(LAB_DIR, 'hospital.yml'))
SSH_KEY = '/var/lib/medops-lab/ssh/id_ed25519'

sys.path.insert(0, LAB_DIR)


def lab(*args, config=CONFIG, timeout=600):
    """Run tools/lab/lab; returns the CompletedProcess (text)."""
    return subprocess.run([LAB, '--config', config] + list(args), capture_output=True, text=True,
                          timeout=timeout, check=False)


def ssh(address, command, timeout=30):
    """Run `command` on a lab host over SSH with the lab's key."""
    return subprocess.run(['ssh', '-i', SSH_KEY, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
                           '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=5',
                           'root@' + address, command], capture_output=True, text=True, timeout=timeout, check=False)


def renumber(cfg, subnet):
    """Move the lab into `subnet`, keeping each address' offset, so only the overlap is wrong."""
    old = ipaddress.IPv4Network(cfg['lab']['subnet'])
    new = ipaddress.IPv4Network(subnet)

    def move(addr):
        return str(new.network_address + (int(ipaddress.IPv4Address(addr)) - int(old.network_address)))
    cfg['lab']['subnet'] = subnet
    cfg['lab']['gateway'] = move(cfg['lab']['gateway'])
    for section in ('servers', 'snmp_agents', 'redfish_bmcs', 'ntp_clocks', 'storage_arrays', 'ipmi_bmcs'):
        for dev in cfg.get(section) or []:
            dev['address'] = move(dev['address'])

    if new.num_addresses < 12 * 256 and cfg.get('thin_clients'):
        # The thin-client sites sit at 10.77.8-11.x: a small subnet cannot hold them; drop them.
        depts = {d['name'] for site in cfg['thin_clients']['sites'] for d in site['departments']}
        del cfg['thin_clients']
        cfg['planted'] = [p for p in cfg.get('planted') or [] if p['host'] not in depts]

    def move_range(text):
        return '-'.join(move(part) for part in str(text).split('-'))
    for site in (cfg.get('thin_clients') or {}).get('sites') or []:
        site['address'] = move(site['address'])
        for dept in site['departments']:
            dept['range'] = move_range(dept['range'])
            dept['down'] = [move_range(a) for a in dept.get('down') or []]
    for plant in cfg.get('planted') or []:
        if plant.get('kind') == 'thin_client_outage':
            plant['params']['down'] = move_range(plant['params']['down'])
    return cfg


def simulate_reboot_keeping_run(prefix):
    """End the lab as a power cut would, leaving /run as a reboot leaves it on a disk /run.

    Every process of the lab dies by SIGKILL (podman's conmons first, so no exit file is
    written), its mounts go, and podman's alive file is aged to before this boot: what the
    CI machine of stop 26 met (a snapshot of a machine whose /run is on the root disk).
    """
    names = subprocess.run(['podman', 'ps', '--format', '{{.Names}}'], capture_output=True, text=True,
                           check=True).stdout.split()
    pids = []
    for name in (n for n in names if n.startswith(prefix + '-')):
        pid = subprocess.run(['podman', 'inspect', '--format', '{{.State.Pid}}', name], capture_output=True,
                             text=True, check=True).stdout.strip()
        pids.append(int(pid))
    pids += _pids_named('conmon') + _pids_named('lxcfs')
    namespaces = [line.split()[0] for line in subprocess.run(['ip', '-o', 'netns', 'list'], capture_output=True,
                                                             text=True, check=True).stdout.splitlines()
                  if line.startswith(prefix + '-')]
    for ns in namespaces:
        pids += [int(p) for p in subprocess.run(['ip', 'netns', 'pids', ns], capture_output=True, text=True,
                                                check=False).stdout.split()]
    for pid in _pids_named('conmon') + sorted(set(pids)):
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
    with open('/proc/self/mounts', encoding='utf-8') as fh:
        mounts = [line.split()[1] for line in fh]
    for mount in reversed(mounts):
        if (mount.startswith('/var/lib/containers/storage/overlay') or mount == '/var/lib/lxcfs'
                or mount.startswith('/run/netns/%s-' % prefix)):
            subprocess.run(['umount', '-l', mount], check=False)
    with open('/proc/stat', encoding='ascii') as fh:
        btime = next(int(line.split()[1]) for line in fh if line.startswith('btime '))
    os.utime('/run/libpod/alive', (btime - 60, btime - 60))


def _pids_named(comm):
    found = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/comm' % pid, encoding='utf-8', errors='replace') as fh:
                if fh.read().strip() == comm:
                    found.append(int(pid))
        except OSError:
            continue
    return found
