# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One suite over every profile under profiles/snmp (issue 11: no silent drops).

For each item of each profile, a device is synthesised from the profile's own declarations
(values that satisfy the item's conditions and sit inside its thresholds) and:
- serving every declared column, the item is built, not unknown, with the value served;
- missing the item's value column, or a filter column that is not `missing: ignore`, the item is
  one unknown naming that column;
- an optional table (or an optional item's table) that the device does not serve gives no item.
The synthetic device is written here from the profile, not recorded: it proves the engine's
handling of what a profile declares, not that a profile matches a real device (that is what the
written fixtures of each vendor are for).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import resolve
from ansible_collections.medops.itops.plugins.module_utils.snmp import items as builders
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader

LOADER = Loader()
# Kinds whose value is not one row's column judged alone; covered by their own tests.
SPECIAL = ('count', 'host_memory', 'metric')


def _cases():
    cases = []
    for name in LOADER.names():
        profile = LOADER.load(name)
        for spec in profile['items']:
            if spec['kind'] not in SPECIAL:
                cases.append(pytest.param(name, spec, id='%s:%s[%d]' % (name, spec['id'], spec['_index'])))
    return cases


CASES = _cases()


def _satisfying(cond):
    op, want = cond.get('op', 'eq'), cond.get('value')
    if op in ('eq', 'ge', 'le'):
        return want
    if op == 'in':
        return want[0]
    if op == 'gt':
        return want + 1
    if op == 'lt':
        return want - 1
    if op in ('ne', 'not_in'):
        return 6 if want != 6 and 6 not in (want if isinstance(want, list) else [want]) else 7
    if op == 'match':
        return str(want).strip('^$').replace('.*', '').replace('\\', '') or 'x'
    return 1                                  # present


def _good_number(spec):
    rule = resolve(spec['id']) or {}
    low, high = spec.get('range') or ([0, 100] if spec.get('unit') == '%' else [None, None])
    if rule.get('direction') == 'below':
        value = (rule.get('warning') or 0) + 10
    elif rule.get('warning') is not None:
        value = rule['warning'] / 2.0
    else:
        value = 10
    if high is not None:
        value = min(value, high)
    if low is not None:
        value = max(value, low)
    return int(value) if float(value).is_integer() else value


def _ok_enum(spec):
    for key, status in spec['map'].items():
        if status == 'ok':
            return key
    if spec.get('default_status') == 'ok':
        return max(int(k) for k in spec['map']) + 1       # a value the map does not name: the default
    return None


def _device(profile, spec):
    """(snapshot, expected value) of a device serving every column of spec's table (or its scalars)."""
    snap = {'time': time.time(), 'scalars': {'sysUpTime': 100000}, 'tables': {}, 'errors': {}}
    value = None
    if spec['kind'] == 'enum':
        value = _ok_enum(spec)
        if value is None:                     # an item that only reports faults: its first state
            value = next(k for k, status in spec['map'].items() if status != 'unknown')
    elif spec['kind'] in ('number',):
        value = _good_number(spec)
    if spec.get('scalar'):
        for name in profile['scalars']:
            snap['scalars'][name] = 1000
        raw = value
        if spec.get('percent_of'):
            raw = (100 - value if spec.get('complement') else value) * 10      # of 1000
        if spec.get('scale'):
            raw = value / float(spec['scale'])
        if spec.get('divide_by'):
            raw = value * spec['divide_by']
        snap['scalars'][spec['scalar']] = raw
        if spec.get('minus'):
            snap['scalars'][spec['minus']] = 0
        return snap, value
    row = dict((column, 1) for column in profile['tables'][spec['table']])
    for column in ('name', 'descr', 'alias'):
        if column in row:
            row[column] = b''
    for cond in spec.get('when', []):
        row[cond['column']] = _satisfying(cond)
    columns = spec['value'] if isinstance(spec['value'], list) else [spec['value']]
    if spec['kind'] in ('number', 'enum'):
        raw = value
        if spec.get('percent_of'):
            row[spec['percent_of']] = 1000
            raw = (100 - value if spec.get('complement') else value) * 10
        if spec.get('minus'):
            row[spec['minus']] = 0
        if spec.get('precision'):
            row[spec['precision']] = 0
        if spec.get('scale'):
            raw = value / float(spec['scale'])
        if spec.get('offset'):
            raw = raw - spec['offset'] / float(spec.get('scale') or 1)
        if spec.get('divide_by'):
            raw = value * spec['divide_by']
        for key in ('threshold_warning', 'threshold_critical'):
            if spec.get(key):
                row[spec[key]] = 0              # "not set": the collection default applies
        row[columns[0]] = raw
    if spec['kind'] == 'if_oper':
        row[spec['admin']], row[spec['value']] = 1, 1
        value = 'up'
    if spec['kind'] in ('rate', 'if_util'):
        for column in columns:
            row[column] = 1000
        for key in ('speed_mbps', 'speed_bps'):
            if spec.get(key):
                row[spec[key]] = 1000 if key == 'speed_mbps' else 10 ** 9
        value = 0
    snap['tables'][spec['table']] = {'1': row}
    return snap, value


def _build(profile, spec, snap):
    one = dict(profile, items=[spec])
    previous = copy.deepcopy(snap)
    previous['time'] -= 10
    built, _metrics = builders.build(one, snap, builders.Context(previous=previous))
    return [i for i in built if i['id'] == spec['id']]


@pytest.mark.parametrize('name, spec', CASES)
def test_a_device_serving_every_column_gives_the_value_served(name, spec):
    profile = LOADER.load(name)
    snap, value = _device(profile, spec)
    built = _build(profile, spec, snap)
    assert built, 'no item from a device serving every column'
    assert all(i['status'] != 'unknown' for i in built), built
    if spec['kind'] == 'number':
        assert [i['value'] for i in built] == [pytest.approx(value)], built
        assert [i['status'] for i in built] == ['ok'], built
    if spec['kind'] == 'enum':
        assert [i['status'] for i in built] == [spec['map'].get(value, spec.get('default_status', 'unknown'))], built


@pytest.mark.parametrize('name, spec', [c for c in CASES if not c.values[1].get('scalar')])
def test_a_device_missing_a_column_gives_unknown_naming_it(name, spec):
    profile = LOADER.load(name)
    columns = spec['value'] if isinstance(spec['value'], list) else [spec['value']]
    filters = [c['column'] for c in spec.get('when', []) if c.get('missing', 'unknown') != 'ignore'
               and c.get('op') != 'present' and c['column'] != 'index']
    for column in columns[:1] + filters:
        snap, _value = _device(profile, spec)
        del snap['tables'][spec['table']]['1'][column]
        built = _build(profile, spec, snap)
        assert len(built) == 1 and built[0]['status'] == 'unknown', (column, built)
        assert column in built[0]['detail'] and profile['tables'][spec['table']][column] in built[0]['detail'], built


def _ignorable(spec):
    return [c['column'] for c in spec.get('when', []) if c.get('missing') == 'ignore']


@pytest.mark.parametrize('name, spec', [c for c in CASES if _ignorable(c.values[1])])
def test_an_ignorable_filter_column_that_is_absent_does_not_drop_the_row(name, spec):
    profile = LOADER.load(name)
    ignorable = _ignorable(spec)
    snap, _value = _device(profile, spec)
    for column in ignorable:
        del snap['tables'][spec['table']]['1'][column]
    built = _build(profile, spec, snap)
    assert built and all(i['status'] != 'unknown' for i in built), built


@pytest.mark.parametrize('name, spec', CASES)
def test_an_absent_table_is_silent_only_when_optional(name, spec):
    profile = LOADER.load(name)
    snap, _value = _device(profile, spec)
    if spec.get('scalar'):
        del snap['scalars'][spec['scalar']]
    else:
        del snap['tables'][spec['table']]
    built = _build(profile, spec, snap)
    if spec.get('optional') or spec.get('table') in profile['optional_tables']:
        assert built == []
    else:
        assert len(built) == 1 and built[0]['status'] == 'unknown', built


def test_the_suite_covers_every_profile():
    covered = set(case.values[0] for case in CASES)
    assert covered == set(name for name in LOADER.names() if any(i['kind'] not in SPECIAL for i in LOADER.load(name)['items']))
    assert len(covered) >= 12
