# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shape of an SNMP device profile, checked when it is loaded (docs/snmp.md, "Profile format").

A small JSON-schema-like checker: every error names the key path (`items[3].map`), and the
loader prefixes the file, so a broken profile reads "profiles/snmp/x.yml: items[3].kind: ...".
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

KINDS = ('number', 'enum', 'rate', 'if_oper', 'if_util', 'count', 'metric', 'host_memory')
STATUSES = ('ok', 'warning', 'critical', 'unknown')
OPS = ('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'not_in', 'present', 'match')
# What a `when` condition does when the device serves none of its column (docs/snmp.md):
# unknown (default) makes the item unknown naming the column, ignore drops the condition.
MISSING = ('unknown', 'ignore')
OID_RE = re.compile(r'^\.?[0-2](\.\d+)+$')
NAME_RE = re.compile(r'^[a-z][a-z0-9_]*$')
ITEM_ID_RE = re.compile(r'^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$')


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


def _s(kind, **extra):
    spec = {'type': kind}
    spec.update(extra)
    return spec


OID = _s('oid')
NAME = _s('name')
NUMBER = _s('number')
CONDITION = _s('dict', required=('column',), keys={
    'column': NAME, 'op': _s('choice', choices=OPS), 'value': _s('any'), 'missing': _s('choice', choices=MISSING)})
CONDITIONS = _s('list', items=CONDITION)
STATUS_MAP = _s('map', keys=_s('scalar'), values=_s('choice', choices=STATUSES))
LABEL_MAP = _s('map', keys=_s('scalar'), values=_s('str'))

ITEM = _s('dict', required=('id', 'kind'), keys={
    'id': _s('item_id'),
    'kind': _s('choice', choices=KINDS),
    'table': NAME,
    'scalar': NAME,
    'value': _s('name_or_names'),
    'subject': _s('str'),
    'when': CONDITIONS,
    'scale': NUMBER,
    'divide_by': NUMBER,
    'offset': NUMBER,
    'percent_of': NAME,
    'minus': NAME,
    'precision': NAME,
    'complement': _s('bool'),
    'unit': _s('str'),
    'range': _s('list', items=NUMBER, length=2),
    'ignore_values': _s('list', items=_s('scalar')),
    'metric': _s('str'),
    'map': STATUS_MAP,
    'labels': LABEL_MAP,
    'default_status': _s('choice', choices=STATUSES),
    'fault': _s('bool'),
    'counter_bits': _s('choice', choices=(32, 64)),
    'per_seconds': NUMBER,
    'speed_bps': NAME,
    'speed_mbps': NAME,
    'admin': NAME,
    'alias': NAME,
    'if_type': NAME,
    'threshold_warning': NAME,
    'threshold_critical': NAME,
    'optional': _s('bool'),
    'note': _s('str'),
})

FACT = _s('dict', keys={'table': NAME, 'scalar': NAME, 'column': NAME, 'when': CONDITIONS}, required=())

PROFILE = _s('dict', required=('name', 'device_class'), keys={
    'name': NAME,
    'description': _s('str'),
    'device_class': _s('str'),
    'match': _s('list', items=_s('dict', keys={'sys_object_id': OID, 'sys_descr': _s('regex')}, required=('sys_object_id',))),
    'include': _s('list', items=NAME),
    'exclude': _s('list', items=_s('item_id')),
    'scalars': _s('map', keys=NAME, values=OID),
    'tables': _s('map', keys=NAME, values=_s('dict', keys={'columns': _s('map', keys=NAME, values=OID), 'optional': _s('bool')},
                                             required=('columns',))),
    # The profile applies only if these OIDs answer (a GET, or a walk of one column); else detection goes on by capability.
    'requires': _s('list', items=OID),
    # Detection by capability: when no sysObjectID rule applies, profiles whose `oid` answers are tried, highest priority first.
    'capability': _s('dict', keys={'oid': OID, 'priority': NUMBER}, required=('oid',)),
    'facts': _s('map', keys=NAME, values=FACT),
    'items': _s('list', items=ITEM),
    'sources': _s('list', items=_s('str')),
})


def _path(path, key):
    if isinstance(key, int):
        return '%s[%d]' % (path, key)
    return '%s.%s' % (path, key) if path else str(key)


def check(value, spec, path=''):
    """Raise ProfileError('<path>: <problem>') for the first key that does not fit `spec`."""
    kind = spec['type']
    where = path or '(top level)'
    if kind == 'any':
        return
    if kind == 'dict':
        if not isinstance(value, dict):
            raise ProfileError('%s: must be a mapping, got %s' % (where, type(value).__name__))
        for key in value:
            if key not in spec['keys']:
                raise ProfileError('%s: unknown key (allowed: %s)' % (_path(path, key), ', '.join(sorted(spec['keys']))))
        for key in spec.get('required', ()):
            if key not in value:
                raise ProfileError('%s: missing required key %r' % (where, key))
        for key, sub in value.items():
            check(sub, spec['keys'][key], _path(path, key))
        return
    if kind == 'map':
        if not isinstance(value, dict):
            raise ProfileError('%s: must be a mapping, got %s' % (where, type(value).__name__))
        for key, sub in value.items():
            where_key = '%s.%s' % (path, key) if path else str(key)
            check(key, spec['keys'], where_key)
            check(sub, spec['values'], where_key)
        return
    if kind == 'list':
        if not isinstance(value, list):
            raise ProfileError('%s: must be a list, got %s' % (where, type(value).__name__))
        if spec.get('length') is not None and len(value) != spec['length']:
            raise ProfileError('%s: must have %d elements' % (where, spec['length']))
        for index, sub in enumerate(value):
            check(sub, spec['items'], _path(path, index))
        return
    _check_scalar(value, spec, where)


def _check_scalar(value, spec, where):
    kind = spec['type']
    if kind == 'choice':
        if value not in spec['choices']:
            raise ProfileError('%s: %r is not one of %s' % (where, value, ', '.join(str(c) for c in spec['choices'])))
    elif kind == 'oid':
        if not isinstance(value, str) or not OID_RE.match(value):
            raise ProfileError('%s: %r is not a numeric OID (like 1.3.6.1.2.1.1.1.0)' % (where, value))
    elif kind == 'name':
        if not isinstance(value, str) or not NAME_RE.match(value):
            raise ProfileError('%s: %r is not a name (lower case letters, digits, _)' % (where, value))
    elif kind == 'item_id':
        if not isinstance(value, str) or not ITEM_ID_RE.match(value):
            raise ProfileError('%s: %r is not an item id (like snmp.cpu.util_pct)' % (where, value))
    elif kind == 'name_or_names':
        names = value if isinstance(value, list) else [value]
        for name in names:
            _check_scalar(name, NAME, where)
    elif kind == 'number':
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ProfileError('%s: must be a number, got %r' % (where, value))
    elif kind == 'bool':
        if not isinstance(value, bool):
            raise ProfileError('%s: must be true or false, got %r' % (where, value))
    elif kind == 'str':
        if not isinstance(value, str):
            raise ProfileError('%s: must be a string, got %r' % (where, value))
    elif kind == 'scalar':
        if isinstance(value, (dict, list)) or value is None:
            raise ProfileError('%s: must be a number or a string, got %r' % (where, value))
    elif kind == 'regex':
        try:
            re.compile(value)
        except (re.error, TypeError) as exc:
            raise ProfileError('%s: %r is not a regular expression: %s' % (where, value, exc))
