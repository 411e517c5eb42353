"""The lab network: a bridge with the gateway address, and one namespace per device.

Each device namespace `<prefix>-<name>` holds `eth0` (its address, default route via the
gateway) whose peer `<veth>` sits on the bridge. Everything is named with the prefix so that a
later `up` or `down`, even from another clone, can find and reclaim it.
"""
import ipaddress
import os
import signal
import time

from medops_lab.util import run, out


def list_netns(prefix):
    """Namespaces whose name starts with `<prefix>-`."""
    names = out(['ip', '-o', 'netns', 'list'], check=False).splitlines()
    return [n.split()[0] for n in names if n.split() and n.split()[0].startswith(prefix + '-')]


def list_links(prefix):
    """Links in the root namespace whose name starts with the prefix (the bridge and veths)."""
    links = []
    for line in out(['ip', '-o', 'link', 'show']).splitlines():
        name = line.split(':')[1].strip().split('@')[0]
        if name.startswith(prefix):
            links.append(name)
    return links


def link_exists(name, netns=None):
    """True if `name` exists (in `netns` when given)."""
    cmd = ['ip'] + (['-n', netns] if netns else []) + ['link', 'show', name]
    return run(cmd, check=False).returncode == 0


def ensure_bridge(bridge, gateway, subnet):
    """The bridge in the root namespace, up, with the gateway address."""
    if not link_exists(bridge):
        run(['ip', 'link', 'add', bridge, 'type', 'bridge'])
    cidr = '%s/%d' % (gateway, ipaddress.IPv4Network(subnet).prefixlen)
    if cidr not in out(['ip', '-o', '-4', 'addr', 'show', 'dev', bridge]):
        run(['ip', 'addr', 'add', cidr, 'dev', bridge])
    run(['ip', 'link', 'set', bridge, 'up'])


def ensure_device(ns, veth, address, gateway, subnet, bridge):
    """Namespace `ns` with eth0 at `address`, its peer `veth` on `bridge`; idempotent."""
    path = '/run/netns/' + ns
    if os.path.exists(path) and not os.path.ismount(path):
        # /run is on disk on some machines: after a reboot or a restored snapshot the file is
        # left but the namespace it pinned is gone, and every `ip -n` on it fails.
        run(['ip', 'netns', 'del', ns], check=False)
        if os.path.exists(path):
            os.unlink(path)
    if not os.path.exists(path):
        run(['ip', 'netns', 'add', ns])
    if not link_exists('eth0', ns):
        if link_exists(veth):          # half-made by an earlier crashed run
            run(['ip', 'link', 'del', veth])
        run(['ip', 'link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns])
        # A device made again has a new MAC: forget the old one, or this machine keeps sending
        # to it (or remembers it as FAILED) for several seconds.
        run(['ip', 'neigh', 'flush', 'to', address], check=False)
    run(['ip', 'link', 'set', veth, 'master', bridge, 'up'])
    cidr = '%s/%d' % (address, ipaddress.IPv4Network(subnet).prefixlen)
    if cidr not in out(['ip', '-n', ns, '-o', '-4', 'addr', 'show', 'dev', 'eth0']):
        run(['ip', '-n', ns, 'addr', 'flush', 'dev', 'eth0'])
        run(['ip', '-n', ns, 'addr', 'add', cidr, 'dev', 'eth0'])
    run(['ip', '-n', ns, 'link', 'set', 'lo', 'up'])
    run(['ip', '-n', ns, 'link', 'set', 'eth0', 'up'])
    run(['ip', '-n', ns, 'route', 'replace', 'default', 'via', str(gateway)])


def netns_pids(ns):
    """Processes living in namespace `ns`."""
    return [int(p) for p in out(['ip', 'netns', 'pids', ns], check=False).split() if p.isdigit()]


def _alive(pid):
    """True for a live process; a zombie (its parent has not reaped it yet) counts as ended."""
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as fh:
            return fh.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return False


def kill_pids(pids, grace=2.0):
    """TERM, wait up to `grace` seconds, then KILL whatever is left."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while pids and time.monotonic() < deadline:
            pids = [p for p in pids if _alive(p)]
            time.sleep(0.05)
        if not pids:
            return


def remove_devices(pairs):
    """[(ns, veth)]: end what runs in them (all at once, then wait), remove links and namespaces."""
    pairs = [(ns, veth) for ns, veth in pairs if os.path.exists('/run/netns/' + ns) or (veth and link_exists(veth))]
    kill_pids([pid for ns, _veth in pairs if os.path.exists('/run/netns/' + ns) for pid in netns_pids(ns)])
    for ns, veth in pairs:
        if veth:
            run(['ip', 'link', 'del', veth], check=False)
        if os.path.exists('/run/netns/' + ns):
            run(['ip', 'netns', 'del', ns], check=False)


def remove_device(ns, veth):
    """One namespace and its link (see remove_devices)."""
    remove_devices([(ns, veth)])


def remove_all(prefix):
    """Every namespace and link with the prefix, whatever made it (reclaims a crashed lab)."""
    remove_devices([(ns, None) for ns in list_netns(prefix)])
    for link in list_links(prefix):
        run(['ip', 'link', 'del', link], check=False)
