# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Counter samples kept between runs, so that a single poll per run still yields rates.

One JSON file (default `<reports dir>/snmp_counters.json`) maps each target to its last sample:
{time, sysUpTime, tables {table: {index: {column: value}}}} with only the counter columns.
Written atomically (temporary file + rename); an unreadable file is ignored (rates then come from
the next run), never an error.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import tempfile


def default_path():
    return os.path.join(os.environ.get('ITOPS_REPORTS_DIR') or 'reports', 'snmp_counters.json')


def load(path):
    try:
        with open(path) as handle:
            data = json.load(handle)
    except (OSError, IOError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def previous_snapshot(state, target):
    """The stored sample of `target` as a snapshot, or None."""
    entry = state.get(target)
    if not isinstance(entry, dict) or not isinstance(entry.get('tables'), dict) or not isinstance(entry.get('time'), (int, float)):
        return None
    return {'time': entry['time'], 'scalars': {'sysUpTime': entry.get('sysUpTime')}, 'tables': entry['tables'], 'errors': {}}


def sample_of(snap, columns):
    """The part of a snapshot worth keeping: the counter columns [(table, column)]."""
    tables = {}
    for table, column in columns:
        for index, row in snap['tables'].get(table, {}).items():
            if isinstance(row.get(column), int):
                tables.setdefault(table, {}).setdefault(index, {})[column] = row[column]
    return {'time': snap['time'], 'sysUpTime': snap['scalars'].get('sysUpTime'), 'tables': tables}


def save(path, state):
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        os.makedirs(directory)
    handle, tmp = tempfile.mkstemp(prefix='.snmp_counters.', dir=directory)
    try:
        with os.fdopen(handle, 'w') as out:
            json.dump(state, out, sort_keys=True)
        os.chmod(tmp, 0o640)
        os.rename(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
