# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""User-defined checks as data: the definition format and its validation.

Each check (a list in `itops_custom_checks` of a host) becomes one item per subject, with the id
`custom.<name>`. Common keys:

    name: interface.backlog        # [a-z0-9_] words joined by dots; the item id is custom.<name>
    kind: sql | http | log | command
    description: ...               # optional, shown in the item detail
    unit: min                      # optional
    subject: ...                   # optional (default: the name); sql rows give their own
    thresholds: {warning: 20, critical: 50, direction: above}   # optional, else DEFAULTS[id];
                                   # itops_thresholds overrides both, by id or id@subject
    expect: UP                     # instead of thresholds: the value must equal this (strings)
    fault: false                   # true: a critical status is an outage (graded P1-P3)
    timeout: 10

Per kind:
    sql:     query (one number, or rows of (subject, value)); connection (a name in
             itops_custom_connections) or the host's itops_db_* variables; engine postgresql|mysql
    http:    url, jmespath (over the JSON body; default: the HTTP status), validate_certs, ca_path,
             user, password
    log:     path, pattern (grep -E), lines (the last N lines, default 10000) -> matching lines
    command: command (run on the host by /bin/sh) -> the first number on stdout
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

KINDS = ('sql', 'http', 'log', 'command')
ENGINES = ('postgresql', 'mysql')
COMMON = ('name', 'kind', 'description', 'unit', 'subject', 'thresholds', 'expect', 'fault', 'timeout')
PER_KIND = {
    'sql': ('query', 'connection', 'engine', 'database'),
    'http': ('url', 'jmespath', 'validate_certs', 'ca_path', 'user', 'password'),
    'log': ('path', 'pattern', 'lines'),
    'command': ('command',),
}
REQUIRED = {'sql': ('query',), 'http': ('url',), 'log': ('path', 'pattern'), 'command': ('command',)}
CONNECTION_KEYS = ('engine', 'host', 'port', 'user', 'password', 'database')
NAME_RE = re.compile(r'^[a-z0-9_]+(\.[a-z0-9_]+)*$')


class CheckError(ValueError):
    """A definition that cannot be used; the message names the check and the key."""


def _label(check, index):
    if isinstance(check, dict) and check.get('name'):
        return 'custom check %r' % check['name']
    return 'custom check #%d' % (index + 1)


def _number(label, key, value, minimum=None):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise CheckError('%s: %s must be a number, got %r' % (label, key, value))
    if minimum is not None and value < minimum:
        raise CheckError('%s: %s must be at least %s, got %r' % (label, key, minimum, value))
    return value


def _thresholds(label, value):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CheckError('%s: thresholds must be a mapping with warning/critical/direction, got %r' % (label, value))
    unknown = sorted(set(value) - set(('warning', 'critical', 'direction')))
    if unknown:
        raise CheckError('%s: thresholds: unknown key %s' % (label, ', '.join(unknown)))
    out = {}
    for level in ('warning', 'critical'):
        if value.get(level) is not None:
            out[level] = _number(label, 'thresholds.' + level, value[level])
    direction = value.get('direction', 'above')
    if direction not in ('above', 'below'):
        raise CheckError('%s: thresholds.direction must be above or below, got %r' % (label, direction))
    out['direction'] = direction
    return out


def normalize(check, index=0, connections=None):
    """One definition -> a checked copy with defaults; raises CheckError."""
    label = _label(check, index)
    if not isinstance(check, dict):
        raise CheckError('%s: must be a mapping, got %r' % (label, check))
    name = check.get('name')
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise CheckError('%s: name must be dot-separated words of a-z, 0-9 and _ (e.g. interface.backlog), got %r' % (label, name))
    kind = check.get('kind')
    if kind not in KINDS:
        raise CheckError('%s: kind must be one of %s, got %r' % (label, ', '.join(KINDS), kind))
    unknown = sorted(set(check) - set(COMMON) - set(PER_KIND[kind]))
    if unknown:
        raise CheckError('%s: unknown key %s for kind %s (known: %s)'
                         % (label, ', '.join(unknown), kind, ', '.join(COMMON + PER_KIND[kind])))
    for key in REQUIRED[kind]:
        if check.get(key) in (None, ''):
            raise CheckError('%s: %s is required for kind %s' % (label, key, kind))
    out = dict(check)
    out['id'] = 'custom.' + name
    out['timeout'] = _number(label, 'timeout', check.get('timeout', 10), minimum=1)
    out['thresholds'] = _thresholds(label, check.get('thresholds'))
    if out['thresholds'] is not None and check.get('expect') is not None:
        raise CheckError('%s: give thresholds or expect, not both' % label)
    out['fault'] = bool(check.get('fault', False))
    if kind == 'sql':
        _sql(label, out, connections or {})
    elif kind == 'http':
        if not re.match(r'^https?://[^/\s]+', str(check['url'])):
            raise CheckError('%s: url must start with http:// or https://, got %r' % (label, check['url']))
        out['validate_certs'] = check.get('validate_certs', True) not in (False, 'false', 'no', 0)
    elif kind == 'log':
        out['lines'] = int(_number(label, 'lines', check.get('lines', 10000), minimum=1))
        if not str(check['path']).startswith('/'):
            raise CheckError('%s: path must be absolute, got %r' % (label, check['path']))
        try:
            re.compile(str(check['pattern']))
        except re.error as exc:
            raise CheckError('%s: pattern is not a valid regular expression: %s' % (label, exc))
    return out


def _sql(label, out, connections):
    name = out.get('connection')
    if name is not None:
        if name not in connections:
            raise CheckError('%s: connection %r is not defined in itops_custom_connections (defined: %s)'
                             % (label, name, ', '.join(sorted(connections)) or 'none'))
        conn = connections[name]
        if not isinstance(conn, dict):
            raise CheckError('%s: itops_custom_connections[%r] must be a mapping' % (label, name))
        unknown = sorted(set(conn) - set(CONNECTION_KEYS))
        if unknown:
            raise CheckError('%s: itops_custom_connections[%r]: unknown key %s' % (label, name, ', '.join(unknown)))
        if not conn.get('host'):
            raise CheckError('%s: itops_custom_connections[%r]: host is required' % (label, name))
    engine = out.get('engine') or (connections.get(name) or {}).get('engine') or 'postgresql'
    if engine not in ENGINES:
        raise CheckError('%s: engine must be one of %s, got %r' % (label, ', '.join(ENGINES), engine))
    out['engine'] = engine


def normalize_all(checks, connections=None):
    """Validate a list of definitions; names must be unique. Raises CheckError for the first bad one."""
    if checks is None:
        return []
    if not isinstance(checks, list):
        raise CheckError('itops_custom_checks must be a list of check definitions, got %s' % type(checks).__name__)
    if connections is not None and not isinstance(connections, dict):
        raise CheckError('itops_custom_connections must be a mapping of name -> connection')
    out, seen = [], set()
    for index, check in enumerate(checks):
        item = normalize(check, index, connections)
        if item['name'] in seen:
            raise CheckError('%s: name used twice' % _label(check, index))
        seen.add(item['name'])
        out.append(item)
    return out
