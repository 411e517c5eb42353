# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Redfish (DMTF DSP0266) hardware health: parse the documents of one BMC into the items.py model.

Walk (collect_documents): /redfish/v1 -> Systems members (Status, Model, SerialNumber, BiosVersion,
Storage -> Drives) -> Chassis members (Power.PowerSupplies, Thermal.Fans/Temperatures) ->
Managers members (FirmwareVersion, LogServices -> Entries with Severity Critical).
`get(path)` returns the decoded JSON document or raises; the walk records what it could not read.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes

HEALTH = {'OK': 'ok', 'Warning': 'warning', 'Critical': 'critical'}
ABSENT = ('Absent', 'Disabled', 'UnavailableOffline')
MAX_LOG_ENTRIES = 200


def _health(status):
    if not isinstance(status, dict):
        return 'unknown', 'no Status'
    state, health = status.get('State'), status.get('Health')
    word = 'health %s, state %s' % (health, state)
    if state == 'UnavailableOffline':
        return 'critical', word
    return HEALTH.get(health, 'unknown'), word


def _capacity(value):
    """480103981056 -> '447.1 GiB (480103981056 B)': readable, and the exact figure a ledger compares."""
    if not isinstance(value, int) or isinstance(value, bool):
        return 'capacity unknown'
    return '%s (%d B)' % (format_bytes(value), value)


def _members(doc):
    return [m.get('@odata.id') for m in (doc or {}).get('Members') or [] if isinstance(m, dict) and m.get('@odata.id')]


def _link(doc, key):
    value = (doc or {}).get(key)
    return value.get('@odata.id') if isinstance(value, dict) else None


def collect_documents(get):
    """{'systems': [...], 'power': [...], 'thermal': [...], 'drives': [...], 'managers': [...], 'log_entries': [...] or None, 'problems': [...]}."""
    docs = {'systems': [], 'power': [], 'thermal': [], 'drives': [], 'managers': [], 'log_entries': None, 'problems': []}

    def fetch(path):
        try:
            doc = get(path)
            if isinstance(doc, dict):
                return doc
            docs['problems'].append('%s: not a JSON object' % path)
        except ValueError as exc:
            docs['problems'].append('%s: %s' % (path, exc))
        return None

    root = fetch('/redfish/v1')
    if root is None:
        raise ValueError('the service root /redfish/v1 is unusable: %s' % '; '.join(docs['problems']))
    for system_path in _members(fetch(_link(root, 'Systems') or '/redfish/v1/Systems')):
        system = fetch(system_path)
        if system is None:
            continue
        docs['systems'].append(system)
        storage_link = _link(system, 'Storage')
        for storage_path in _members(fetch(storage_link)) if storage_link else []:
            storage = fetch(storage_path) or {}
            for drive in storage.get('Drives') or []:
                if isinstance(drive, dict) and drive.get('@odata.id'):
                    found = fetch(drive['@odata.id'])
                    if found:
                        docs['drives'].append(found)
    for chassis_path in _members(fetch(_link(root, 'Chassis') or '/redfish/v1/Chassis')):
        chassis = fetch(chassis_path) or {}
        for key, bucket in (('Power', 'power'), ('Thermal', 'thermal')):
            if _link(chassis, key):
                found = fetch(_link(chassis, key))
                if found:
                    docs[bucket].append(found)
    for manager_path in _members(fetch(_link(root, 'Managers') or '/redfish/v1/Managers')):
        manager = fetch(manager_path)
        if manager is None:
            continue
        docs['managers'].append(manager)
        if _link(manager, 'LogServices'):
            for service_path in _members(fetch(_link(manager, 'LogServices'))):
                service = fetch(service_path) or {}
                if _link(service, 'Entries'):
                    entries = fetch(_link(service, 'Entries'))
                    if entries is not None:
                        docs['log_entries'] = (docs['log_entries'] or []) + list(entries.get('Members') or [])[:MAX_LOG_ENTRIES]
    return docs


def model_from_documents(docs):
    system = (docs.get('systems') or [{}])[0]
    manager = (docs.get('managers') or [{}])[0]
    health, word = _health(system.get('Status'))
    model = {'system': {'manufacturer': system.get('Manufacturer'), 'model': system.get('Model'), 'serial': system.get('SerialNumber'),
                        'bios': system.get('BiosVersion'), 'firmware': manager.get('FirmwareVersion'),
                        'health': health, 'health_detail': word},
             'psus': [], 'fans': [], 'temperatures': [], 'drives': [], 'log': [], 'log_read': docs.get('log_entries') is not None}
    for power in docs.get('power') or []:
        for index, psu in enumerate(power.get('PowerSupplies') or []):
            if not isinstance(psu, dict) or (psu.get('Status') or {}).get('State') == 'Absent':
                continue
            status, word = _health(psu.get('Status'))
            model['psus'].append({'name': psu.get('Name') or 'PSU%d' % (index + 1), 'status': status,
                                  'detail': '%s, output %s W, model %s, serial %s' % (
                                      word, psu.get('LastPowerOutputWatts'), psu.get('Model'), psu.get('SerialNumber'))})
    for thermal in docs.get('thermal') or []:
        for index, fan in enumerate(thermal.get('Fans') or []):
            if not isinstance(fan, dict) or (fan.get('Status') or {}).get('State') == 'Absent':
                continue
            status, word = _health(fan.get('Status'))
            model['fans'].append({'name': fan.get('Name') or fan.get('FanName') or 'Fan%d' % (index + 1), 'status': status,
                                  'detail': '%s, %s %s' % (word, fan.get('Reading'), fan.get('ReadingUnits') or '')})
        for index, sensor in enumerate(thermal.get('Temperatures') or []):
            if not isinstance(sensor, dict) or (sensor.get('Status') or {}).get('State') in ABSENT:
                continue
            status, _word = _health(sensor.get('Status'))
            reading = sensor.get('ReadingCelsius')
            model['temperatures'].append({
                'name': sensor.get('Name') or 'Temp%d' % (index + 1),
                'reading': reading if isinstance(reading, (int, float)) and not isinstance(reading, bool) else None,
                'warning': sensor.get('UpperThresholdNonCritical'), 'critical': sensor.get('UpperThresholdCritical'),
                'status': status})
    for drive in docs.get('drives') or []:
        status, word = _health(drive.get('Status'))
        if drive.get('FailurePredicted') and status == 'ok':
            status, word = 'warning', word + ', failure predicted'
        detail = '%s, %s %s, serial %s' % (word, drive.get('MediaType'), _capacity(drive.get('CapacityBytes')), drive.get('SerialNumber'))
        model['drives'].append({'name': drive.get('Name') or drive.get('Id') or '?', 'status': status, 'detail': detail})
    for entry in docs.get('log_entries') or []:
        if isinstance(entry, dict) and entry.get('Severity') == 'Critical':
            model['log'].append({'message': str(entry.get('Message') or '')[:200], 'created': entry.get('Created')})
    return model
