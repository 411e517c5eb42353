# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Threshold lookup (defaults, itops_thresholds by id and id@subject) and evaluation."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import thresholds
from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS


def test_defaults_are_numbers_with_a_source():
    for item_id, rule in DEFAULTS.items():
        assert rule.get('source'), item_id
        assert thresholds.resolve(item_id) is not None


def test_precedence_subject_over_id_over_default():
    overrides = {'linux.fs.used_pct': {'warning': 85}, 'linux.fs.used_pct@/oradata': {'critical': 97}}
    assert thresholds.resolve('linux.fs.used_pct', '/var', overrides) == {'warning': 85, 'critical': 90, 'direction': 'above'}
    assert thresholds.resolve('linux.fs.used_pct', '/oradata', overrides) == {'warning': 85, 'critical': 97, 'direction': 'above'}
    assert thresholds.resolve('no.such.item') is None


@pytest.mark.parametrize('value,status', [(79.9, 'ok'), (80, 'warning'), (90, 'critical'), (None, 'ok')])
def test_status_above(value, status):
    assert thresholds.status_for(value, {'warning': 80, 'critical': 90, 'direction': 'above'}) == status


@pytest.mark.parametrize('value,status', [(31, 'ok'), (30, 'warning'), (7, 'critical')])
def test_status_below(value, status):
    assert thresholds.status_for(value, {'warning': 30, 'critical': 7, 'direction': 'below'}) == status


@pytest.mark.parametrize('overrides,message', [
    ({'linux.fs.used_pct': 90}, 'must be a mapping'),
    ({'linux.fs.used_pct': {'critical': 'high'}}, 'critical must be a number'),
    ({'linux.fs.used_pct': {'direction': 'up'}}, 'direction must be above or below'),
])
def test_bad_overrides_name_the_key(overrides, message):
    with pytest.raises(thresholds.ThresholdError, match=message):
        thresholds.resolve('linux.fs.used_pct', '/var', overrides)


def test_evaluate_builds_an_item_with_its_threshold():
    built = thresholds.evaluate('linux.fs.used_pct', 93.1, subject='/data', unit='%')
    assert (built['status'], built['threshold']) == ('critical', {'warning': 80, 'critical': 90})
    below = thresholds.evaluate('x.days_left', 5, overrides={'x.days_left': {'warning': 30, 'critical': 7, 'direction': 'below'}})
    assert (below['status'], below['threshold']['direction']) == ('critical', 'below')
