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
  lsmdisk                        MDisks: status online|offline|excluded|degraded_paths|degraded_ports|degraded
  lsnodecanister (lsnode where the code level has no lsnodecanister)
                                 nodes: status online|offline|service|flushing|pending|adding|deleting
  lsenclosurebattery             batteries: status online|offline|degraded, charging_status, end_of_life_warning
  lsenclosurepsu                 power supplies: status online|offline|degraded
  lsquorum                       quorum devices: status online|offline, active yes|no
The column names are the CLI's (the same names the REST API of 8.x returns as JSON keys); the
concise view has no path counts (`path_count` is in the detailed view `lsmdisk <id>` only): an MDisk
that lost every path is reported `offline`, one that lost some `degraded_paths`.
collect_storwize() (cli.py) runs them one per SSH exec request, as the CLI takes exactly one command
per request (no shell wrapper), over the host's one SSH connection. parse_*() never raise on odd
data; a command that failed is named by the `unknown` item of what it would have shown.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

COMMANDS = (
    ('system', 'lssystem -delim :'),
    ('enclosures', 'lsenclosure -delim :'),
    ('pools', 'lsmdiskgrp -delim : -bytes'),
    ('drives', 'lsdrive -delim :'),
    ('events', 'lseventlog -delim : -order severity -fixed no -alert yes -message no'),
    ('mdisks', 'lsmdisk -delim :'),
    ('nodes', 'lsnodecanister -delim :'),
    ('batteries', 'lsenclosurebattery -delim :'),
    ('psus', 'lsenclosurepsu -delim :'),
    ('quorum', 'lsquorum -delim :'),
)
# Tried when the command of COMMANDS is refused (older code levels and SVC nodes have lsnode only).
FALLBACKS = {'nodes': 'lsnode -delim :'}
# Error codes the CLI prints as "CMMVC<n>E <text>".
ERROR_PREFIX = 'CMMVC'
# Storwize error codes (lseventlog error_code) by range: 1xxx hardware failures are critical.
POOL_STATUS = {'online': None, 'degraded_paths': 'warning', 'degraded_ports': 'warning', 'degraded': 'warning',
               'offline': 'critical'}
# Component states (the values the CLI documents for each view) -> item status.
MDISK_STATUS = {'online': 'ok', 'degraded_paths': 'warning', 'degraded_ports': 'warning', 'degraded': 'warning',
                'excluded': 'warning', 'offline': 'critical'}
NODE_STATUS = {'online': 'ok', 'offline': 'critical', 'service': 'critical', 'flushing': 'warning', 'pending': 'warning',
               'adding': 'warning', 'deleting': 'warning'}
UNIT_STATUS = {'online': 'ok', 'degraded': 'warning', 'offline': 'critical'}      # lsenclosurebattery, lsenclosurepsu
QUORUM_STATUS = {'online': 'ok', 'offline': 'warning'}


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


def parse_table(text, loose=None):
    """Header line + data lines -> (rows as dicts, number of lines with the wrong field count).

    `loose` names the one column whose values may hold the delimiter itself (iscsi_name of lsnode:
    iqn.1986-03.com.ibm:2145...; the description of lseventlog): a line with more fields than the
    header gets the surplus joined back into that column.
    """
    lines = [line for line in (text or '').splitlines() if line.strip()]
    if not lines:
        return [], 0
    header = lines[0].split(':')
    at = header.index(loose) if loose in header else None
    rows, bad = [], 0
    for line in lines[1:]:
        fields = line.split(':')
        if len(fields) > len(header) and at is not None:
            tail = len(header) - at - 1
            fields = fields[:at] + [':'.join(fields[at:len(fields) - tail])] + fields[len(fields) - tail:]
        if len(fields) == len(header):
            rows.append(dict(zip(header, fields)))
        else:
            bad += 1
    return rows, bad


def parse_concise(text, loose=None):
    """Header line + data lines -> list of dicts. Lines with the wrong field count are skipped."""
    return parse_table(text, loose)[0]


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
    for row in parse_concise(text, loose='description'):
        if row.get('status') != 'alert' or row.get('fixed') == 'yes':
            continue
        code = _int(row.get('error_code'))
        severity = 'critical' if code is not None and 1000 <= code < 2000 else 'major'
        alarms.append({'id': row.get('sequence_number'), 'name': '%s %s' % (row.get('error_code') or row.get('event_id'), row.get('description')),
                       'severity': severity,
                       'detail': 'event %s on %s %s at %s' % (row.get('event_id'), row.get('object_type'), row.get('object_name') or row.get('object_id'),
                                                              row.get('last_timestamp'))})
    return alarms


def _component(name, status_map, status, detail, fault=False):
    state = status_map.get(status, 'unknown') if status else 'unknown'
    if not status:
        detail = 'no status column; ' + detail
    return {'name': name, 'state': state, 'value': status or 'unknown', 'detail': detail, 'fault': fault and state == 'critical'}


def _unreadable(command, bad):
    return [{'name': '%s output' % command, 'state': 'unknown', 'value': 'unreadable',
             'detail': '%d line(s) of %s did not match its header' % (bad, command)}] if bad else []


