# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Huawei OceanStor over its DeviceManager REST API (port 8088).

The documented flow: POST /deviceManager/rest/xxxxx/sessions {username, password, scope} answers
`data.iBaseToken` and `data.deviceid`; every later request goes to /deviceManager/rest/<deviceid>/...
with the token in the `iBaseToken` header (and the session cookie). Every answer is
{"data": ..., "error": {"code": 0, "description": ...}}; a non-zero code is an error even with
HTTP 200 (-401: not logged in; 1077949061 and neighbours: wrong user name or password).
Capacities are in sectors (SECTORSIZE, 512 bytes unless the system says otherwise).
Read here: system/, storagepool, disk, alarm/currentalarm; DELETE sessions at the end.

parse_*() take the decoded `data` of each answer and build the model of items.py; they never
raise on odd data, they record what they could not read.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

SECTOR = 512
HEALTH = {'0': ('unknown', 'unknown'), '1': ('ok', 'normal'), '2': ('critical', 'fault'),
          '3': ('warning', 'pre-fail'), '5': ('warning', 'degraded'), '9': ('warning', 'inconsistent')}
RUNNING = {'1': 'normal', '2': 'running', '14': 'pre-copy', '16': 'reconstruction', '27': 'online',
           '28': 'offline', '32': 'balancing', '53': 'initializing', '106': 'deleting'}
# currentalarm `level`: 2 warning, 3 major, 4 critical (1 informational).
ALARM_LEVEL = {'1': 'info', '2': 'warning', '3': 'major', '4': 'critical', '5': 'critical', '6': 'critical'}
AUTH_ERRORS = (1077949061, 1077987870, 1077949071, -401)
PATHS = (('system', '/system/'), ('pools', '/storagepool'), ('disks', '/disk'), ('alarms', '/alarm/currentalarm'))


class OceanStorError(Exception):
    """An answer the inspection cannot use; `auth` is True when the credentials were refused."""

    def __init__(self, message, auth=False):
        super(OceanStorError, self).__init__(message)
        self.auth = auth


def unwrap(body, what):
    """`data` of an OceanStor answer (bytes or text); raises OceanStorError on error codes or garbage."""
    try:
        doc = json.loads(body)
    except (TypeError, ValueError):
        raise OceanStorError('%s: answer is not JSON' % what)
    if not isinstance(doc, dict) or not isinstance(doc.get('error'), dict):
        raise OceanStorError('%s: answer has no error object' % what)
    try:
        code = int(doc['error'].get('code', -1))
    except (TypeError, ValueError):
        code = -1
    if code != 0:
        desc = str(doc['error'].get('description') or '')[:200]
        raise OceanStorError('%s: error %s %s' % (what, code, desc), auth=code in AUTH_ERRORS)
    return doc.get('data')


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _health(record):
    return HEALTH.get(str(record.get('HEALTHSTATUS')), ('unknown', 'health %r' % record.get('HEALTHSTATUS')))


def parse_system(data):
    if not isinstance(data, dict):
        return {'health': 'unknown', 'health_detail': 'system answer is not an object'}
    status, word = _health(data)
    version = data.get('pointRelease') or data.get('PRODUCTVERSION')
    return {'vendor': 'Huawei', 'name': data.get('NAME'), 'model': data.get('productModeString') or data.get('PRODUCTMODE'),
            'serial': data.get('ID') or data.get('wwn'), 'firmware': version, 'health': status,
            'health_detail': 'health %s, running %s' % (word, RUNNING.get(str(data.get('RUNNINGSTATUS')), data.get('RUNNINGSTATUS'))),
            'sector_size': _int(data.get('SECTORSIZE')) or SECTOR}


def parse_pools(data, sector=SECTOR):
    pools = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict):
            continue
        total, free = _int(record.get('USERTOTALCAPACITY')), _int(record.get('USERFREECAPACITY'))
        used = _int(record.get('USERCONSUMEDCAPACITY'))
        if used is None and total is not None and free is not None:
            used = total - free
        status, word = _health(record)
        pools.append({'name': str(record.get('NAME') or record.get('ID')),
                      'total_bytes': total * sector if total is not None else None,
                      'used_bytes': used * sector if used is not None else None,
                      'status': status if status != 'ok' else None,
                      'status_detail': None if status == 'ok' else 'pool health %s' % word})
    return pools


def parse_disks(data):
    disks = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict):
            continue
        status, word = _health(record)
        running = RUNNING.get(str(record.get('RUNNINGSTATUS')), str(record.get('RUNNINGSTATUS')))
        state = {'ok': 'ok', 'critical': 'failed', 'warning': 'degraded'}.get(status, 'unknown')
        if state == 'ok' and running == 'offline':
            state = 'failed'
        disks.append({'name': str(record.get('LOCATION') or record.get('ID')), 'state': state,
                      'detail': 'health %s, running %s, model %s, serial %s' % (
                          word, running, record.get('MODEL'), record.get('SERIALNUMBER'))})
    return disks


def parse_alarms(data):
    alarms = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict):
            continue
        severity = ALARM_LEVEL.get(str(record.get('level')), 'critical' if _int(record.get('level')) and _int(record.get('level')) > 4 else 'info')
        alarms.append({'id': str(record.get('eventID') or record.get('sequence')), 'name': str(record.get('name') or record.get('eventID')),
                       'severity': severity,
                       'detail': ('%s (event %s, sequence %s, location %s)' % (
                           str(record.get('description') or '')[:300], record.get('eventID'), record.get('sequence'),
                           record.get('location'))).strip()})
    return alarms


def model_from_answers(answers):
    """The items.py model from {'system': data, 'pools': data, 'disks': data, 'alarms': data}."""
    system = parse_system(answers.get('system'))
    return {'system': system, 'pools': parse_pools(answers.get('pools'), system.get('sector_size') or SECTOR),
            'disks': parse_disks(answers.get('disks')), 'alarms': parse_alarms(answers.get('alarms'))}
