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

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.storage import lists

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
        return {'health': 'unknown', 'health_detail': said('storage.storwize.system_unusable', 'lssystem said nothing usable')}
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
    detail = lists.enclosures([said('storage.storwize.enclosure',
                                    'enclosure {enclosure} {status!w}, canisters {canisters_online}/{canisters}, PSUs {psus_online}/{psus}',
                                    enclosure=e.get('id'), status=e.get('status'), canisters_online=e.get('online_canisters'),
                                    canisters=e.get('total_canisters'), psus_online=e.get('online_PSUs'), psus=e.get('total_PSUs'))
                               for e in enclosures])
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
                      'status_detail': None if status is None else said('storage.pool.status', 'pool status {status!w}', status=row.get('status'))})
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
                       'detail': said('storage.storwize.drive', 'status {status!w}, use {use!w}, {tech!w} {capacity}, error sequence {sequence}',
                                      status=status, use=use, tech=row.get('tech_type'), capacity=row.get('capacity'),
                                      sequence=row.get('error_sequence_number') or '-')})
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
                       'detail': said('storage.storwize.event', 'event {event} on {object_type!w} {object} at {timestamp}',
                                      event=row.get('event_id'), object_type=row.get('object_type'),
                                      object=row.get('object_name') or row.get('object_id'), timestamp=row.get('last_timestamp'))})
    return alarms


def _component(name, status_map, status, detail, fault=False):
    """One component; `detail` is (said with a status, said without one) of its row."""
    state = status_map.get(status, 'unknown') if status else 'unknown'
    return {'name': name, 'state': state, 'value': status or 'unknown', 'detail': detail[0] if status else detail[1],
            'fault': fault and state == 'critical'}


def _unreadable(command, bad):
    return [{'name': '%s output' % command, 'state': 'unknown', 'value': 'unreadable',
             'detail': said('storage.storwize.unreadable', '{count:d} line(s) of {command} did not match its header',
                            count=int(bad), command=command)}] if bad else []


def _mdisk_detail(row, pool):
    """(with status, without) of an lsmdisk row: 'status online, mode array, pool Pool0, capacity 30.00TB[, controller X LUN Y]'."""
    what = {'status': row.get('status'), 'mode': row.get('mode'), 'capacity': row.get('capacity')}
    if pool is not None and row.get('controller_name'):
        what.update(pool=pool, controller=row.get('controller_name'), lun=row.get('ctrl_LUN_#'))
        return (said('storage.storwize.mdisk_external', 'status {status!w}, mode {mode!w}, pool {pool}, capacity {capacity}, '
                     'controller {controller} LUN {lun}', **what),
                said('storage.storwize.mdisk_external_no_status', 'no status column; status {status!w}, mode {mode!w}, pool {pool}, '
                     'capacity {capacity}, controller {controller} LUN {lun}', **what))
    if pool is not None:
        what.update(pool=pool)
        return (said('storage.storwize.mdisk', 'status {status!w}, mode {mode!w}, pool {pool}, capacity {capacity}', **what),
                said('storage.storwize.mdisk_no_status', 'no status column; status {status!w}, mode {mode!w}, pool {pool}, capacity {capacity}',
                     **what))
    if row.get('controller_name'):
        what.update(controller=row.get('controller_name'), lun=row.get('ctrl_LUN_#'))
        return (said('storage.storwize.mdisk_unpooled_external', 'status {status!w}, mode {mode!w}, pool no pool, capacity {capacity}, '
                     'controller {controller} LUN {lun}', **what),
                said('storage.storwize.mdisk_unpooled_external_no_status', 'no status column; status {status!w}, mode {mode!w}, pool no pool, '
                     'capacity {capacity}, controller {controller} LUN {lun}', **what))
    return (said('storage.storwize.mdisk_unpooled', 'status {status!w}, mode {mode!w}, pool no pool, capacity {capacity}', **what),
            said('storage.storwize.mdisk_unpooled_no_status', 'no status column; status {status!w}, mode {mode!w}, pool no pool, capacity {capacity}',
                 **what))


def parse_mdisks(text):
    """One component per MDisk. An offline MDisk takes its pool's volumes offline: critical, an outage."""
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        pool = row.get('mdisk_grp_name') or None
        found.append(_component('%s (%s)' % (row.get('name') or row.get('id'), pool or 'no pool'), MDISK_STATUS, row.get('status'),
                                _mdisk_detail(row, pool), fault=True))
    return found + _unreadable('lsmdisk', bad)


def parse_nodes(text):
    """lsnodecanister / lsnode: one component per node; a node that is not online is critical (its partner is alone)."""
    rows, bad = parse_table(text, loose='iscsi_name')
    found = []
    for row in rows:
        what = {'status': row.get('status'), 'io_group': row.get('IO_group_name'), 'config_node': row.get('config_node'),
                'panel': row.get('panel_name')}
        found.append(_component(row.get('name') or row.get('id'), NODE_STATUS, row.get('status'), (
            said('storage.storwize.node', 'status {status!w}, I/O group {io_group}, config node {config_node!w}, panel {panel}', **what),
            said('storage.storwize.node_no_status', 'no status column; status {status!w}, I/O group {io_group}, config node {config_node!w}, '
                 'panel {panel}', **what))))
    if not rows and not bad:
        found.append({'name': 'nodes', 'state': 'unknown', 'value': 'none listed',
                      'detail': said('storage.storwize.no_nodes', 'the node list is empty')})
    return found + _unreadable('lsnodecanister', bad)


