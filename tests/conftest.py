# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Under CI (`.ci/run` exports CI=1) a skip that hides breakage of the project is a failure.

The rule is tests/unit/skip_policy.py; these two hooks apply it to every test and every test module
(a module-level importorskip is a collection skip) under tests/.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.tests.unit.skip_policy import fail_hidden_breakage


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    fail_hidden_breakage(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    fail_hidden_breakage(outcome.get_result())
