"""Per-host small filesystems (`filesystems:` in hospital.yml) as real ext4 on loop devices.

ext4 rather than tmpfs because inspections, like hospital admins, usually skip tmpfs when they
look at disk usage; a loop-mounted ext4 shows as /dev/loopN in `df`, as a real disk does.
The lab mounts it on this machine under /var/lib/medops-lab/hosts/<host>/fs/ and bind-mounts
it into the container; `down` unmounts it and frees the loop device.
"""
import os

from medops_lab import paths
from medops_lab.util import run


def _slug(mount):
    return mount.strip('/').replace('/', '_') or 'root'


def host_dir(host, mount):
    """Where the filesystem for `mount` of `host` is mounted on this machine."""
    return os.path.join(paths.HOSTS_DIR, host, 'fs', _slug(mount))


def is_mountpoint(path):
    """True when `path` is a mount point in this machine's namespace."""
    with open('/proc/self/mounts', encoding='utf-8') as fh:
        return any(line.split()[1] == path for line in fh)


def ensure(host, fs):
    """Make and mount a fresh ext4 of fs['size'] unless it is mounted; return the host path."""
    target = host_dir(host, fs['mount'])
    if is_mountpoint(target):
        return target
    image = target + '.img'
    os.makedirs(target, exist_ok=True)
    with open(image, 'wb') as fh:
        fh.truncate(_bytes(fs['size']))
    run(['mkfs.ext4', '-q', '-F', '-m', '0', '-L', _slug(fs['mount'])[:16], image])
    run(['mount', '-o', 'loop', image, target])
    return target


def _bytes(size):
    size = str(size).lower()
    return int(size[:-1]) * {'k': 1 << 10, 'm': 1 << 20, 'g': 1 << 30}[size[-1]]


def lab_mounts():
    """Every mount under the lab's host directory (also those of hosts no longer in the file)."""
    with open('/proc/self/mounts', encoding='utf-8') as fh:
        found = [line.split()[1] for line in fh if line.split()[1].startswith(paths.HOSTS_DIR + '/')]
    return sorted(found, reverse=True)


def remove_all():
    """Unmount every lab filesystem (loop devices are freed with the mount) and drop the images."""
    for target in lab_mounts():
        if run(['umount', target], check=False).returncode != 0:
            run(['umount', '-l', target], check=False)
    for root, _dirs, files in os.walk(paths.HOSTS_DIR):
        for name in files:
            if name.endswith('.img'):
                os.unlink(os.path.join(root, name))
