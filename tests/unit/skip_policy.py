# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which skips are failures under CI (`.ci/run` exports CI=1); the hooks are in tests/conftest.py.

A skip hides breakage when its reason is the collection's own code (an import of
ansible_collections.medops.itops that fails, a plugin file that is gone), a recorded fixture that
is missing, or software `make deps` / the venv install for the tests (the PostgreSQL server of
bindep's test profile, psycopg). Under CI those skips fail the test. Skips for what a CI machine
may legitimately lack stay skips; they are few and name their reason (root, a free subnet, the
lab marker selection of a bare pytest run).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

# Reasons that mean "our code or our data is broken", or "the test set-up did not do its job".
FAILING_REASONS = re.compile('|'.join((
    r'ansible_collections[./]medops',       # importorskip of the collection's own modules
    r'medops\.itops\.',                     # a module or plugin of the collection named by FQCN
    r'\bplugins/',                          # a plugin file
    r'recorded fixture',                    # RECORDED_FIXTURE_MISSING below
    r'tests/unit/fixtures/',
    r'PostgreSQL server binaries',          # bindep.txt [test] installs postgresql
    r'psycopg',                             # requirements.txt pins psycopg
)))

RECORDED_FIXTURE_MISSING = 'recorded fixture missing: %s'


def under_ci(environ=None):
    """True when the CI rule applies (CI set to anything but '', 0 or false)."""
    value = (os.environ if environ is None else environ).get('CI', '')
    return value.strip().lower() not in ('', '0', 'false', 'no')


def skip_is_failure(reason):
    """True when a skip with this reason hides breakage of the project (fails under CI)."""
    return bool(FAILING_REASONS.search(reason or ''))


def skip_reason(report):
    """The reason of a skipped pytest report ('' if it has none)."""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        reason = longrepr[2]
    else:
        reason = str(longrepr or '')
    return reason[len('Skipped: '):] if reason.startswith('Skipped: ') else reason


def fail_hidden_breakage(report, environ=None):
    """Turn a skipped report into a failure when CI is set and its reason hides breakage; True if it did."""
    if not report.skipped or not under_ci(environ):
        return False
    if getattr(report, 'wasxfail', None) is not None:   # an xfail is not a skip to police
        return False
    reason = skip_reason(report)
    if not skip_is_failure(reason):
        return False
    report.outcome = 'failed'
    report.longrepr = 'CI=1: this skip hides breakage of the project, so it fails here: %s' % reason
    return True
