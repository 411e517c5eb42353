# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Memory use from HOST-RESOURCES-MIB hrStorageTable (kind host_memory).

hrStorageUsed of the hrStorageRam row ("Physical memory") counts what the kernel uses for buffers
and page cache, memory it gives back on demand: a Linux host at 38 % real use reads 80 % there.
net-snmp serves that memory in two more rows of type hrStorageOther: "Memory buffers" (its Used
is the buffer memory) and "Cached memory" (Size = Used = the page cache); "Shared memory" and the
rest are not subtracted. So

    used % = (RAM used - buffers - cached) / RAM size x 100

each row in bytes through its own hrStorageAllocationUnits. An agent without those rows (Windows,
appliances with their own agent) gets plain RAM used / size, and the item's detail says so.

The table needs the columns `type` (hrStorageType), `descr` (hrStorageDescr), `size`, `used` and
`units` (hrStorageAllocationUnits; when the device serves none, the rows are taken as sharing one
unit, which only the percentage needs).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said, said_list
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.snmp import transforms as tf

HR_STORAGE_RAM = '1.3.6.1.2.1.25.2.1.2'
BUFFERS = 'memory buffers'
CACHED = 'cached memory'
METRIC = 'mem.used_pct'


def _index_key(index):
    try:
        return (0, tuple(int(p) for p in str(index).split('.')))
    except ValueError:
        return (1, str(index))


def _rows(snap, table):
    data = snap['tables'].get(table, {})
    return [(index, data[index]) for index in sorted(data, key=_index_key)]


def _bytes(row, column):
    """(bytes, reason): the row's `column` times its allocation units."""
    value, reason = tf.to_number(row.get(column))
    if reason:
        return None, tf.number_reason('hrStorage%s' % column.capitalize(), reason)
    units = 1
    if row.get('units') is not None:
        units, reason = tf.to_number(row.get('units'))
        if reason:
            return None, tf.number_reason('hrStorageAllocationUnits', reason)
        if units <= 0:
            return None, said('snmp.hr_memory.bad_units', 'hrStorageAllocationUnits is {units}', units=units)
    if value < 0:
        return None, said('snmp.hr_memory.negative', 'negative {column!w} {value}', column=column, value=value)
    return value * units, None


def _is_ram(row):
    return (tf.to_text(row.get('type')) or '').lstrip('.') == HR_STORAGE_RAM


def _named(rows, name):
    for _index, row in rows:
        if (tf.to_text(row.get('descr')) or '').strip().lower() == name:
            return row
    return None


def _mib(value):
    return '%.0f MiB' % (value / 1048576.0)


def _detail(named, subtracted, used, size, problems):
    """How the percentage was computed, said per shape: less the buffers and/or cache rows, plain used / size
    because they exceed RAM used, or plain because the agent serves neither; `problems`: the rows that
    could not be read."""
    buffers, cache = named.get('buffers'), named.get('cache')
    if problems:
        return _detail_with_problems(buffers, cache, subtracted, used, size, problems)
    if buffers and cache and subtracted:
        return said('snmp.hr_memory.less_both', 'RAM used {used} of {size}, less buffers {buffers}, cache {cache} (HOST-RESOURCES-MIB, net-snmp rows)',
                    used=used, size=size, buffers=buffers, cache=cache)
    if buffers and subtracted:
        return said('snmp.hr_memory.less_buffers', 'RAM used {used} of {size}, less buffers {buffers} (HOST-RESOURCES-MIB, net-snmp rows)',
                    used=used, size=size, buffers=buffers)
    if cache and subtracted:
        return said('snmp.hr_memory.less_cache', 'RAM used {used} of {size}, less cache {cache} (HOST-RESOURCES-MIB, net-snmp rows)',
                    used=used, size=size, cache=cache)
    if buffers and cache:
        return said('snmp.hr_memory.exceed_both', 'buffers and cache (buffers {buffers}, cache {cache}) exceed RAM used {used}: '
                    'plain RAM used / size (buffers and cache included)', buffers=buffers, cache=cache, used=used)
    if buffers:
        return said('snmp.hr_memory.exceed_buffers', 'buffers and cache (buffers {buffers}) exceed RAM used {used}: '
                    'plain RAM used / size (buffers and cache included)', buffers=buffers, used=used)
    if cache:
        return said('snmp.hr_memory.exceed_cache', 'buffers and cache (cache {cache}) exceed RAM used {used}: '
                    'plain RAM used / size (buffers and cache included)', cache=cache, used=used)
    return said('snmp.hr_memory.plain', 'RAM used / size ({used} of {size}); the agent serves no "Memory buffers" / "Cached memory" rows, '
                'so memory the OS uses for buffers and cache is counted as used', used=used, size=size)


