# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Under CI=1 a skip of the collection's own code or of a recorded fixture fails (tests/conftest.py,
skip_policy.py); environment skips stay skips. The last test deletes a recorded fixture from a
temporary copy of the tests and runs the real recorded-output test file on it, with and without CI."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import subprocess
import sys

import pytest

from ansible_collections.medops.itops.tests.unit.skip_policy import RECORDED_FIXTURE_MISSING, skip_is_failure, under_ci

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


@pytest.mark.parametrize('reason', [
    "could not import 'ansible_collections.medops.itops.plugins.module_utils.report.render': No module named 'x'",
    'medops.itops.linux_inspect is not in the collection yet',
    RECORDED_FIXTURE_MISSING % '/x/tests/unit/fixtures/linux/recorded/lab-his-app-01.txt',
    'PostgreSQL server binaries not found in /usr/lib/postgresql/15/bin',
    'psycopg not available',
])
def test_skips_that_hide_breakage_fail_under_ci(reason):
    assert skip_is_failure(reason)


@pytest.mark.parametrize('reason', [
    'needs the lab: run by make integration', 'needs root and iproute2', 'mounting a tmpfs needs root',
    'dash not installed', "could not import 'openpyxl': No module named 'openpyxl'", '10.78.0.0/24 is already used on this machine',
])
def test_environment_skips_stay_skips(reason):
    assert not skip_is_failure(reason)


def test_ci_variable():
    assert under_ci({'CI': '1'}) and under_ci({'CI': 'true'})
    assert not under_ci({}) and not under_ci({'CI': ''}) and not under_ci({'CI': '0'}) and not under_ci({'CI': 'false'})


def _copy_without(tmp_path, fixture):
    """The collection with tests/ copied (plugins/ linked) and one recorded Linux fixture deleted."""
    coll = tmp_path / 'ansible_collections' / 'medops' / 'itops'
    coll.mkdir(parents=True)
    os.symlink(os.path.join(ROOT, 'plugins'), str(coll / 'plugins'))
    shutil.copy(os.path.join(ROOT, 'pytest.ini'), str(coll / 'pytest.ini'))
    (coll / 'tests' / 'unit' / 'plugins' / 'module_utils').mkdir(parents=True)
    for name in ('conftest.py', 'unit/conftest.py', 'unit/skip_policy.py'):
        shutil.copy(os.path.join(ROOT, 'tests', name), str(coll / 'tests' / name))
    linux_tests = os.path.join('tests', 'unit', 'plugins', 'module_utils', 'linux')
    shutil.copytree(os.path.join(ROOT, linux_tests), str(coll / linux_tests))
    shutil.copytree(os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'linux'), str(coll / 'tests' / 'unit' / 'fixtures' / 'linux'))
    os.remove(str(coll / 'tests' / 'unit' / 'fixtures' / 'linux' / 'recorded' / fixture))
    return coll


def _pytest(coll, ci):
    # Not CI, and none of the PYTEST_* settings of an outer runner (ansible-test units loads its own plugins by them).
    env = dict((k, v) for k, v in os.environ.items() if k != 'CI' and not k.startswith('PYTEST_'))
    env.update(PYTHONPATH=str(coll.parent.parent.parent), **({'CI': '1'} if ci else {}))
    proc = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rfEs', '-m', 'not lab and not integration',
                           'tests/unit/plugins/module_utils/linux/test_linux_recorded.py'],
                          cwd=str(coll), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120, check=False)
    return proc.returncode, proc.stdout


def test_deleting_a_recorded_fixture_fails_the_suite_under_ci(tmp_path):
    coll = _copy_without(tmp_path, 'lab-his-app-01.txt')
    rc, out = _pytest(coll, ci=False)
    assert rc == 0 and '2 skipped' in out, out[-3000:]          # a developer's machine: a skip, named
    rc, out = _pytest(coll, ci=True)
    assert rc == 1 and '2 failed' in out, out[-3000:]
    assert 'CI=1: this skip hides breakage' in out and 'recorded fixture missing' in out and 'lab-his-app-01.txt' in out
