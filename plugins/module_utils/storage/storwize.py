# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IBM Storwize / FlashSystem (Spectrum Virtualize) over its CLI on SSH.

The commands, each with `-delim :` so that the output is colon-separated:
  lssystem                       detailed view: one `attribute:value` line each
  lsenclosure                    concise view: a header line, then one line per enclosure
  lsmdiskgrp -bytes              storage pools, capacities in bytes
  lsdrive                        drives: status online|degraded|offline, use member|spare|candidate|failed|unused
  lseventlog -order severity -fixed no -alert yes -message no
                                 unfixed alerts, most severe first
The action plugin sends them in one SSH session joined by `echo` separators (SECTION_MARK) when
the shell allows it, else one command per call. parse_*() never raise on odd data.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

COMMANDS = (
    ('system', 'lssystem -delim :'),
    ('enclosures', 'lsenclosure -delim :'),
    ('pools', 'lsmdiskgrp -delim : -bytes'),
    ('drives', 'lsdrive -delim :'),
    ('events', 'lseventlog -delim : -order severity -fixed no -alert yes -message no'),
)
# Error codes the CLI prints as "CMMVC<n>E <text>".
ERROR_PREFIX = 'CMMVC'
# Storwize error codes (lseventlog error_code) by range: 1xxx hardware failures are critical.
POOL_STATUS = {'online': None, 'degraded_paths': 'warning', 'degraded_ports': 'warning', 'degraded': 'warning',
               'offline': 'critical'}


class StorwizeError(Exception):
    """The CLI refused a command (CMMVC error)."""


def check_output(text, what):
    """Raise StorwizeError when the CLI answered with an error message instead of data."""
    stripped = (text or '').strip()
    if stripped.startswith(ERROR_PREFIX):
        raise StorwizeError('%s: %s' % (what, stripped.splitlines()[0][:200]))
    return text or ''


def parse_detailed(text):
    """`attribute:value` lines -> dict (the first value of a repeated attribute wins)."""
    result = {}
    for line in (text or '').splitlines():
        key, sep, value = line.partition(':')
        if sep and key.strip() and key.strip() not in result:
            result[key.strip()] = value.strip()
    return result


def parse_concise(text):
    """Header line + data lines -> list of dicts. Lines with the wrong field count are skipped."""
    lines = [line for line in (text or '').splitlines() if line.strip()]
    if not lines:
        return []
    header = lines[0].split(':')
    rows = []
    for line in lines[1:]:
        fields = line.split(':')
        if len(fields) == len(header):
            rows.append(dict(zip(header, fields)))
    return rows


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_system(system_text, enclosure_text):
    system = parse_detailed(system_text)
    if not system:
        return {'health': 'unknown', 'health_detail': 'lssystem said nothing usable'}
    enclosures = parse_concise(enclosure_text)
    bad = [e for e in enclosures if e.get('status') != 'online']
    short = [e for e in enclosures if e not in bad and (
        _int(e.get('online_canisters')) != _int(e.get('total_canisters')) or _int(e.get('online_PSUs')) != _int(e.get('total_PSUs')))]
    if bad:
        health = 'critical' if any(e.get('status') == 'offline' for e in bad) else 'warning'
    elif short:
        health = 'warning'
    else:
        health = 'ok' if enclosures else 'unknown'
    detail = '; '.join('enclosure %s %s, canisters %s/%s, PSUs %s/%s' % (
        e.get('id'), e.get('status'), e.get('online_canisters'), e.get('total_canisters'), e.get('online_PSUs'), e.get('total_PSUs'))
        for e in enclosures) or 'no enclosure listed'
    serial = enclosures[0].get('serial_number') if enclosures else None
    code = system.get('code_level', '')
    return {'vendor': 'IBM', 'name': system.get('name'), 'model': system.get('product_name'),
            'serial': serial or system.get('id'), 'firmware': code.split(' ')[0] if code else None,
            'health': health, 'health_detail': detail}


def parse_pools(text):
    pools = []
    for row in parse_concise(text):
        total, used = _int(row.get('capacity')), None
        free = _int(row.get('free_capacity'))
        if total is not None and free is not None:
            used = total - free
        status = POOL_STATUS.get(row.get('status'), 'warning')
        pools.append({'name': row.get('name') or row.get('id'), 'total_bytes': total, 'used_bytes': used, 'status': status,
                      'status_detail': None if status is None else 'pool status %s' % row.get('status')})
    return pools


def parse_drives(text):
    drives = []
    for row in parse_concise(text):
        status, use = row.get('status'), row.get('use')
        if use == 'failed' or status == 'offline':
            state = 'failed'
        elif status == 'degraded':
            state = 'degraded'
        elif status == 'online':
            state = 'ok'
        else:
            state = 'unknown'
        name = 'drive %s (enclosure %s slot %s)' % (row.get('id'), row.get('enclosure_id'), row.get('slot_id'))
        drives.append({'name': name, 'state': state,
                       'detail': 'status %s, use %s, %s %s, error sequence %s' % (
                           status, use, row.get('tech_type'), row.get('capacity'), row.get('error_sequence_number') or '-')})
    return drives


def parse_events(text):
    """Unfixed alerts. Error codes 1000-1999 (hardware, e.g. 1690 drive failed) are critical, others major."""
    alarms = []
    for row in parse_concise(text):
        if row.get('status') != 'alert' or row.get('fixed') == 'yes':
            continue
        code = _int(row.get('error_code'))
        severity = 'critical' if code is not None and 1000 <= code < 2000 else 'major'
        alarms.append({'id': row.get('sequence_number'), 'name': '%s %s' % (row.get('error_code') or row.get('event_id'), row.get('description')),
                       'severity': severity,
                       'detail': 'event %s on %s %s at %s' % (row.get('event_id'), row.get('object_type'), row.get('object_name') or row.get('object_id'),
                                                              row.get('last_timestamp'))})
    return alarms


def model_from_outputs(outputs):
    """items.py model from {'system': text, 'enclosures': text, 'pools': text, 'drives': text, 'events': text}."""
    return {'system': parse_system(outputs.get('system'), outputs.get('enclosures')),
            'pools': parse_pools(outputs.get('pools')), 'disks': parse_drives(outputs.get('drives')),
            'alarms': parse_events(outputs.get('events'))}
