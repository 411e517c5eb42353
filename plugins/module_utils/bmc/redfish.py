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

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes

HEALTH = {'OK': 'ok', 'Warning': 'warning', 'Critical': 'critical'}
ABSENT = ('Absent', 'Disabled', 'UnavailableOffline')
MAX_LOG_ENTRIES = 200


def _plain(value):
    """A document's value as a said() parameter (the same text as %s gives)."""
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _health(status):
    """(item status, {'health', 'state'} of the Status object, or None when there is none)."""
    if not isinstance(status, dict):
        return 'unknown', None
    state, health = status.get('State'), status.get('Health')
    words = {'health': _plain(health), 'state': _plain(state)}
    if state == 'UnavailableOffline':
        return 'critical', words
    return HEALTH.get(health, 'unknown'), words


def _system_detail(words):
    if words is None:
        return said('bmc.redfish.no_status', 'no Status')
    return said('bmc.redfish.status', 'health {health!w}, state {state!w}', **words)


def _psu_detail(words, psu):
    what = {'watts': _plain(psu.get('LastPowerOutputWatts')), 'model': _plain(psu.get('Model')), 'serial': _plain(psu.get('SerialNumber'))}
    if words is None:
        return said('bmc.redfish.psu_no_status', 'no Status, output {watts} W, model {model!q}, serial {serial}', **what)
    return said('bmc.redfish.psu', 'health {health!w}, state {state!w}, output {watts} W, model {model!q}, serial {serial}',
                **dict(what, **words))


def _fan_detail(words, fan):
    what = {'reading': _plain(fan.get('Reading')), 'units': _plain(fan.get('ReadingUnits') or '')}
    if words is None:
        return said('bmc.redfish.fan_no_status', 'no Status, {reading} {units!w}', **what)
    return said('bmc.redfish.fan', 'health {health!w}, state {state!w}, {reading} {units!w}', **dict(what, **words))


def _drive_detail(words, predicted, drive):
    """480103981056 bytes -> '447.1 GiB (480103981056 B)': readable, and the exact figure a ledger compares."""
    value = drive.get('CapacityBytes')
    what = {'media': _plain(drive.get('MediaType')), 'serial': _plain(drive.get('SerialNumber'))}
    if isinstance(value, int) and not isinstance(value, bool):
        what.update(size=format_bytes(value), size_bytes=value)
        if words is None:
            return said('bmc.redfish.drive_no_status', 'no Status, {media!w} {size} ({size_bytes:d} B), serial {serial}', **what)
        if predicted:
            return said('bmc.redfish.drive_predicted', 'health {health!w}, state {state!w}, failure predicted, {media!w} {size} '
                        '({size_bytes:d} B), serial {serial}', **dict(what, **words))
        return said('bmc.redfish.drive', 'health {health!w}, state {state!w}, {media!w} {size} ({size_bytes:d} B), serial {serial}',
                    **dict(what, **words))
    if words is None:
        return said('bmc.redfish.drive_no_status_size', 'no Status, {media!w} capacity unknown, serial {serial}', **what)
    if predicted:
        return said('bmc.redfish.drive_predicted_no_size', 'health {health!w}, state {state!w}, failure predicted, {media!w} capacity unknown, '
                    'serial {serial}', **dict(what, **words))
    return said('bmc.redfish.drive_no_size', 'health {health!w}, state {state!w}, {media!w} capacity unknown, serial {serial}',
                **dict(what, **words))


def unread(path, reason):
    """One document the walk could not read: a said() with the path and the reason (HTTP 404, answer is not JSON)."""
    return said('bmc.redfish.unread', '{path}: {reason!w}', path=str(path), reason=str(reason))


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
            docs['problems'].append(unread(path, 'not a JSON object'))
        except ValueError as exc:
            docs['problems'].append(unread(path, exc))
        return None

    root = fetch('/redfish/v1')
    if root is None:
        problem = docs['problems'][0].params
        raise ValueError(said('bmc.redfish.root_unusable', 'the service root /redfish/v1 is unusable: {path}: {reason!w}', **problem))
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
    health, words = _health(system.get('Status'))
    model = {'system': {'manufacturer': system.get('Manufacturer'), 'model': system.get('Model'), 'serial': system.get('SerialNumber'),
                        'bios': system.get('BiosVersion'), 'firmware': manager.get('FirmwareVersion'),
                        'health': health, 'health_detail': _system_detail(words)},
             'psus': [], 'fans': [], 'temperatures': [], 'drives': [], 'log': [], 'log_read': docs.get('log_entries') is not None}
    for power in docs.get('power') or []:
        for index, psu in enumerate(power.get('PowerSupplies') or []):
            if not isinstance(psu, dict) or (psu.get('Status') or {}).get('State') == 'Absent':
                continue
            status, words = _health(psu.get('Status'))
            model['psus'].append({'name': psu.get('Name') or 'PSU%d' % (index + 1), 'status': status, 'detail': _psu_detail(words, psu)})
    for thermal in docs.get('thermal') or []:
        for index, fan in enumerate(thermal.get('Fans') or []):
            if not isinstance(fan, dict) or (fan.get('Status') or {}).get('State') == 'Absent':
                continue
            status, words = _health(fan.get('Status'))
            model['fans'].append({'name': fan.get('Name') or fan.get('FanName') or 'Fan%d' % (index + 1), 'status': status,
                                  'detail': _fan_detail(words, fan)})
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
        status, words = _health(drive.get('Status'))
        predicted = bool(drive.get('FailurePredicted')) and status == 'ok'
        if predicted:
            status = 'warning'
        model['drives'].append({'name': drive.get('Name') or drive.get('Id') or '?', 'status': status,
                                'detail': _drive_detail(words, predicted, drive)})
    for entry in docs.get('log_entries') or []:
        if isinstance(entry, dict) and entry.get('Severity') == 'Critical':
            model['log'].append({'message': str(entry.get('Message') or '')[:200], 'created': entry.get('Created')})
    return model
