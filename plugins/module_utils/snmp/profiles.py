# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device profiles as data: YAML files that say which OIDs to read and which items they make.

Profiles live in the collection's `profiles/snmp/` directory and in any directory the user adds
(`profile_dirs`, searched first, so a user's file of the same name wins). A profile may include
others (`include: [if_mib, entity_mib]`): their scalars, tables and facts are merged (the
including profile wins on a name clash) and their items come first. Every file is checked
against schema.PROFILE when it is loaded, then every reference (an item's table and columns, a
fact's column, a subject's placeholders) is checked against the merged profile; errors name the
file and the key.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re
import string

from ansible_collections.medops.itops.plugins.module_utils.snmp.schema import PROFILE, ProfileError, check

try:
    import yaml
    HAS_YAML = True
except ImportError:
    yaml = None
    HAS_YAML = False

# plugins/module_utils/snmp/profiles.py -> the collection root is three directories up.
COLLECTION_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))
BUILTIN_DIR = os.path.join(COLLECTION_ROOT, 'profiles', 'snmp')
SYSTEM_COLUMNS = ('index',)


def search_dirs(extra_dirs=None):
    return [os.path.abspath(os.path.expanduser(d)) for d in (extra_dirs or [])] + [BUILTIN_DIR]


def find_file(name, dirs):
    for directory in dirs:
        for ext in ('.yml', '.yaml'):
            path = os.path.join(directory, name + ext)
            if os.path.isfile(path):
                return path
    raise ProfileError('profile %r not found in %s' % (name, ', '.join(dirs)))


def read_file(path):
    """The checked raw content of one profile file."""
    if not HAS_YAML:
        raise ProfileError('the Python library PyYAML is needed to read SNMP profiles')
    try:
        with open(path, 'rb') as handle:
            data = yaml.safe_load(handle)
    except (OSError, IOError) as exc:
        raise ProfileError('%s: cannot read: %s' % (path, exc))
    except yaml.YAMLError as exc:
        raise ProfileError('%s: not valid YAML: %s' % (path, ' '.join(str(exc).split())))
    try:
        check(data, PROFILE)
        stem = os.path.splitext(os.path.basename(path))[0]
        if data['name'] != stem:
            raise ProfileError('name: %r must equal the file name %r' % (data['name'], stem))
    except ProfileError as exc:
        raise ProfileError('%s: %s' % (path, exc))
    return data


class Loader(object):
    """Loads and merges profiles by name from a list of directories, caching each file."""

    def __init__(self, extra_dirs=None):
        self.dirs = search_dirs(extra_dirs)
        self._raw = {}
        self._merged = {}

    def raw(self, name):
        if name not in self._raw:
            path = find_file(name, self.dirs)
            self._raw[name] = (path, read_file(path))
        return self._raw[name]

    def load(self, name):
        """The merged, cross-checked profile `name`."""
        if name not in self._merged:
            self._merged[name] = self._merge(name, ())
            path = self.raw(name)[0]
            try:
                _check_references(self._merged[name])
            except ProfileError as exc:
                raise ProfileError('%s: %s' % (path, exc))
        return self._merged[name]

    def _merge(self, name, chain):
        if name in chain:
            raise ProfileError('%s: include: %s includes itself (%s)' % (self.raw(name)[0], name, ' -> '.join(chain + (name,))))
        path, data = self.raw(name)
        merged = {'name': name, 'device_class': data['device_class'], 'match': data.get('match', []), 'files': [],
                  'scalars': {}, 'tables': {}, 'optional_tables': set(), 'facts': {}, 'items': [],
                  'description': data.get('description', ''), 'requires': data.get('requires', []),
                  'capability': data.get('capability')}
        for index, included in enumerate(data.get('include', [])):
            try:
                part = self._merge(included, chain + (name,))
            except ProfileError as exc:
                if str(exc).startswith('profile %r not found' % included):
                    raise ProfileError('%s: include[%d]: %s' % (path, index, exc))
                raise
            merged['files'] += [f for f in part['files'] if f not in merged['files']]
            merged['scalars'].update(part['scalars'])
            for table, spec in part['tables'].items():
                merged['tables'].setdefault(table, {}).update(spec)
            merged['optional_tables'] |= part['optional_tables']
            merged['facts'].update(part['facts'])
            merged['items'] += part['items']
        merged['files'].append(path)
        merged['scalars'].update(data.get('scalars', {}))
        for table, spec in data.get('tables', {}).items():
            merged['tables'].setdefault(table, {}).update(spec['columns'])
            if spec.get('optional'):
                merged['optional_tables'].add(table)
        merged['facts'].update(data.get('facts', {}))
        excluded = set(data.get('exclude', []))
        merged['items'] = [i for i in merged['items'] if i['id'] not in excluded]
        merged['items'] += [dict(item, _file=path, _index=i) for i, item in enumerate(data.get('items', []))]
        return merged

    def names(self):
        """Every profile name found in the search directories (a user's directory first)."""
        found = []
        for directory in self.dirs:
            if not os.path.isdir(directory):
                continue
            for entry in sorted(os.listdir(directory)):
                stem, ext = os.path.splitext(entry)
                if ext in ('.yml', '.yaml') and stem not in found:
                    found.append(stem)
        return found

    def detect(self, sys_object_id, sys_descr=''):
        """The profile whose match rule fits best (longest sysObjectID prefix, a sys_descr regex
        breaks ties), or None."""
        oid = (sys_object_id or '').lstrip('.')
        best, best_score = None, (-1, -1)
        for name in self.names():
            for rule in self.raw(name)[1].get('match', []):
                prefix = rule['sys_object_id'].lstrip('.')
                if not (oid == prefix or oid.startswith(prefix + '.')):
                    continue
                if rule.get('sys_descr') and not re.search(rule['sys_descr'], sys_descr or '', re.IGNORECASE):
                    continue
                score = (len(prefix.split('.')), 1 if rule.get('sys_descr') else 0)
                if score > best_score:
                    best, best_score = name, score
        return best


