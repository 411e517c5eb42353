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

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.storage.lists import NOT_READ, unanswered

SECTOR = 512
HEALTH = {'0': ('unknown', 'unknown'), '1': ('ok', 'normal'), '2': ('critical', 'fault'),
          '3': ('warning', 'pre-fail'), '5': ('warning', 'degraded'), '9': ('warning', 'inconsistent')}
RUNNING = {'1': 'normal', '2': 'running', '14': 'pre-copy', '16': 'reconstruction', '27': 'online',
           '28': 'offline', '32': 'balancing', '53': 'initializing', '106': 'deleting'}
# currentalarm `level`: 2 warning, 3 major, 4 critical (1 informational).
ALARM_LEVEL = {'1': 'info', '2': 'warning', '3': 'major', '4': 'critical', '5': 'critical', '6': 'critical'}
AUTH_ERRORS = (1077949061, 1077987870, 1077949071, -401)
PATHS = (('system', '/system/'), ('pools', '/storagepool'), ('disks', '/disk'), ('alarms', '/alarm/currentalarm'))
# system/ PRODUCTMODE -> model, for arrays whose answer has no productModeString. The codes are those of
# Huawei's own public storage plugin for BMC TrueSight (github.com/gh-ca/bmcplugin,
# source/src/Huawei-ETL-for-BMC-TrueSight-CO/.../storage/constants/BoxTypeConst.java, boxMap).
PRODUCT_MODES = dict([
    ('18', 'OceanStor S5500T'), ('19', 'OceanStor S5600T'), ('20', 'OceanStor S6800T'), ('26', 'OceanStor S5800T'),
    ('30', 'OceanStor S2600T'), ('43', 'OceanStor S2200T'), ('56', 'OceanStor 18800F'), ('57', 'OceanStor 18500'),
    ('58', 'OceanStor 18800'), ('61', 'OceanStor 6800 V3'), ('62', 'OceanStor 6900 V3'), ('63', 'OceanStor 5600 V3'),
    ('64', 'OceanStor 5800 V3'), ('68', 'OceanStor 5500 V3'), ('69', 'OceanStor 2600 V3'), ('70', 'OceanStor 5300 V3'),
    ('71', 'OceanStor 2800 V3'), ('72', 'OceanStor 18500 V3'), ('73', 'OceanStor 18800 V3'), ('74', 'OceanStor 2200 V3'),
    ('79', 'OceanStor 5100 V3'), ('82', 'OceanStor 2600 V3 for Video'), ('84', 'OceanStor 2600F V3'),
    ('85', 'OceanStor 5500F V3'), ('86', 'OceanStor 5600F V3'), ('87', 'OceanStor 5800F V3'), ('88', 'OceanStor 6800F V3'),
    ('89', 'OceanStor 18500F V3'), ('90', 'OceanStor 18800F V3'), ('92', 'OceanStor 2800 V5'), ('93', 'OceanStor 5300 V5'),
    ('94', 'OceanStor 5300F V5'), ('95', 'OceanStor 5500 V5'), ('96', 'OceanStor 5500F V5'), ('97', 'OceanStor 5600 V5'),
    ('98', 'OceanStor 5600F V5'), ('99', 'OceanStor 5800 V5'), ('100', 'OceanStor 5800F V5'), ('101', 'OceanStor 6800 V5'),
    ('102', 'OceanStor 6800F V5'), ('103', 'OceanStor 18500 V5'), ('104', 'OceanStor 18500F V5'),
    ('105', 'OceanStor 18800 V5'), ('106', 'OceanStor 18800F V5'), ('107', 'OceanStor 5500 V5 Elite'),
    ('108', 'OceanStor 2100 V3'), ('112', 'OceanStor 2200 V3 Enhanced'), ('113', 'OceanStor 2600 V3 Enhanced'),
    ('114', 'OceanStor 2600F V3 Enhanced'), ('115', 'OceanStor 5300 V5 Enhanced'), ('116', 'OceanStor 5110 V5'),
    ('117', 'OceanStor 5110F V5'), ('118', 'OceanStor 5210 V5'), ('119', 'OceanStor 5210F V5'), ('120', 'OceanStor 5310 V5'),
    ('121', 'OceanStor 5310F V5'), ('122', 'OceanStor 5510 V5'), ('123', 'OceanStor 5510F V5'), ('124', 'OceanStor 5610 V5'),
    ('125', 'OceanStor 5610F V5'), ('126', 'OceanStor 5810 V5'), ('127', 'OceanStor 5810F V5'), ('128', 'OceanStor 6810 V5'),
    ('129', 'OceanStor 6810F V5'), ('130', 'OceanStor 15810 V5'), ('131', 'OceanStor 15810F V5'),
    ('132', 'OceanStor 18810 V5'), ('133', 'OceanStor 18810F V5'), ('134', 'OceanStor 5210 V5 Enhanced'),
    ('135', 'OceanStor 5210F V5 Enhanced'), ('137', 'OceanStor 2810 V5'), ('805', 'OceanStor Dorado 5000 V3'),
    ('806', 'OceanStor Dorado 6000 V3'), ('807', 'OceanStor Dorado 18000 V3'), ('808', 'OceanStor Dorado NAS'),
    ('809', 'OceanStor Dorado NAS Enhanced'), ('810', 'OceanStor Dorado 3000 V3'), ('811', 'OceanStor Dorado 5000 V6 (SAS)'),
    ('812', 'OceanStor Dorado 5000 V6 (NVMe)'), ('813', 'OceanStor Dorado 6000 V6 (SAS)'),
    ('814', 'OceanStor Dorado 6000 V6 (NVMe)'), ('815', 'OceanStor Dorado 8000 V6 (SAS)'),
    ('816', 'OceanStor Dorado 8000 V6 (NVMe)'), ('817', 'OceanStor Dorado 18000 V6 (SAS)'),
    ('818', 'OceanStor Dorado 18000 V6 (NVMe)'), ('819', 'OceanStor Dorado 3000 V6 (SAS)'),
    ('821', 'OceanStor Dorado 5000 V6 (IP SAS)'), ('822', 'OceanStor Dorado 6000 V6 (IP SAS)'),
    ('823', 'OceanStor Dorado 8000 V6 (IP SAS)'), ('824', 'OceanStor Dorado 18000 V6 (IP SAS)'),
    ('825', 'OceanStor Dorado 5300 V6'), ('826', 'OceanStor Dorado 5500 V6'), ('827', 'OceanStor Dorado 5600 V6'),
    ('828', 'OceanStor Dorado 5800 V6'), ('829', 'OceanStor Dorado 6800 V6'), ('830', 'OceanStor Dorado 18500 V6'),
    ('831', 'OceanStor Dorado 18800 V6'), ('832', 'OceanStor Dorado 18800K V6'), ('833', 'OceanStor 5310'),
    ('834', 'OceanStor 5510'), ('835', 'OceanStor 5610'), ('836', 'OceanStor 6810'), ('837', 'OceanStor 18510'),
    ('838', 'OceanStor 18810'), ('839', 'OceanStor Dorado 5600K'), ('840', 'OceanStor 18500K'),
])


