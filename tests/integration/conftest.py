# -*- coding: utf-8 -*-
"""Integration tests run real playbooks against the lab; the lab is started when it is down."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess

import pytest

from playbook_runner import ROOT


@pytest.fixture(scope='session')
def lab():
    """The running lab's planted expectations; starts the lab when it is down."""
    lab_cli = os.path.join(ROOT, 'tools', 'lab', 'lab')
    if subprocess.run([lab_cli, 'status'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode != 0:
        subprocess.run([lab_cli, 'up'], check=True)
    planted = subprocess.run([lab_cli, 'planted'], stdout=subprocess.PIPE, check=True, text=True).stdout
    return json.loads(planted)
