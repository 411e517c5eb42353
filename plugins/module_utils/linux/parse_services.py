# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Services and ports: failed systemd units, critical services, listening TCP ports.

Formats: systemctl(1) `--failed --no-legend [--plain]` (UNIT LOAD ACTIVE SUB DESCRIPTION, with a
leading bullet on systemd >= 236 without --plain), `systemctl show -p` (KEY=value), LSB init
script `status` exit codes (0 running, 1-3 not running, 4 unknown), ss(8) `-ltn[p]` (with or
without the State column), netstat(8) `-ltn[p]` (net-tools and busybox) and /proc/net/tcp{,6}
(hex local_address, state 0A = LISTEN).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import missing_reason, to_int


def parse_failed_units(sections):
    found = Findings()
    section = sections.get('systemd-failed')
    if section is None:
        found.items.append(unknown_item('linux.unit.failed', None, missing_reason(section, 'systemctl --failed')))
        return found
    if section.marker('missing') is not None and not section.lines:
        found.facts['init_system'] = 'sysvinit'
        found.items.append(make_item('linux.unit.failed', value=0, status='ok', detail=said('linux.unit.sysv', 'systemd not in use (SysV init)')))
        return found
    found.facts['init_system'] = 'systemd'
    if section.marker('timeout') is not None:
        found.items.append(unknown_item('linux.unit.failed', None, section.problem()))
        return found
    failed = []
    for line in section.lines:
        line = re.sub(r'^[^\w@.-]+', '', line.strip())
        fields = line.split()
        if len(fields) < 4 or 'units listed' in line or fields[0] in ('UNIT', 'LOAD'):
            continue
        unit, load, active, sub = fields[:4]
        failed.append(unit)
        if fields[4:]:
            detail = said('linux.unit.failed_described', '{unit}: load {load!w}, active {active!w}, sub {sub!w} ({description!q})',
                          unit=unit, load=load, active=active, sub=sub, description=' '.join(fields[4:]))
        else:
            detail = said('linux.unit.failed_state', '{unit}: load {load!w}, active {active!w}, sub {sub!w}',
                          unit=unit, load=load, active=active, sub=sub)
        found.items.append(make_item('linux.unit.failed', subject=unit, value=active, status='warning', detail=detail))
    if not failed:
        found.items.append(make_item('linux.unit.failed', value=0, status='ok', detail=said('linux.unit.none_failed', 'no failed units')))
    return found


# ---------------------------------------------------------------- listening ports

def _hex_address(text):
    address, _sep, port = text.partition(':')
    port = int(port, 16) if port else None
    if len(address) == 8:
        octets = [str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)]
        return '.'.join(octets), port
    if address.upper() == '00000000000000000000000001000000':
        return '::1', port
    if address.strip('0') == '':
        return '::', port
    return address.lower(), port


def _split_address(text):
    """'0.0.0.0:22', '*:22', '[::]:22', ':::22', '127.0.0.53%lo:53' -> (address, port)."""
    address, _sep, port = text.rpartition(':')
    address = address.strip('[]').split('%')[0]
    return address or '*', to_int(port)


def parse_listeners(section):
    """[(address, port, process)] or None when the section has no usable output."""
    if section is None:
        return None
    listeners = []
    kind = None
    unparsed = 0
    for line in section.lines:
        if line.startswith('--- '):
            kind = line[4:].strip()
            continue
        fields = line.split()
        if not fields:
            continue
        if kind == 'proc':
            if re.match(r'^[0-9A-Fa-f]+:[0-9A-Fa-f]{4}$', fields[0]):
                address, port = _hex_address(fields[0])
                listeners.append((address, port, None))
            continue
        if fields[0] in ('State', 'Proto', 'Active', 'Netid', 'Recv-Q'):
            continue
        if fields[0] == 'LISTEN' and len(fields) >= 4:
            local, rest = fields[3], fields[5:]
        elif fields[0].startswith('tcp') and len(fields) >= 6 and 'LISTEN' in fields:
            local, rest = fields[3], fields[fields.index('LISTEN') + 1:]
        elif re.match(r'^\d+$', fields[0]) and len(fields) >= 3:  # ss -H without the State column
            local, rest = fields[2], fields[4:]
        else:
            unparsed += 1
            continue
        address, port = _split_address(local)
        if port is None:
            unparsed += 1
            continue
        process = None
        text = ' '.join(rest)
        match = re.search(r'users:\(\("([^"]+)"', text) or re.search(r'^\d+/(\S+)', text)
        if match:
            process = match.group(1)
        listeners.append((address, port, process))
    if not listeners and (unparsed or kind is None or section.problem()):
        return None
    return listeners


def is_loopback(address):
    return address.startswith('127.') or address in ('::1', 'localhost')


