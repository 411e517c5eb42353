# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""medops.itops.linux_inspect on this machine (ansible_connection=local): the playbook's asserts check
the items, the collector and the validation error (tests/integration/targets/linux_inspect/localhost.yml).
The lab's Linux servers are covered by test_quarterly_inspection.py from the lab's planted list."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from playbook_runner import run_playbook, task_results

pytestmark = pytest.mark.integration

PLAYBOOK = 'tests/integration/targets/linux_inspect/localhost.yml'


def test_linux_inspect_on_this_machine():
    rc, result = run_playbook(PLAYBOOK, '-i', 'localhost,', '-c', 'local', check=False)
    checks = task_results(result, 'Check the inspection') + task_results(result, 'Check the validation failure')
    assert rc == 0 and len(checks) == 2, [c.get('msg') for c in checks]
    assert all(not c.get('failed') for c in checks)
