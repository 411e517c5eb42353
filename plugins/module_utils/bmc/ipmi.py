# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPMI hardware health through ipmitool (`-I lanplus`) for BMCs without Redfish.

Commands (each a separate ipmitool run; the password goes in the IPMI_PASSWORD environment
variable with -E, never on the command line):
  sdr elist     `name | id | status | entity | reading` (status ok, ns, cr, nr, nc, lnc, lcr, unc, ucr)
  sel elist     `n | date | time | sensor | event | Asserted/Deasserted`
  fru print 0   `Product Manufacturer : ...` lines
parse_*() take ipmitool's text and never raise.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re
import subprocess

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.text import decode_device_text

SDR_STATUS = {'ok': 'ok', 'ns': None, 'nc': 'warning', 'lnc': 'warning', 'unc': 'warning',
              'cr': 'critical', 'lcr': 'critical', 'ucr': 'critical', 'nr': 'critical', 'lnr': 'critical', 'unr': 'critical'}
# Sensor-specific event offsets (IPMI 2.0 table 42-3) that mean a failed part.
FAILURE_WORDS = ('Failure detected', 'Predictive failure', 'Power Supply AC lost', 'AC lost or out-of-range',
                 'Drive Fault', 'Transition to Critical', 'Transition to Non-recoverable', 'Lower Critical going low',
                 'Upper Critical going high', 'Lower Non-recoverable', 'Upper Non-recoverable', 'Uncorrectable ECC')
TEMP_RE = re.compile(r'(-?\d+(?:\.\d+)?)\s*degrees C')
# A sensor reading: '5800 RPM', '24 degrees C', '120 Watts' (then, for some, its event words).
VALUE_RE = re.compile(r'^(-?\d+(?:\.\d+)?) ([A-Za-z][A-Za-z ]*)$')
CRITICAL_SEL = ('Failure detected', 'Power Supply AC lost', 'Uncorrectable ECC', 'Drive Fault', 'Critical', 'Non-recoverable')


def _rows(text, fields):
    for line in (text or '').splitlines():
        parts = [p.strip() for p in line.split('|')]
        if len(parts) >= fields:
            yield parts


def parse_sdr(text):
    """sdr elist -> (psus, fans, temperatures, drives): PSU/fan/drive status from sensor status and event words."""
    psus, fans, temps, drives = [], [], [], []
    for name, _sid, status, entity, reading in (p[:5] for p in _rows(text, 5)):
        level = SDR_STATUS.get(status, 'unknown')
        if level is None:
            continue
        if any(word in reading for word in FAILURE_WORDS):
            level = 'critical'
        entry = {'name': name, 'status': level, 'detail': sensor_detail(status, reading, entity)}
        lower = name.lower()
        match = TEMP_RE.search(reading)
        if match or 'temp' in lower:
            temps.append({'name': name, 'reading': float(match.group(1)) if match else None, 'warning': None, 'critical': None,
                          'status': level if level in ('warning', 'critical') else 'ok'})
        elif entity.startswith('10.') or lower.startswith(('ps', 'psu', 'power supply')):
            psus.append(entry)
        elif entity.startswith('29.') or 'fan' in lower:
            fans.append(entry)
        elif entity.startswith('4.') or 'drive' in lower or 'disk' in lower:
            drives.append(entry)
    return psus, fans, temps, drives


