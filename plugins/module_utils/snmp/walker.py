# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read what a profile needs from one device: scalars by GET, table columns by GETBULK walks.

Concurrency is bounded twice: `per_device` requests in flight towards one device (agents on
switches are slow, single-threaded processes), and the caller's global limit on devices polled at
once. A column that fails (timeout mid-walk, error-status) is recorded with its reason and the
rest of the device is still read: the items that need it become `unknown` with that reason.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.snmp.engine import SnmpError, SnmpTimeout, error_of

SYSTEM_SCALARS = (
    ('sysDescr', '1.3.6.1.2.1.1.1.0'),
    ('sysObjectID', '1.3.6.1.2.1.1.2.0'),
    ('sysUpTime', '1.3.6.1.2.1.1.3.0'),
    ('sysName', '1.3.6.1.2.1.1.5.0'),
)
GET_CHUNK = 20


def get_failed(exc):
    """The reason of scalars whose GET failed: a timeout says so first ('timeout: ...', which
    _stopped_answering looks for), any other error is the error itself."""
    error = error_of(exc)
    if isinstance(exc, SnmpTimeout):
        if error.detail_id == 'snmp.error.no_response':
            return said('snmp.get.timeout', 'timeout: no response within {timeout}s x {tries:d} tries', **error.params)
        return said('snmp.get.timeout_text', 'timeout: {error!q}', error=str(exc))
    return error


def walk_failed(oid, exc):
    """The reason of a column whose walk failed ('timeout walking <oid>: ...' or 'walking <oid>: ...')."""
    error = error_of(exc)
    kind, params = error.detail_id, error.params
    if isinstance(exc, SnmpTimeout):
        if kind == 'snmp.error.no_response':
            return said('snmp.walk.timeout', 'timeout walking {oid}: no response within {timeout}s x {tries:d} tries', oid=oid, **params)
        return said('snmp.walk.timeout_text', 'timeout walking {oid}: {error!q}', oid=oid, error=str(exc))
    if kind == 'snmp.error.status':
        return said('snmp.walk.status', 'walking {oid}: error-status {status!w}', oid=oid, **params)
    if kind == 'snmp.error.status_at':
        return said('snmp.walk.status_at', 'walking {oid}: error-status {status!w} at {index}', oid=oid, **params)
    return said('snmp.walk.error', 'walking {oid}: {error!q}', oid=oid, error=str(exc))


def new_snapshot():
    return {'time': time.time(), 'scalars': {}, 'tables': {}, 'errors': {}}


async def get_system(engine):
    """sysDescr, sysObjectID, sysUpTime, sysName; raises SnmpTimeout/SnmpAuthError when the device
    does not answer: the caller turns that into the `snmp.reach` finding."""
    result = await engine.get([oid for _name, oid in SYSTEM_SCALARS])
    return dict((name, value) for (name, _oid), (_got, value) in zip(SYSTEM_SCALARS, result))


def plan(profile, only=None):
    """(scalars {name: oid}, columns [(table, column, oid)]) the profile reads; `only` limits the
    columns to a set of (table, column)."""
    columns = []
    for table, spec in sorted(profile['tables'].items()):
        for column, oid in sorted(spec.items()):
            if only is None or (table, column) in only:
                columns.append((table, column, oid.lstrip('.')))
    scalars = {} if only is not None else dict((k, v.lstrip('.')) for k, v in profile['scalars'].items())
    return scalars, columns


async def poll(engine, profile, per_device=4, only=None, snapshot=None):
    """A snapshot {time, scalars, tables {table: {index: {column: value}}}, errors} of one device."""
    snap = snapshot if snapshot is not None else new_snapshot()
    scalars, columns = plan(profile, only)
    names = sorted(scalars)
    chunks = [names[i:i + GET_CHUNK] for i in range(0, len(names), GET_CHUNK)]

    async def get_chunk(chunk):
        try:
            result = await engine.get([scalars[n] for n in chunk])
        except SnmpError as exc:
            reason = get_failed(exc)
            for name in chunk:
                snap['errors']['scalar:' + name] = reason
            return
        for name, (_oid, value) in zip(chunk, result):
            snap['scalars'][name] = value

    async def walk(table, column, oid):
        try:
            rows = await engine.walk(oid)
        except SnmpError as exc:
            snap['errors']['column:%s.%s' % (table, column)] = walk_failed(oid, exc)
            return
        cells = snap['tables'].setdefault(table, {})
        prefix_len = len(oid) + 1
        for row_oid, value in rows:
            cells.setdefault(row_oid[prefix_len:], {})[column] = value

    def device_error(_request, exc):
        # SNMP errors are recorded per request above; anything else is the device's (Poller.failed).
        raise exc
    requests = [functools.partial(get_chunk, c) for c in chunks] + [functools.partial(walk, t, c, o) for t, c, o in columns]
    await fanout.run_async(requests, lambda request: request(), per_device, device_error)
    snap['time'] = time.time()
    return snap