class OceanStorError(Exception):
    """An answer the inspection cannot use; `auth` is True when the credentials were refused.

    `reason` is the message as a said(): storage.rest.error {request, code, description} or
    storage.rest.answer {request, problem} (answer is not JSON, answer has no error object)."""

    def __init__(self, reason, auth=False):
        super(OceanStorError, self).__init__(reason)
        self.reason = reason
        self.auth = auth


def answer_problem(request, problem):
    """`request` (login, GET /disk) answered what cannot be read: problem is a glossary word."""
    return said('storage.rest.answer', '{request}: {problem!w}', request=request, problem=problem)


def unwrap(body, what):
    """`data` of an OceanStor answer (bytes or text); raises OceanStorError on error codes or garbage."""
    try:
        doc = json.loads(body)
    except (TypeError, ValueError):
        raise OceanStorError(answer_problem(what, 'answer is not JSON'))
    if not isinstance(doc, dict) or not isinstance(doc.get('error'), dict):
        raise OceanStorError(answer_problem(what, 'answer has no error object'))
    try:
        code = int(doc['error'].get('code', -1))
    except (TypeError, ValueError):
        code = -1
    if code != 0:
        desc = str(doc['error'].get('description') or '')[:200]
        raise OceanStorError(said('storage.rest.error', '{request}: error {code} {description!q}', request=what, code=code, description=desc),
                             auth=code in AUTH_ERRORS)
    return doc.get('data')


