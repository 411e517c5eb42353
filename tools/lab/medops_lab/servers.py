"""Lab servers: podman systemd containers, one per `servers:` entry, in the lab's namespaces.

Each gets its own memory size and /proc view (lxcfs), hostname, boot id per start, filesystems,
sshd with the lab's key, and `--restart=always` so that `systemctl reboot` inside a host brings
it back (podman's restart policy is applied by its cleanup process; verified here).
"""
import hashlib
import json
import os
import time

from medops_lab import filesystems, lxcfs, paths, sshkeys
from medops_lab.util import LabError, run

# Runs as PID 1 of every host: a fresh boot id on each start, then systemd. runc refuses bind
# mounts inside /proc from the container config, so the container gets CAP_SYS_ADMIN only for
# this mount and drops it (bounding set) before systemd starts.
LAB_INIT = """\
#!/bin/sh
set -e
cat /proc/sys/kernel/random/uuid > /run/lab-boot_id
mount --bind /run/lab-boot_id /proc/sys/kernel/random/boot_id
exec setpriv --bounding-set -sys_admin --inh-caps -sys_admin /sbin/init "$@"
"""
# No DNS server in the lab: fail at once (127.0.0.1 refuses) so lookups never stall.
RESOLV = 'search {domain}\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n'
SPEC_LABEL = 'medops.lab.spec'


def _write(path, text, mode=0o644):
    """Write in place (same inode), so files already bind-mounted into hosts see the change."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(text)
    os.chmod(path, mode)


def hosts_text(cfg, extra=()):
    """/etc/hosts for every lab host: all lab names, so getfqdn() answers without DNS."""
    lines = ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback']
    domain = cfg['lab']['domain']
    entries = [(d['address'], d['name']) for d in _all(cfg)] + list(extra)
    lines += ['%s %s.%s %s' % (addr, name, domain, name) for addr, name in entries]
    return '\n'.join(lines) + '\n'


def _all(cfg):
    return [d for s in ('servers', 'snmp_agents', 'redfish_bmcs') for d in (cfg.get(s) or [])]


def write_runtime_files(cfg, extra_hosts=()):
    """Files every host bind-mounts: init wrapper, /etc/hosts, resolv.conf."""
    _write(os.path.join(paths.RUNTIME_DIR, 'lab-init'), LAB_INIT, 0o755)
    _write(os.path.join(paths.RUNTIME_DIR, 'hosts'), hosts_text(cfg, extra_hosts))
    _write(os.path.join(paths.RUNTIME_DIR, 'resolv.conf'), RESOLV.format(domain=cfg['lab']['domain']))


def run_args(srv, image, pythons):
    """`podman run` arguments for one server (without the spec label)."""
    rt = paths.RUNTIME_DIR
    args = ['--systemd=always', '--restart=always', '--memory', srv['memory'], '--memory-swap', srv['memory'],
            '--network', 'ns:/run/netns/' + srv['netns'], '--hostname', srv['name'],
            '--cap-add', 'SYS_ADMIN', '--stop-timeout', '5',
            '-v', rt + '/lab-init:/sbin/lab-init:ro', '-v', rt + '/hosts:/etc/hosts:ro',
            '-v', rt + '/resolv.conf:/etc/resolv.conf:ro',
            '-v', paths.AUTHORIZED_KEYS + ':/etc/ssh/lab_authorized_keys:ro',
            '-v', paths.PROVISION_DIR + ':/lab/provision:ro'] + lxcfs.podman_args()
    for outside, inside in sshkeys.host_key_files(srv['name']):
        args += ['-v', '%s:%s:ro' % (outside, inside)]
    for fs in srv.get('filesystems') or []:
        args += ['-v', '%s:%s' % (filesystems.host_dir(srv['name'], fs['mount']), fs['mount'])]
    if srv.get('python') is False:
        # /dev/null is not executable: `python3` fails with "Permission denied" (exit 126).
        for interp in pythons:
            args += ['-v', '/dev/null:%s:ro' % interp]
    return args + [image, '/sbin/lab-init']


def inspect(name):
    """podman's view of container `name`, or None."""
    proc = run(['podman', 'container', 'inspect', name], check=False)
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout)[0]


def _stale(info):
    """True when podman says the container is stopping/paused/running but its process is gone."""
    status = info['State'].get('Status', '')
    if status in ('created', 'configured', 'exited', 'stopped'):
        return False
    pid = info['State'].get('Pid') or 0
    return status != 'running' or not pid or not os.path.exists('/proc/%d' % pid)


def _create(name, spec, args):
    run(['podman', 'run', '-d', '--name', name, '--label', '%s=%s' % (SPEC_LABEL, spec)] + args)


def ensure(srv, image, pythons, lxcfs_restarted):
    """Create, recreate (changed spec), start or restart the container; return what was done."""
    name = srv['container']
    for fs in srv.get('filesystems') or []:
        filesystems.ensure(srv['name'], fs)
    args = run_args(srv, image, pythons)
    spec = hashlib.sha256('\0'.join(args).encode()).hexdigest()[:16]
    info = inspect(name)
    if info and (info['Config']['Labels'].get(SPEC_LABEL) != spec or _stale(info)):
        run(['podman', 'rm', '-f', '-t', '0', name])
        info = None
    if info is None:
        _create(name, spec, args)
        return 'created'
    if not info['State']['Running']:
        if run(['podman', 'start', name], check=False).returncode != 0:
            # podman's state can outlive its processes (a machine restored from a snapshot
            # or a killed conmon): recreate rather than fail, nothing inside is precious.
            run(['podman', 'rm', '-f', '-t', '0', name])
            _create(name, spec, args)
            return 'recreated (podman could not start it)'
        return 'started'
    if lxcfs_restarted:
        run(['podman', 'restart', '-t', '0', name])
        return 'restarted (lxcfs was restarted)'
    return 'running'


def wait_booted(name, timeout=60):
    """Wait until systemd says running or degraded; return that word."""
    deadline = time.monotonic() + timeout
    state = 'unknown'
    while time.monotonic() < deadline:
        proc = run(['podman', 'exec', name, 'systemctl', 'is-system-running', '--wait'],
                   check=False, timeout=timeout)
        state = proc.stdout.strip()
        if state in ('running', 'degraded'):
            return state
        time.sleep(0.3)        # exec can fail for a moment while a host (re)starts
    raise LabError('%s: systemd did not finish booting in %ss (state %s)' % (name, timeout, state))


def ensure_sshd(name):
    """Start sshd when it is not active (e.g. stopped by hand); return True if it was."""
    if run(['podman', 'exec', name, 'systemctl', 'is-active', '-q', 'ssh'], check=False).returncode == 0:
        return False
    run(['podman', 'exec', name, 'systemctl', 'start', 'ssh'])
    return True


def list_containers(prefix):
    """Every container named `<prefix>-...`, running or not."""
    names = run(['podman', 'ps', '-a', '--format', '{{.Names}}']).stdout.split()
    return [n for n in names if n.startswith(prefix + '-')]


def remove_all(prefix):
    """Remove every lab container (SIGKILL at once: nothing inside needs a clean shutdown)."""
    names = list_containers(prefix)
    if names:
        run(['podman', 'rm', '-f', '-t', '0'] + names, check=False, timeout=120)
    return names
