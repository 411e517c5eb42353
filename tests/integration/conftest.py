# -*- coding: utf-8 -*-
"""Integration tests run real playbooks against the lab; the lab is started when it is down."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import subprocess
import tempfile

import pytest

from playbook_runner import BIN, ROOT, planted_conditions, playbook_env, run_playbook


@pytest.fixture(scope='session')
def lab():
    """The running lab's planted expectations; starts the lab when it is down."""
    lab_cli = os.path.join(ROOT, 'tools', 'lab', 'lab')
    if subprocess.run([lab_cli, 'status'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode != 0:
        subprocess.run([lab_cli, 'up'], check=True)
    return planted_conditions()


@pytest.fixture(scope='session')
def quarterly_run(lab):
    """The run record of ONE clean quarterly inspection of the whole lab, shared by every test that
    reads a clean run (the device plays' assertions, the chaos test's baseline)."""
    reports = tempfile.mkdtemp(prefix='itops-quarterly-')
    # sar history, as a hospital's servers keep it: a lab started minutes ago (CI) has not reached
    # sysstat's first 10-minute sample yet, so sadc takes one now on every server (the real tool).
    sampled = subprocess.run([os.path.join(BIN, 'ansible'), 'linux_servers', '-m', 'raw', '-a', '/usr/lib/sysstat/sa1 1 2'],
                             cwd=ROOT, env=playbook_env(), capture_output=True, text=True, timeout=300, check=False)
    assert sampled.returncode == 0, sampled.stdout[-2000:] + sampled.stderr[-2000:]
    run_playbook('playbooks/quarterly_inspection.yml', env={'ITOPS_REPORTS_DIR': reports, 'ITOPS_HISTORY': 'off'})
    found = glob.glob(os.path.join(reports, '*', 'run.json'))
    assert len(found) == 1, found
    with open(found[0], encoding='utf-8') as handle:
        return json.load(handle)
