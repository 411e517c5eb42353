"""podman's runtime state left in /run by an earlier boot, cleared as a tmpfs /run would be.

podman keeps its runtime state in /run (/run/libpod, the storage run root /run/containers,
runc's /run/runc) and relies on /run being emptied by a reboot: it resets its containers only
when /run/libpod/alive is missing. On this machine kind /run is on the root disk, so after a
reboot or on a machine made from a snapshot podman still believes the lab's containers run,
and `start`, `restart` and `rm -f` fail ("container not running", "timed out waiting for file
/run/libpod/exits/..."): CI of stop 26 failed so. A file older than the boot cannot belong to
a live process; when podman's alive file is one, and no conmon runs, the three folders are
removed (what a boot with a tmpfs /run gives), and podman resets its containers itself.
"""
import os
import shutil

from medops_lab.util import log

ALIVE_FILE = '/run/libpod/alive'
PODMAN_RUN_DIRS = ('/run/libpod', '/run/containers', '/run/runc')


def boot_time():
    """The machine's boot time (seconds since the epoch, /proc/stat btime)."""
    with open('/proc/stat', encoding='ascii') as fh:
        for line in fh:
            if line.startswith('btime '):
                return int(line.split()[1])
    raise OSError('/proc/stat has no btime line')


def predates_boot(path, boot=None):
    """True when `path` exists and was last written before this boot."""
    try:
        mtime = os.stat(path).st_mtime
    except FileNotFoundError:
        return False
    return mtime < (boot_time() if boot is None else boot)


def _conmon_running():
    """True when any conmon (podman's per-container monitor) is alive: then nothing is stale."""
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/stat' % pid, encoding='utf-8', errors='replace') as fh:
                name, state = fh.read().rsplit(')', 1)
        except OSError:
            continue
        if name.split('(', 1)[1] == 'conmon' and state.split()[0] != 'Z':   # a zombie monitors nothing
            return True
    return False


def clear_podman_state(alive_file=ALIVE_FILE, run_dirs=PODMAN_RUN_DIRS, conmon_running=_conmon_running):
    """Remove podman's run folders when they are from an earlier boot; return True if removed."""
    if not predates_boot(alive_file):
        return False
    if conmon_running():
        # A clock set forward after boot can age a live file; a running conmon proves it live.
        log('warning: %s is older than the boot but conmon runs; podman state left alone' % alive_file)
        return False
    for path in run_dirs:
        shutil.rmtree(path, ignore_errors=True)
    log('podman state in %s was from an earlier boot (/run is not a tmpfs here): removed, as a boot '
        'would have' % ', '.join(run_dirs))
    return True