def _text(value):
    """A record's value as a said() parameter (the same text as %s gives)."""
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _health(record):
    """(item status, health word): the word of a code the table does not know is "health '<code>'" (as it always said)."""
    return HEALTH.get(str(record.get('HEALTHSTATUS')), ('unknown', 'health %r' % record.get('HEALTHSTATUS')))


def _running(record):
    """The running-status word of a record (its raw code when the table does not know it)."""
    code = record.get('RUNNINGSTATUS')
    word = RUNNING.get(str(code), code)
    return word if word is None or isinstance(word, (str, int, float, bool)) else str(word)


def model_name(data):
    """productModeString when the array gives it, else the name of its PRODUCTMODE code."""
    if data.get('productModeString'):
        return str(data['productModeString'])
    code = data.get('PRODUCTMODE')
    if code in (None, ''):
        return None
    return PRODUCT_MODES.get(str(code).strip(), 'product mode %s (unknown code)' % code)


def parse_system(data):
    if not isinstance(data, dict):
        return {'health': 'unknown', 'health_detail': said('storage.oceanstor.system_not_object', 'system answer is not an object')}
    status, word = _health(data)
    version = data.get('pointRelease') or data.get('PRODUCTVERSION')
    return {'vendor': 'Huawei', 'name': data.get('NAME'), 'model': model_name(data),
            'serial': data.get('ID') or data.get('wwn'), 'firmware': version, 'health': status,
            'health_detail': said('storage.oceanstor.system', 'health {health!w}, running {running!w}', health=word, running=_running(data)),
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
                      'status_detail': None if status == 'ok' else said('storage.pool.health', 'pool health {health!w}', health=word)})
    return pools


def parse_disks(data):
    disks = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict):
            continue
        status, word = _health(record)
        running = RUNNING.get(str(record.get('RUNNINGSTATUS')), str(record.get('RUNNINGSTATUS')))   # text: 'None' when absent
        state = {'ok': 'ok', 'critical': 'failed', 'warning': 'degraded'}.get(status, 'unknown')
        if state == 'ok' and running == 'offline':
            state = 'failed'
        disks.append({'name': str(record.get('LOCATION') or record.get('ID')), 'state': state,
                      'detail': said('storage.oceanstor.disk', 'health {health!w}, running {running!w}, model {model!q}, serial {serial}',
                                     health=word, running=running, model=_text(record.get('MODEL')), serial=_text(record.get('SERIALNUMBER')))})
    return disks


def parse_alarms(data):
    alarms = []
    for record in data if isinstance(data, list) else []:
        if not isinstance(record, dict):
            continue
        severity = ALARM_LEVEL.get(str(record.get('level')), 'critical' if _int(record.get('level')) and _int(record.get('level')) > 4 else 'info')
        where = {'event': _text(record.get('eventID')), 'sequence': _text(record.get('sequence')), 'location': _text(record.get('location'))}
        text = str(record.get('description') or '')[:300]
        if text.strip():
            detail = said('storage.oceanstor.alarm', '{text!q} (event {event}, sequence {sequence}, location {location})', text=text.lstrip(),
                          **where)
        else:
            detail = said('storage.oceanstor.alarm_bare', '(event {event}, sequence {sequence}, location {location})', **where)
        alarms.append({'id': str(record.get('eventID') or record.get('sequence')), 'name': str(record.get('name') or record.get('eventID')),
                       'severity': severity, 'detail': detail})
    return alarms


def model_from_answers(answers, failures=None):
    """The items.py model from {'system': data, 'pools': data, 'disks': data, 'alarms': data}.

    `failures` maps a key to the error of its GET; a key without an answer (None) is missing: its
    items are one unknown item naming the endpoint, never "0 disks, all healthy".
    """
    failures = dict(failures or {})
    paths = dict(PATHS)
    system = parse_system(answers.get('system'))
    if answers.get('system') is None:
        system['health_detail'] = unanswered('GET %s' % paths['system'], failures.get('system') or NOT_READ)
    missing = dict((key, ('GET %s' % paths[key], failures.get(key) or NOT_READ))
                   for key in ('pools', 'disks', 'alarms') if answers.get(key) is None)
    return {'system': system, 'pools': parse_pools(answers.get('pools'), system.get('sector_size') or SECTOR),
            'disks': parse_disks(answers.get('disks')), 'alarms': parse_alarms(answers.get('alarms')), 'missing': missing}