def parse_mdisks(text):
    """One component per MDisk. An offline MDisk takes its pool's volumes offline: critical, an outage."""
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        pool = row.get('mdisk_grp_name') or 'no pool'
        where = ', controller %s LUN %s' % (row.get('controller_name'), row.get('ctrl_LUN_#')) if row.get('controller_name') else ''
        found.append(_component('%s (%s)' % (row.get('name') or row.get('id'), pool), MDISK_STATUS, row.get('status'),
                                'status %s, mode %s, pool %s, capacity %s%s' % (row.get('status'), row.get('mode'), pool,
                                                                                row.get('capacity'), where), fault=True))
    return found + _unreadable('lsmdisk', bad)


def parse_nodes(text):
    """lsnodecanister / lsnode: one component per node; a node that is not online is critical (its partner is alone)."""
    rows, bad = parse_table(text, loose='iscsi_name')
    found = [_component(row.get('name') or row.get('id'), NODE_STATUS, row.get('status'),
                        'status %s, I/O group %s, config node %s, panel %s' % (
                            row.get('status'), row.get('IO_group_name'), row.get('config_node'), row.get('panel_name')))
             for row in rows]
    if not rows and not bad:
        found.append({'name': 'nodes', 'state': 'unknown', 'value': 'none listed', 'detail': 'the node list is empty'})
    return found + _unreadable('lsnodecanister', bad)


def parse_batteries(text):
    """Battery status, with end_of_life_warning yes (replace it) or discharging (on battery power) as warnings."""
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        item = _component('enclosure %s battery %s' % (row.get('enclosure_id'), row.get('battery_id')), UNIT_STATUS, row.get('status'),
                          'status %s, charging %s, %s%% charged, recondition needed %s, end of life warning %s' % (
                              row.get('status'), row.get('charging_status'), row.get('percent_charged'),
                              row.get('recondition_needed'), row.get('end_of_life_warning')))
        if item['state'] == 'ok' and row.get('end_of_life_warning') == 'yes':
            item.update(state='warning', value='end of life')
        elif item['state'] == 'ok' and row.get('charging_status') == 'discharging':
            item.update(state='warning', value='discharging')
        found.append(item)
    return found + _unreadable('lsenclosurebattery', bad)


def parse_psus(text):
    rows, bad = parse_table(text)
    found = [_component('enclosure %s PSU %s' % (row.get('enclosure_id'), row.get('PSU_id') or row.get('psu_id')), UNIT_STATUS,
                        row.get('status'), 'status %s, input power %s' % (row.get('status'), row.get('input_power')))
             for row in rows]
    return found + _unreadable('lsenclosurepsu', bad)


def parse_quorum(text):
    """Offline quorum devices are warnings; no online active quorum device at all is critical."""
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        what = row.get('name') or row.get('controller_name') or row.get('site_name') or row.get('id')
        item = _component('quorum %s (%s %s)' % (row.get('quorum_index'), row.get('object_type'), what), QUORUM_STATUS,
                          row.get('status'), 'status %s, active %s, object %s %s' % (
                              row.get('status'), row.get('active'), row.get('object_type'), what))
        found.append(item)
    active = [row for row in rows if row.get('active') == 'yes' and row.get('status') == 'online']
    if not active and not bad:
        found.append({'name': 'active quorum', 'state': 'critical', 'value': 'none', 'counted': False,
                      'detail': 'no online quorum device is active (%d listed): a node failure can leave the system without '
                                'a tie-break' % len(rows)})
    elif active:
        found.append({'name': 'active quorum', 'state': 'ok', 'value': 'quorum %s' % active[0].get('quorum_index'), 'counted': False,
                      'detail': 'active quorum %s (%s)' % (active[0].get('quorum_index'), active[0].get('object_type'))})
    return found + _unreadable('lsquorum', bad)


COMPONENT_PARSERS = (('mdisks', parse_mdisks), ('nodes', parse_nodes), ('batteries', parse_batteries),
                     ('psus', parse_psus), ('quorum', parse_quorum))


def model_from_outputs(outputs, failures=None):
    """items.py model from {'system': text, 'enclosures': text, ...} (the keys of COMMANDS).

    `failures` maps a key to why its command gave no output; a key neither in outputs nor in
    failures was not read either. Both become the `missing` of the model (an unknown item each).
    """
    failures = dict(failures or {})
    command = dict((key, cmd.split()[0]) for key, cmd in COMMANDS)
    missing = {}
    for key, section in (('pools', 'pools'), ('drives', 'disks'), ('events', 'alarms')) + tuple((k, k) for k, _p in COMPONENT_PARSERS):
        if outputs.get(key) is None:
            missing[section] = (command[key], failures.get(key) or 'not read')
    model = {'system': parse_system(outputs.get('system'), outputs.get('enclosures')),
             'pools': parse_pools(outputs.get('pools')), 'disks': parse_drives(outputs.get('drives')),
             'alarms': parse_events(outputs.get('events')), 'missing': missing,
             'components': dict((key, parser(outputs.get(key))) for key, parser in COMPONENT_PARSERS if outputs.get(key) is not None)}
    if outputs.get('enclosures') is None and model['system'].get('vendor'):
        model['system'].update(health='unknown', health_detail='lsenclosure not read: %s' % (failures.get('enclosures') or 'no output'))
    return model
