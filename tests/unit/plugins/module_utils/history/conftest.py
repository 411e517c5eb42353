# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run records for the history tests."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings, summarize
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item


def inspection(target, impact='department', used=50.0, status='ok', host_status='ok', collected_at='2026-11-25T08:00:00+08:00'):
    items = [make_item('linux.fs.used_pct', subject='/data', value=used, unit='%', status=status, threshold={'warning': 80, 'critical': 90}),
             make_item('linux.cpu.util_pct', value=12.5, unit='%', status='ok')]
    record = make_inspection(target, 'linux_server', items, facts={'os': 'CentOS 7.9'},
                             metrics={'fs./data.used_pct': used, 'cpu.util_pct': 12.5, 'note': None}, collected_at=collected_at)
    record.update(impact=impact, system='HIS', host_status=host_status)
    return record


def make_run(run_id, inspections, job='quarterly_inspection', slice_=None, started='2026-11-25T08:00:00+08:00'):
    findings = build_findings(inspections)
    return {
        'schema_version': 1, 'run_id': run_id, 'job': job, 'period': 'quarterly', 'slice': slice_,
        'started_at': started, 'finished_at': started.replace('08:00:00', '08:03:00'),
        'meta': {'hospital': 'H', 'vendor': 'V', 'inspector': 'I', 'reviewer': 'R', 'language': 'zh_CN'},
        'inspections': copy.deepcopy(inspections), 'findings': findings, 'summary': summarize(inspections, findings), 'changes': None,
    }


@pytest.fixture
def runs():
    return {'inspection': inspection, 'make_run': make_run}