def sensor_detail(status, reading, entity):
    """'status ok, Presence detected, Failure detected (entity 10.2)': the reading's event words and units
    through the glossary; a reading of another shape is quoted as ipmitool printed it."""
    parts = [part.strip() for part in reading.split(', ')]
    value = VALUE_RE.match(parts[0])
    events = parts[1:] if value else parts
    if ', '.join(parts) == reading and all(parts) and not any(VALUE_RE.match(e) for e in events):
        if value and not events:
            return said('bmc.ipmi.sensor.value', 'status {status!w}, {number} {unit!w} (entity {entity})',
                        status=status, number=value.group(1), unit=value.group(2), entity=entity)
        if value and len(events) == 1:
            return said('bmc.ipmi.sensor.value_event', 'status {status!w}, {number} {unit!w}, {event!w} (entity {entity})',
                        status=status, number=value.group(1), unit=value.group(2), event=events[0], entity=entity)
        if value and len(events) == 2:
            return said('bmc.ipmi.sensor.value_events', 'status {status!w}, {number} {unit!w}, {event1!w}, {event2!w} (entity {entity})',
                        status=status, number=value.group(1), unit=value.group(2), event1=events[0], event2=events[1], entity=entity)
        if not value and len(events) == 1:
            return said('bmc.ipmi.sensor.event', 'status {status!w}, {event!w} (entity {entity})', status=status, event=events[0], entity=entity)
        if not value and len(events) == 2:
            return said('bmc.ipmi.sensor.events2', 'status {status!w}, {event1!w}, {event2!w} (entity {entity})',
                        status=status, event1=events[0], event2=events[1], entity=entity)
        if not value and len(events) == 3:
            return said('bmc.ipmi.sensor.events3', 'status {status!w}, {event1!w}, {event2!w}, {event3!w} (entity {entity})',
                        status=status, event1=events[0], event2=events[1], event3=events[2], entity=entity)
    return said('bmc.ipmi.sensor.reading', 'status {status!w}, {reading!q} (entity {entity})', status=status, reading=reading, entity=entity)


def parse_sel(text):
    """sel elist -> critical asserted entries [{message, created}]."""
    entries = []
    for parts in _rows(text, 6):
        date, time, sensor, event, direction = parts[1], parts[2], parts[3], parts[4], parts[5]
        if direction == 'Asserted' and any(word in event for word in CRITICAL_SEL):
            entries.append({'message': '%s: %s' % (sensor, event), 'created': '%s %s' % (date, time)})
    return entries


def parse_fru(text):
    fields = {}
    for line in (text or '').splitlines():
        key, sep, value = line.partition(':')
        if sep and key.strip() not in fields:
            fields[key.strip()] = value.strip()
    return {'manufacturer': fields.get('Product Manufacturer') or fields.get('Board Mfg'),
            'model': fields.get('Product Name') or fields.get('Board Product'),
            'serial': fields.get('Product Serial') or fields.get('Board Serial'),
            'firmware': fields.get('Product Version')}


def model_from_outputs(outputs):
    psus, fans, temps, drives = parse_sdr(outputs.get('sdr'))
    system = parse_fru(outputs.get('fru'))
    return {'system': system, 'psus': psus, 'fans': fans, 'temperatures': temps, 'drives': drives,
            'log': parse_sel(outputs.get('sel')), 'log_read': outputs.get('sel') is not None}


# `-v` output when the session fails: a wrong password shows in the RAKP exchange; a silent BMC
# fails earlier, at Get Channel Authentication Capabilities. Without -v both say the same.
REFUSED_WORDS = ('RAKP', 'HMAC', 'password', 'Unauthorized', 'privilege', 'Invalid user')

TIMED_OUT = 'ipmitool timed out'
COMMANDS = (('sdr', ['sdr', 'elist']), ('sel', ['sel', 'elist']), ('fru', ['fru', 'print', '0']))


def run_ipmitool(spec, args, timeout, binary='ipmitool', verbose=False):
    """(rc, stdout, stderr) of one ipmitool run against the BMC of `spec`."""
    # -C 3 (RAKP-HMAC-SHA1, AES-128): without it ipmitool first asks for the cipher suites, which
    # older BMCs do not answer, and loses seconds per command.
    argv = [binary, '-I', spec.get('interface') or 'lanplus', '-C', str(spec.get('cipher') or 3), '-H', spec['address'], '-p', str(spec['port']),
            '-U', spec.get('user') or '', '-E', '-N', str(max(1, int(timeout))), '-R', '1'] + (['-v'] if verbose else []) + list(args)
    env = dict(os.environ, IPMI_PASSWORD=spec.get('password') or '')
    try:
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=timeout * 4 + 5, check=False)
    except OSError as exc:
        return 127, '', str(exc)
    except subprocess.TimeoutExpired:
        return 124, '', TIMED_OUT
    return proc.returncode, decode_device_text(proc.stdout), decode_device_text(proc.stderr)
