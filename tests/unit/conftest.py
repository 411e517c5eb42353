# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Markers for runs that do not read pytest.ini (ansible-test units brings its own configuration)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest


def pytest_configure(config):
    config.addinivalue_line('markers', 'lab: needs root and the running lab (tools/lab), or local database servers')
    config.addinivalue_line('markers', 'integration: runs real playbooks against the lab')


def pytest_collection_modifyitems(config, items):
    # Without a -m selection (ansible-test units, a bare pytest) tests that need the lab are skipped,
    # not failed: `make integration` selects and runs them.
    if config.getoption('markexpr', ''):
        return
    skip = pytest.mark.skip(reason='needs the lab: run by make integration')
    for item in items:
        if 'lab' in item.keywords or 'integration' in item.keywords:
            item.add_marker(skip)
