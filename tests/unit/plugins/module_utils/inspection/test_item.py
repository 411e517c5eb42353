# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inspection item contract: the helpers every collector builds items with."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import item


def test_make_item_has_the_contract_keys_only_when_given():
    built = item.make_item('linux.fs.used_pct', subject='/var', value=91.2, unit='%', status='critical',
                           threshold={'warning': 80, 'critical': 90}, detail='seen', advice='clean up')
    assert built == {'id': 'linux.fs.used_pct', 'subject': '/var', 'value': 91.2, 'unit': '%', 'status': 'critical',
                     'threshold': {'warning': 80, 'critical': 90}, 'detail': 'seen', 'advice': 'clean up'}
    assert item.make_item('a.b') == {'id': 'a.b', 'subject': None, 'value': None, 'unit': None, 'status': 'unknown'}
    assert item.make_item('a.b', status='critical', fault=True)['fault'] is True


def test_a_bad_status_is_refused_with_the_item_id():
    with pytest.raises(ValueError, match='linux.x'):
        item.make_item('linux.x', status='bad')


def test_unknown_item_gives_a_reason():
    assert item.unknown_item('linux.smart', '/dev/sda', 'smartctl missing') == {
        'id': 'linux.smart', 'subject': '/dev/sda', 'value': None, 'unit': None, 'status': 'unknown', 'detail': 'smartctl missing'}


def test_make_inspection_and_now_iso():
    inspection = item.make_inspection('h1', 'linux_server', iter([item.make_item('a.b', status='ok')]), facts={'os': 'x'})
    assert inspection['target'] == 'h1' and inspection['items'][0]['id'] == 'a.b' and inspection['metrics'] == {}
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$', inspection['collected_at'])


@pytest.mark.parametrize('statuses,worst', [([], 'ok'), (['ok', 'unknown'], 'unknown'), (['warning', 'unknown'], 'warning'),
                                            (['ok', 'critical', 'warning'], 'critical')])
def test_worst_status(statuses, worst):
    assert item.worst_status([{'status': s} for s in statuses]) == worst