def parse_batteries(text):
    """Battery status, with end_of_life_warning yes (replace it) or discharging (on battery power) as warnings."""
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        what = {'status': row.get('status'), 'charging': row.get('charging_status'), 'charged': row.get('percent_charged'),
                'recondition': row.get('recondition_needed'), 'end_of_life': row.get('end_of_life_warning')}
        item = _component('enclosure %s battery %s' % (row.get('enclosure_id'), row.get('battery_id')), UNIT_STATUS, row.get('status'), (
            said('storage.storwize.battery', 'status {status!w}, charging {charging!w}, {charged}% charged, recondition needed {recondition!w}, '
                 'end of life warning {end_of_life!w}', **what),
            said('storage.storwize.battery_no_status', 'no status column; status {status!w}, charging {charging!w}, {charged}% charged, '
                 'recondition needed {recondition!w}, end of life warning {end_of_life!w}', **what)))
        if item['state'] == 'ok' and row.get('end_of_life_warning') == 'yes':
            item.update(state='warning', value='end of life')
        elif item['state'] == 'ok' and row.get('charging_status') == 'discharging':
            item.update(state='warning', value='discharging')
        found.append(item)
    return found + _unreadable('lsenclosurebattery', bad)


def parse_psus(text):
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        what = {'status': row.get('status'), 'power': row.get('input_power')}
        found.append(_component('enclosure %s PSU %s' % (row.get('enclosure_id'), row.get('PSU_id') or row.get('psu_id')), UNIT_STATUS,
                                row.get('status'), (said('storage.storwize.psu', 'status {status!w}, input power {power!w}', **what),
                                                    said('storage.storwize.psu_no_status', 'no status column; status {status!w}, input power {power!w}',
                                                         **what))))
    return found + _unreadable('lsenclosurepsu', bad)


def parse_quorum(text):
    """Offline quorum devices are warnings; no online active quorum device at all is critical."""
    rows, bad = parse_table(text)
    found = []
    for row in rows:
        what = row.get('name') or row.get('controller_name') or row.get('site_name') or row.get('id')
        params = {'status': row.get('status'), 'active': row.get('active'), 'object_type': row.get('object_type'), 'object': what}
        item = _component('quorum %s (%s %s)' % (row.get('quorum_index'), row.get('object_type'), what), QUORUM_STATUS, row.get('status'), (
            said('storage.storwize.quorum', 'status {status!w}, active {active!w}, object {object_type!w} {object}', **params),
            said('storage.storwize.quorum_no_status', 'no status column; status {status!w}, active {active!w}, object {object_type!w} {object}',
                 **params)))
        found.append(item)
    active = [row for row in rows if row.get('active') == 'yes' and row.get('status') == 'online']
    if not active and not bad:
        found.append({'name': 'active quorum', 'state': 'critical', 'value': 'none', 'counted': False,
                      'detail': said('storage.storwize.no_active_quorum', 'no online quorum device is active ({count:d} listed): a node failure '
                                     'can leave the system without a tie-break', count=len(rows))})
    elif active:
        found.append({'name': 'active quorum', 'state': 'ok', 'value': 'quorum %s' % active[0].get('quorum_index'), 'counted': False,
                      'detail': said('storage.storwize.active_quorum', 'active quorum {index} ({object_type!w})',
                                     index=active[0].get('quorum_index'), object_type=active[0].get('object_type'))})
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
            missing[section] = (command[key], failures.get(key) or lists.NOT_READ)
    model = {'system': parse_system(outputs.get('system'), outputs.get('enclosures')),
             'pools': parse_pools(outputs.get('pools')), 'disks': parse_drives(outputs.get('drives')),
             'alarms': parse_events(outputs.get('events')), 'missing': missing,
             'components': dict((key, parser(outputs.get(key))) for key, parser in COMPONENT_PARSERS if outputs.get(key) is not None)}
    if outputs.get('enclosures') is None and model['system'].get('vendor'):
        model['system'].update(health='unknown', health_detail=_enclosures_unread(failures.get('enclosures')))
    return model


def _enclosures_unread(failure):
    """The system health detail when lsenclosure gave nothing: its failure (a said() of cli.py) or no output."""
    if failure is None:
        return said('storage.storwize.enclosures_no_output', 'lsenclosure not read: no output')
    if getattr(failure, 'detail_id', None) == 'storage.cli.refused':
        return said('storage.storwize.enclosures_refused', 'lsenclosure not read: {command}: exit {rc} {message!q}', **failure.params)
    return said('storage.storwize.enclosures_unread', 'lsenclosure not read: {reason!q}', reason=str(failure))