def parse_ports(sections, expected_ports=None, services=None):
    found = Findings()
    section = sections.get('listening')
    listeners = parse_listeners(section)
    if listeners is None:
        if expected_ports is not None:
            reason = missing_reason(section, 'listening sockets (ss/netstat)')
            found.items.append(unknown_item('linux.ports.unexpected', None, reason))
            found.items.append(unknown_item('linux.ports.missing', None, reason))
        return found, None
    listening = sorted(set(p for _a, p, _n in listeners))
    exposed = {}
    for address, port, process in listeners:
        if not is_loopback(address):
            exposed.setdefault(port, set()).add(process or '?')
    found.facts['listening_ports'] = sorted(exposed)
    if expected_ports is not None:
        expected = set(int(p) for p in expected_ports)
        expected.update(s['port'] for s in services or [] if s.get('port'))
        missing = sorted(expected - set(listening))
        unexpected = sorted(set(exposed) - expected)
        found.items.append(make_item(
            'linux.ports.missing', value=missing, status='critical' if missing else 'ok',
            detail=said('linux.ports.not_listening', 'expected but not listening: {ports}', ports=', '.join(str(p) for p in missing))
            if missing else said('linux.ports.all_listening', 'all {count:d} expected ports listening', count=len(expected))))
        found.items.append(make_item(
            'linux.ports.unexpected', value=unexpected, status='warning' if unexpected else 'ok',
            detail=said('linux.ports.not_expected', 'listening but not expected: {ports}', ports=', '.join(
                '%d (%s)' % (p, ','.join(sorted(exposed[p]))) for p in unexpected))
            if unexpected else said('linux.ports.none_unexpected', 'no unexpected listeners')))
    return found, listening


# ---------------------------------------------------------------- critical services

def _service_state(section):
    """(running: bool|None, how, params) from one `service NAME` section; `how` names the shape of the
    detail (see _service_detail), or is the reason itself when the state is unknown."""
    kv = section.keyvalues()
    load = kv.get('systemd.LoadState')
    if load == 'loaded':
        active, sub = kv.get('systemd.ActiveState'), kv.get('systemd.SubState')
        enabled = kv.get('systemd.UnitFileState') or '?'
        return active == 'active', 'systemd', {'active': str(active), 'sub': str(sub), 'enabled': enabled}
    rc = to_int(kv.get('sysv.rc'))
    if rc is not None and section.marker('timeout') is None:
        if rc == 0:
            return True, 'init', {}
        if rc in (1, 2, 3):
            return False, 'init_stopped', {'rc': rc}
    count = to_int(kv.get('proc.count'))
    if count is not None:
        how = 'command line' if kv.get('proc.match') == 'args' else 'process name'
        return count > 0, 'processes', {'count': count, 'by': how}
    return None, missing_reason(section, 'service state'), {}


def _service_detail(how, params, port=None, port_state=None):
    """The detail of a critical service: its state (`how`), then what its port says (`port_state`:
    None when not checked, 'unchecked' without a socket list, 'down' or 'up')."""
    if how == 'systemd':
        if port_state == 'unchecked':
            return said('linux.service.systemd_port_unchecked', 'systemd {active!w}/{sub!w}, {enabled!w}; port {port:d} not checked (no socket list)',
                        port=port, **params)
        if port_state == 'down':
            return said('linux.service.systemd_port_down', 'systemd {active!w}/{sub!w}, {enabled!w}; but port {port:d} is not listening',
                        port=port, **params)
        if port_state == 'up':
            return said('linux.service.systemd_port_up', 'systemd {active!w}/{sub!w}, {enabled!w}; port {port:d} listening', port=port, **params)
        return said('linux.service.systemd', 'systemd {active!w}/{sub!w}, {enabled!w}', **params)
    if how == 'init':
        if port_state == 'unchecked':
            return said('linux.service.init_port_unchecked', 'init script status: running; port {port:d} not checked (no socket list)', port=port)
        if port_state == 'down':
            return said('linux.service.init_port_down', 'init script status: running; but port {port:d} is not listening', port=port)
        if port_state == 'up':
            return said('linux.service.init_port_up', 'init script status: running; port {port:d} listening', port=port)
        return said('linux.service.init', 'init script status: running')
    if how == 'init_stopped':
        return said('linux.service.init_stopped', 'init script status exit {rc:d} (not running)', **params)
    if port_state == 'unchecked':
        return said('linux.service.processes_port_unchecked', '{count:d} process(es) matching by {by!w}; port {port:d} not checked (no socket list)',
                    port=port, **params)
    if port_state == 'down':
        return said('linux.service.processes_port_down', '{count:d} process(es) matching by {by!w}; but port {port:d} is not listening',
                    port=port, **params)
    if port_state == 'up':
        return said('linux.service.processes_port_up', '{count:d} process(es) matching by {by!w}; port {port:d} listening', port=port, **params)
    return said('linux.service.processes', '{count:d} process(es) matching by {by!w}', **params)


def parse_services(sections, services, listening=None):
    found = Findings()
    for service in services or []:
        name = service['name']
        section = sections.by_arg('service', name)
        if section is None:
            found.items.append(unknown_item('linux.service.active', name, said(
                'linux.service.no_output', 'no service {name} output (collector output missing or truncated)', name=name)))
            continue
        running, how, params = _service_state(section)
        if running is None:
            found.items.append(unknown_item('linux.service.active', name, how))
            continue
        port = service.get('port')
        port_state = None
        if running and port:
            if listening is None:
                port_state = 'unchecked'
            elif port not in listening:
                running = False
                port_state = 'down'
            else:
                port_state = 'up'
        found.items.append(make_item('linux.service.active', subject=name, value=bool(running),
                                     status='ok' if running else 'critical', detail=_service_detail(how, params, port, port_state),
                                     fault=not running))
    return found
