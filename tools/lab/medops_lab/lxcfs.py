"""lxcfs gives each container its own /proc/meminfo, uptime, loadavg... (from its cgroup).

The lab starts one lxcfs for all hosts and stops it in `down`. If lxcfs dies, the containers'
bind mounts of its files go stale, so `up` restarts the hosts started before it.
"""
import os
import subprocess
import time

from medops_lab import paths
from medops_lab.util import LabError, run

PROC_FILES = ('meminfo', 'cpuinfo', 'stat', 'uptime', 'loadavg', 'swaps', 'diskstats')


def is_mounted():
    """True when LXCFS_DIR is mounted (even by a dead lxcfs: `down` must remove that too)."""
    with open('/proc/self/mounts', encoding='utf-8') as fh:
        return any(line.split()[1] == paths.LXCFS_DIR for line in fh)


def is_serving():
    """True when a live lxcfs answers at LXCFS_DIR."""
    if not (is_mounted() and find_pids()):
        return False
    try:
        with open(os.path.join(paths.LXCFS_DIR, 'proc', 'uptime'), encoding='utf-8') as fh:
            return bool(fh.read())
    except OSError:              # ENOTCONN once lxcfs has died
        return False


def find_pids():
    """PIDs of lxcfs processes serving LXCFS_DIR."""
    pids = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as fh:
                args = fh.read().split(b'\0')
        except OSError:
            continue
        if os.path.basename(args[0]) == b'lxcfs' and paths.LXCFS_DIR.encode() in args:
            pids.append(int(pid))        # a zombie has an empty cmdline, so it is not counted
    return pids


def ensure():
    """Start lxcfs unless it runs; return True when it had to be (re)started."""
    if is_serving():
        if all(_has_loadavg(pid) for pid in find_pids()):
            return False
        stop()      # an lxcfs without load virtualisation would show every host the machine's load
    run(['umount', '-l', paths.LXCFS_DIR], check=False)     # a dead lxcfs leaves its mount
    os.makedirs(paths.LXCFS_DIR, exist_ok=True)
    with open(os.path.join(paths.RUN_DIR, 'lxcfs.log'), 'ab') as log:
        # -l: per-container load averages (from the container's cgroup), not the machine's.
        subprocess.Popen(['lxcfs', '-l', paths.LXCFS_DIR], stdout=log, stderr=log,  # pylint: disable=consider-using-with
                         stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 10
    while not is_serving():
        if time.monotonic() > deadline:
            raise LabError('lxcfs did not mount %s (see %s/lxcfs.log)' % (paths.LXCFS_DIR, paths.RUN_DIR))
        time.sleep(0.05)
    return True


def _has_loadavg(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            return b'-l' in handle.read().split(b'\0')
    except OSError:
        return False


def stop():
    """End lxcfs and remove its mount."""
    for pid in find_pids():
        try:
            os.kill(pid, 15)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while find_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    run(['umount', '-l', paths.LXCFS_DIR], check=False)


def podman_args():
    """The -v options that put lxcfs' files over a container's /proc files."""
    args = []
    for name in PROC_FILES:
        args += ['-v', '%s/proc/%s:/proc/%s:rw' % (paths.LXCFS_DIR, name, name)]
    return args
