#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: the Linux inspection over N lab hosts, the collection's way against the naive way.

The collection's way is one medops.itops.linux_inspect task per host (one SSH round trip, the
collector parsed on the controller). The naive way is what inspections usually look like: fact
gathering, then one command/shell task per check. Both run with pipelining and ControlPersist
(tools/lab/ansible.cfg). SSH round trips are counted exactly, by an ssh wrapper that logs each invocation.

    tools/bench/bench_linux.py [--hosts 50]

Uses the lab's cheap scale hosts (`tools/lab/lab up --servers N`: a namespace with sshd each).
"""

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)

COLLECTION_WAY = """\
- name: Inspect with medops.itops.linux_inspect (one round trip per host)
  hosts: scale_servers
  gather_facts: false
  tasks:
    - name: Inspect
      medops.itops.linux_inspect:
        critical_services: [ssh]
        logs: [{path: /var/log/dpkg.log}]
        updates: false
        sample_seconds: 1
"""

# The same checks, one task each: what a hand-written inspection playbook does.
NAIVE_CHECKS = [
    ('Filesystems', 'df -P -k'), ('Inodes', 'df -P -i'), ('Memory', 'cat /proc/meminfo'), ('Load', 'cat /proc/loadavg'),
    ('Uptime', 'cat /proc/uptime'), ('CPU sample', 'head -1 /proc/stat; sleep 1; head -1 /proc/stat'),
    ('Failed units', 'systemctl --failed --no-legend --plain || true'), ('Service ssh', 'pgrep -x sshd || true'),
    ('Zombies', 'ps -eo stat | grep -c ^Z || true'), ('Log errors', 'grep -ciE "ERROR|CRIT|FATAL" /var/log/dpkg.log || true'),
    ('Listening ports', 'ss -ltnH'), ('NIC errors', 'cat /proc/net/dev'), ('Time sync', 'timedatectl show || true'),
    ('Privileged accounts', "awk -F: '$3 == 0' /etc/passwd"), ('Mounts', 'cat /proc/mounts'),
    ('Last reboot', 'who -b || true'), ('Kernel', 'uname -a'),
]


def naive_way():
    lines = ['- name: Inspect the naive way (facts, then one task per check)', '  hosts: scale_servers', '  gather_facts: true',
             '  tasks:']
    for name, command in NAIVE_CHECKS:
        lines += ['    - name: %s' % name, '      ansible.builtin.shell: %s' % _yaml_str(command),
                  '      register: check_%s' % name.lower().replace(' ', '_'), '      changed_when: false']
    return '\n'.join(lines) + '\n'


def _yaml_str(text):
    return "'%s'" % text.replace("'", "''")


def run(playbook_text, inventory, workdir, name):
    playbook = os.path.join(workdir, '%s.yml' % name)
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write('---\n' + playbook_text)
    log = os.path.join(workdir, '%s.ssh.log' % name)
    wrapper = os.path.join(workdir, 'ssh-counting')
    with open(wrapper, 'w', encoding='utf-8') as handle:
        # Log the destination (the last argument before the remote command is the host).
        handle.write('#!/bin/sh\nfor a in "$@"; do case $a in 10.77.*) echo "$a" >> %s;; esac; done\nexec /usr/bin/ssh "$@"\n' % log)
    os.chmod(wrapper, 0o755)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'tools', 'lab', 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build'),
               ANSIBLE_SSH_EXECUTABLE=wrapper, ANSIBLE_CALLBACKS_ENABLED='ansible.builtin.profile_tasks', ANSIBLE_FORKS='25')
    started = time.monotonic()
    proc = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', inventory, playbook], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.monotonic() - started
    if proc.returncode != 0:
        print(proc.stdout[-3000:])
        raise SystemExit('%s failed (rc %d)' % (name, proc.returncode))
    per_host = collections.Counter(open(log, encoding='utf-8').read().split()) if os.path.exists(log) else collections.Counter()
    return elapsed, per_host


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--hosts', type=int, default=50)
    args = parser.parse_args()
    lab = os.path.join(ROOT, 'tools', 'lab', 'lab')
    subprocess.run([lab, 'up', '--servers', str(args.hosts)], check=True, stdout=subprocess.DEVNULL)
    workdir = tempfile.mkdtemp(prefix='itops-bench-linux-')
    inventory = os.path.join(workdir, 'inventory')
    os.makedirs(inventory)
    subprocess.run([lab, 'inventory', '--with-scale', '--output', os.path.join(inventory, 'hosts.yml')], check=True,
                   stdout=subprocess.DEVNULL)
    os.symlink(os.path.join(ROOT, 'inventories', 'lab', 'group_vars'), os.path.join(inventory, 'group_vars'))
    # Warm the SSH control masters equally for both ways? No: each way starts cold, as a scheduled job does.
    ours, ours_trips = run(COLLECTION_WAY, inventory, workdir, 'collection_way')
    subprocess.run(['pkill', '-f', r'ssh: .*\[mux\]'], check=False)
    naive, naive_trips = run(naive_way(), inventory, workdir, 'naive_way')
    hosts = args.hosts
    print('Linux inspection over %d lab hosts (pipelining + ControlPersist on both sides, forks 25)' % hosts)
    row = '  %-44s %8.1f s   %5.1f SSH round trips per host'
    print(row % ('medops.itops.linux_inspect (one collector)', ours, sum(ours_trips.values()) / float(hosts)))
    print(row % ('naive: facts + %d shell tasks' % len(NAIVE_CHECKS), naive, sum(naive_trips.values()) / float(hosts)))
    print('  speed-up: %.1fx (goal: at least 5x)' % (naive / ours))


if __name__ == '__main__':
    main()