def _detail_with_problems(buffers, cache, subtracted, used, size, problems):
    """The shapes of _detail when a buffers or cache row could not be read (then at most the other one is named);
    `problems` is said_list() of the rows and their reasons ('cache row: hrStorageUsed: ...')."""
    if buffers and subtracted:
        return said('snmp.hr_memory.less_buffers_problems', 'RAM used {used} of {size}, less buffers {buffers} (HOST-RESOURCES-MIB, net-snmp rows); '
                    '{problems}', used=used, size=size, buffers=buffers, problems=problems)
    if cache and subtracted:
        return said('snmp.hr_memory.less_cache_problems', 'RAM used {used} of {size}, less cache {cache} (HOST-RESOURCES-MIB, net-snmp rows); '
                    '{problems}', used=used, size=size, cache=cache, problems=problems)
    if buffers:
        return said('snmp.hr_memory.exceed_buffers_problems', 'buffers and cache (buffers {buffers}) exceed RAM used {used}: '
                    'plain RAM used / size (buffers and cache included); {problems}', buffers=buffers, used=used, problems=problems)
    if cache:
        return said('snmp.hr_memory.exceed_cache_problems', 'buffers and cache (cache {cache}) exceed RAM used {used}: '
                    'plain RAM used / size (buffers and cache included); {problems}', cache=cache, used=used, problems=problems)
    return said('snmp.hr_memory.plain_problems', 'RAM used / size ({used} of {size}); the agent serves no "Memory buffers" / "Cached memory" rows, '
                'so memory the OS uses for buffers and cache is counted as used; {problems}', used=used, size=size, problems=problems)


def build(spec, snap, ctx, metrics):
    """[items] for one host_memory item spec: one item for the physical memory, or unknown with the reason."""
    rows = _rows(snap, spec['table'])
    ram = [(index, row) for index, row in rows if _is_ram(row)]
    if not ram:
        if not any(row.get('type') is not None for _index, row in rows):
            return [unknown_item(spec['id'], spec.get('subject'), said('snmp.hr_memory.no_type', 'hrStorageType (1.3.6.1.2.1.25.2.3.1.2) is not served: '
                                                                       'the physical memory row cannot be found'))]
        return [unknown_item(spec['id'], spec.get('subject'), said('snmp.hr_memory.no_ram', 'no hrStorageRam ({oid}) row in hrStorageTable',
                                                                   oid=HR_STORAGE_RAM))]
    index, row = ram[0]
    subject = spec.get('subject') or (tf.to_text(row.get('descr')) or '').strip() or 'RAM %s' % index
    size, reason = _bytes(row, 'size')
    used = None
    if reason is None:
        used, reason = _bytes(row, 'used')
    if reason:
        return [unknown_item(spec['id'], subject, reason)]
    if size <= 0:
        return [unknown_item(spec['id'], subject, said('snmp.hr_memory.no_size', 'hrStorageSize of {row!q} is {size}, no percentage',
                                                       row=subject, size=size))]
    freeable, named, problems = 0, {}, []
    for name, label in ((BUFFERS, 'buffers'), (CACHED, 'cache')):
        other = _named(rows, name)
        if other is None:
            continue
        amount, why = _bytes(other, 'used')
        if why:
            problems.append(said('snmp.hr_memory.buffers_row', 'buffers row: {reason}', reason=why) if label == 'buffers'
                            else said('snmp.hr_memory.cache_row', 'cache row: {reason}', reason=why))
            continue
        freeable += amount
        named[label] = _mib(amount)
    real = used - freeable if named and freeable <= used else used
    detail = _detail(named, freeable <= used, _mib(used), _mib(size), said_list(problems))
    value, reason = tf.percent(real, size)
    if reason is None:
        reason = tf.check_range(value, spec.get('range', [0, 100]))
    if reason:
        return [unknown_item(spec['id'], subject, reason)]
    metrics[spec.get('metric') or METRIC] = value
    return [evaluate(spec['id'], value, subject=subject, overrides=ctx.overrides, unit=spec.get('unit') or '%', detail=detail)]
