"""`up` and `down`: bring the whole lab to the state hospital.yml declares, or remove all of it.

Both are safe to repeat and to run after a crash or from another clone: `up` repairs what is
missing or stopped and reclaims leftovers named with the prefix; `down` removes by prefix, not
only by what the state file remembers.
"""
import importlib
import importlib.util
import ipaddress
import os
import re
from concurrent.futures import ThreadPoolExecutor

from medops_lab import (config, filesystems, image, lxcfs, netns, podman_conf, provision, scale,
                        servers, sshkeys, state as lab_state)
from medops_lab.util import LabError, log, run


def devices_module():
    """medops_lab.devices (SNMP agents, BMCs) when its owner has written it, else None."""
    if importlib.util.find_spec('medops_lab.devices') is None:
        return None
    try:
        return importlib.import_module('medops_lab.devices')
    except ImportError as exc:
        # The simulators need the project venv (snmpsim, sushy-tools); Debian's python lacks them.
        raise LabError('medops_lab.devices cannot be loaded (%s): create the project venv first (make venv)' % exc) from exc


def _parallel(func, items, workers=8):
    """func over items in threads; raise one LabError listing every failure."""
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(items)))) as pool:
        futures = [pool.submit(func, item) for item in items]
        results, errors = [], []
        for fut in futures:
            if fut.exception():
                errors.append(str(fut.exception()))
            else:
                results.append(fut.result())
    if errors:
        raise LabError('\n'.join(errors))
    return results


def _reclaim(cfg, keep_ns):
    """Remove prefixed containers and namespaces this lab file does not declare (leftovers)."""
    prefix = cfg['lab']['prefix']
    wanted = {s['container'] for s in config.servers(cfg)}
    stale = [c for c in servers.list_containers(prefix) if c not in wanted]
    if stale:
        log('reclaiming leftover containers: %s' % ' '.join(stale))
        run(['podman', 'rm', '-f', '-t', '0'] + stale, check=False)
    for ns in netns.list_netns(prefix):
        if ns not in keep_ns:
            log('reclaiming leftover namespace %s' % ns)
            netns.remove_device(ns, None)


def up(cfg, scale_count=None):
    """Bring the lab up; return the state saved."""
    lab = cfg['lab']
    provision.check_scripts(cfg, config.servers(cfg))
    state = lab_state.load()
    if state.get('prefix') and state['prefix'] != lab['prefix']:
        raise LabError('lab.prefix: a lab with prefix %r is up; run `down` first' % state['prefix'])
    scale_count = len(state.get('scale') or []) if scale_count is None else scale_count
    devices = devices_module()
    podman_conf.ensure()
    os.makedirs('/run/medops-lab', exist_ok=True)
    image.build(lab['image'])
    pythons = image.image_pythons(lab['image'])

    # Scale hosts beyond the wanted count go first (`up --servers 0` removes them all).
    old_scale = state.get('scale') or []
    scale.remove(old_scale[scale_count:])
    scale_hosts = scale.hosts(lab['prefix'], scale_count)
    keep = {d['netns'] for d in config.devices(cfg)} | {h[2] for h in scale_hosts}
    _reclaim(cfg, keep)

    state.update({'prefix': lab['prefix'], 'bridge': lab['bridge'], 'subnet': lab['subnet'],
                  'scale': old_scale[:scale_count]})
    lab_state.save(state)                     # saved early: a crash below still leaves the prefix

    sshkeys.ensure_client_key()
    servers.write_runtime_files(cfg, [(h[1], h[0]) for h in scale_hosts])
    provision.sync_scripts()
    netns.ensure_bridge(lab['bridge'], lab['gateway'], lab['subnet'])
    for dev in config.devices(cfg):
        netns.ensure_device(dev['netns'], dev['veth'], dev['address'], lab['gateway'], lab['subnet'], lab['bridge'])
    restarted = lxcfs.ensure()
    state['lxcfs_started'] = state.get('lxcfs_started', False) or restarted
    lab_state.save(state)

    srvs = config.servers(cfg)
    actions = _parallel(lambda s: servers.ensure(s, lab['image'], pythons, restarted), srvs, workers=4)
    for srv, action in zip(srvs, actions):
        if action != 'running':
            log('%s: %s' % (srv['name'], action))
    _parallel(lambda s: servers.wait_booted(s['container']), srvs, workers=16)
    for srv, fixed in zip(srvs, _parallel(lambda s: servers.ensure_sshd(s['container']), srvs, workers=16)):
        if fixed:
            log('%s: sshd was down, started' % srv['name'])
    provision.run_all(cfg, srvs)

    if devices is not None:
        if 'devices' not in state:
            # The state that knew the simulators is lost (crash, /run wiped): end whatever an
            # earlier lab left running in their namespaces, so the new ones can bind their ports.
            for dev in config.devices(cfg):
                if dev['section'] != 'servers':
                    netns.kill_pids(netns.netns_pids(dev['netns']))
        devices.start_all(cfg, state)
    state['scale'] = scale.up(cfg, scale_count) if scale_count else []
    sshkeys.write_known_hosts(srvs, state['scale'])
    lab_state.save(state)
    return state


def _mux_pids(subnet):
    """Controller-side `ssh ... [mux]` (ControlPersist) processes connected into the lab subnet."""
    listing = run(['ss', '-tnpH'], check=False).stdout
    net = ipaddress.IPv4Network(subnet)
    pids = set()
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) < 5:
            continue
        peer = fields[4].rsplit(':', 1)[0]
        try:
            inside = ipaddress.IPv4Address(peer) in net
        except ValueError:
            continue
        if inside:
            pids.update(int(p) for p in re.findall(r'pid=(\d+)', line))
    found = []
    for pid in pids:
        try:
            with open('/proc/%d/cmdline' % pid, 'rb') as fh:
                if b'[mux]' in fh.read():
                    found.append(pid)
        except OSError:
            continue
    return found


def down(cfg):
    """Remove everything of the lab; return leftovers (empty when clean)."""
    state = lab_state.load()
    prefix = state.get('prefix') or cfg['lab']['prefix']
    subnet = state.get('subnet') or cfg['lab']['subnet']
    netns.kill_pids(_mux_pids(subnet))
    devices = devices_module()
    if devices is not None:
        try:
            devices.stop_all(state)
        except Exception as exc:  # pylint: disable=broad-exception-caught
            # Keep tearing down: the namespaces below end whatever the devices left running.
            log('devices.stop_all failed (%s); removing their namespaces anyway' % exc)
    servers.remove_all(prefix)
    scale.remove(state.get('scale') or [])
    netns.remove_all(prefix)
    filesystems.remove_all()
    if state.get('lxcfs_started', True):
        lxcfs.stop()
    lab_state.clear()
    return leftovers(prefix)


def leftovers(prefix):
    """Anything of the lab still present: namespaces, links, containers, mounts."""
    found = ['netns ' + n for n in netns.list_netns(prefix)]
    found += ['link ' + n for n in netns.list_links(prefix)]
    found += ['container ' + n for n in servers.list_containers(prefix)]
    found += ['mount ' + m for m in filesystems.lab_mounts()]
    if lxcfs.is_mounted():
        found.append('mount ' + lxcfs.paths.LXCFS_DIR)
    return found
