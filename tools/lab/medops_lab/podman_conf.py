"""Podman settings this machine kind needs (see shared LAB-RECIPES.md, systemd containers).

crun fails on this kernel's hybrid cgroups, and there is no systemd on the host to manage
cgroups or journald, hence runc + cgroupfs + a file event log. Written only if absent, so an
administrator's own containers.conf is left alone.
"""
import os

from medops_lab import paths
from medops_lab.util import log

CONF = """\
# Written by medops.itops tools/lab (absent before): podman without a host systemd.
[containers]
# nofile: a huge inherited limit makes some daemons slow to start; nproc counts all root processes.
default_ulimits = ["nofile=1024:1024", "nproc=8192:8192"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
"""


def ensure():
    """Write containers.conf when the machine has none."""
    if os.path.exists(paths.CONTAINERS_CONF):
        with open(paths.CONTAINERS_CONF, encoding='utf-8') as fh:
            if 'runc' not in fh.read():
                log('warning: %s exists without runtime = "runc"; crun fails on this kernel\'s hybrid cgroups'
                    % paths.CONTAINERS_CONF)
        return
    os.makedirs(os.path.dirname(paths.CONTAINERS_CONF), exist_ok=True)
    with open(paths.CONTAINERS_CONF, 'w', encoding='utf-8') as fh:
        fh.write(CONF)
    log('wrote %s' % paths.CONTAINERS_CONF)
