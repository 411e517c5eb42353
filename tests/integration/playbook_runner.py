# -*- coding: utf-8 -*-
"""Helpers of the integration tests: run a playbook from the checkout and read its JSON result.

A module of its own (not conftest.py): test files import it by a name no other test folder uses.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys
import tempfile


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)
# The lab's configuration (default inventory, vault password): the repository's ansible.cfg is strict.
LAB_CONFIG = os.path.join(ROOT, 'tools', 'lab', 'ansible.cfg')
LAB_CLI = os.path.join(ROOT, 'tools', 'lab', 'lab')


def planted_conditions(lab_file=None):
    """`tools/lab/lab planted`: the conditions planted in the lab file (default tools/lab/hospital.yml) and
    what the inspection must find. The command prints [] when the `planted:` key is lost: that is an
    error here, or every test looping over the list would pass without checking anything."""
    args = [LAB_CLI] + (['--config', lab_file] if lab_file else []) + ['planted']
    planted = json.loads(subprocess.run(args, stdout=subprocess.PIPE, check=True, text=True).stdout)
    where = lab_file or 'tools/lab/hospital.yml'
    if not planted:
        raise AssertionError('%s plants no condition (`lab planted` printed []): the quarterly tests would check nothing' % where)
    for plant in planted:
        if not (plant.get('host') and plant.get('expect', {}).get('id') and plant['expect'].get('status')):
            raise AssertionError('%s: a planted condition without host, expect.id and expect.status: %s' % (where, plant))
    return planted


def playbook_env(env=None):
    """The environment of an ansible-playbook run from the repository root: the JSON stdout callback, and
    a fresh temporary reports directory unless env names one (ITOPS_REPORTS_DIR), so tests never touch
    the user's reports/."""
    full_env = dict(os.environ, ANSIBLE_CONFIG=LAB_CONFIG, ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json',
                    ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build'), ITOPS_REPORTS_DIR=tempfile.mkdtemp(prefix='itops-reports-'),
                    ITOPS_PROGRESS='false')   # keep stdout pure JSON
    full_env.update(env or {})
    return full_env


def inventory_hosts(group, inventory=None):
    """The sorted hosts of an inventory group (its children included), as ansible-inventory sees the lab inventory."""
    proc = subprocess.run([os.path.join(BIN, 'ansible-inventory'), '--list', '-i', inventory or os.path.join(ROOT, 'inventories', 'lab')],
                          cwd=ROOT, env=playbook_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120, check=True)
    listing = json.loads(proc.stdout)
    hosts, todo = set(), [group]
    while todo:
        entry = listing.get(todo.pop()) or {}
        hosts.update(entry.get('hosts') or [])
        todo.extend(entry.get('children') or [])
    return sorted(hosts)


def run_playbook(playbook, *args, env=None, check=True):
    """ansible-playbook from the repository root with the JSON stdout callback; returns (rc, result)."""
    full_env = playbook_env(env)
    proc = subprocess.run([os.path.join(BIN, 'ansible-playbook'), playbook] + list(args), cwd=ROOT, env=full_env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=1200, check=False)
    if check and proc.returncode != 0:
        raise AssertionError('ansible-playbook %s failed (%s):\n%s\n%s' % (playbook, proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip().startswith('{') else {}


def task_results(result, task_name):
    """Every host result of the tasks with this name, flattened over loops."""
    found = []
    for play in result.get('plays', []):
        for task in play.get('tasks', []):
            # Role tasks are named '<role> : <task>' in the JSON callback's output.
            if task['task']['name'].split(' : ')[-1] != task_name:
                continue
            for host_result in task['hosts'].values():
                found.extend(host_result.get('results', [host_result]))
    return found