def placeholders(template):
    """Field names of a str.format template ('{name} ({index})' -> ['name', 'index'])."""
    try:
        return [field for _text, field, _spec, _conv in string.Formatter().parse(template) if field]
    except ValueError as exc:
        raise ProfileError('%r is not a valid template: %s' % (template, exc))


def _check_references(profile):
    tables, scalars = profile['tables'], profile['scalars']
    for name, fact in profile['facts'].items():
        where = 'facts.%s' % name
        if fact.get('scalar'):
            if fact['scalar'] not in scalars:
                raise ProfileError('%s.scalar: %r is not a scalar of this profile' % (where, fact['scalar']))
            continue
        if not fact.get('table') or fact['table'] not in tables:
            raise ProfileError('%s.table: %r is not a table of this profile' % (where, fact.get('table')))
        for column in [fact.get('column')] + [c['column'] for c in fact.get('when', [])]:
            if column not in tables[fact['table']] and column not in SYSTEM_COLUMNS:
                raise ProfileError('%s: column %r is not in table %s' % (where, column, fact['table']))
    for item in profile['items']:
        where = '%s: items[%d] (%s)' % (os.path.basename(item['_file']), item['_index'], item['id'])
        try:
            _check_item(item, tables, scalars)
        except ProfileError as exc:
            raise ProfileError('%s%s' % (where, exc))


def _check_item(item, tables, scalars):
    kind = item['kind']
    if item.get('scalar'):
        if item['scalar'] not in scalars:
            raise ProfileError('.scalar: %r is not a scalar of this profile' % item['scalar'])
        for key in ('percent_of', 'minus'):
            if item.get(key) and item[key] not in scalars:
                raise ProfileError('.%s: %r is not a scalar of this profile' % (key, item[key]))
        return
    if not item.get('table'):
        raise ProfileError(': needs `table` or `scalar`')
    if item['table'] not in tables:
        raise ProfileError('.table: %r is not a table of this profile' % item['table'])
    columns = tables[item['table']]
    values = item.get('value')
    names = values if isinstance(values, list) else ([values] if values else [])
    if kind not in ('count', 'if_oper', 'if_util', 'host_memory') and not names:
        raise ProfileError('.value: kind %s needs a value column' % kind)
    refs = [('value', n) for n in names]
    refs += [(key, item[key]) for key in ('percent_of', 'minus', 'precision', 'speed_bps', 'speed_mbps', 'admin', 'alias', 'if_type',
                                          'threshold_warning', 'threshold_critical') if item.get(key)]
    refs += [('when', c['column']) for c in item.get('when', [])]
    refs += [('subject', c) for c in placeholders(item.get('subject', ''))]
    for key, column in refs:
        if column not in columns and column not in SYSTEM_COLUMNS:
            raise ProfileError('.%s: column %r is not in table %s (columns: %s)' % (key, column, item['table'], ', '.join(sorted(columns))))
    if kind == 'if_util' and not (item.get('speed_bps') or item.get('speed_mbps')):
        raise ProfileError('.speed_bps: kind if_util needs speed_bps or speed_mbps')
    if kind == 'if_oper' and not item.get('admin'):
        raise ProfileError('.admin: kind if_oper needs the admin status column')
    if kind == 'enum' and not item.get('map'):
        raise ProfileError('.map: kind enum needs a map from values to statuses')
