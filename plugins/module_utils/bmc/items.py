# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC items from one normalised model, whatever the protocol (Redfish or IPMI).

redfish.py and ipmi.py turn what the BMC said into:
  system:       {model, serial, bios, firmware, manufacturer, health (ok|warning|critical|unknown), health_detail}
                (no health over IPMI: no bmc.health item then)
  psus, fans:   [{name, status (ok|warning|critical|unknown), detail}]
  temperatures: [{name, reading, warning, critical, status}]   (device thresholds, may be None)
  drives:       [{name, status, detail}]
  log:          [{message, created}]                            (critical entries only)
  log_read:     True when the log could be read
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate, status_for

DEVICE_CLASS = 'bmc'
TEMP_ID = 'bmc.temperature.c'


def reach_item(status, detail, fault=False):
    return make_item('bmc.reach', subject='management', value='answered' if status == 'ok' else 'no answer',
                     status=status, detail=detail, fault=fault)


def silent_inspection(target, reason, fault=True):
    return make_inspection(target, DEVICE_CLASS, [reach_item('critical', reason, fault=fault)])


def _temperature(sensor, overrides):
    name, reading = sensor['name'], sensor.get('reading')
    if reading is None:
        return make_item(TEMP_ID, subject=name, status='unknown', detail=said('bmc.temperature.no_reading', 'no reading'))
    user_rule = overrides and (TEMP_ID in overrides or '%s@%s' % (TEMP_ID, name) in overrides)
    device_rule = dict((k, sensor[k]) for k in ('warning', 'critical') if sensor.get(k) is not None)
    if user_rule or not device_rule:
        item = evaluate(TEMP_ID, reading, subject=name, overrides=overrides, unit='°C',
                        detail=said('bmc.temperature.collection', 'reading {reading} C (collection threshold)', reading=reading))
        reported = said('bmc.temperature.collection_reported', 'reading {reading} C (collection threshold); the BMC reports the sensor {state!w}',
                        reading=reading, state=sensor.get('status'))
    else:
        item = make_item(TEMP_ID, subject=name, value=reading, unit='°C', status=status_for(reading, device_rule),
                         threshold=device_rule, detail=said('bmc.temperature.device', 'reading {reading} C (BMC thresholds)', reading=reading))
        reported = said('bmc.temperature.device_reported', 'reading {reading} C (BMC thresholds); the BMC reports the sensor {state!w}',
                        reading=reading, state=sensor.get('status'))
    if sensor.get('status') in ('warning', 'critical') and item['status'] == 'ok':
        # The sensor's own status wins over an ok reading, and the whole detail says so.
        item.update(status=sensor['status'], detail=str(reported), detail_id=reported.detail_id, params=dict(reported.params))
    return item


def items_from_model(target, model, overrides=None, reach_detail=None):
    system = model.get('system') or {}
    items = [reach_item('ok', reach_detail or said('bmc.reach.answered', 'answered'))]
    if system.get('health'):            # IPMI has no overall health: its sensors are the items
        items.append(make_item('bmc.health', subject='system', value=system['health'], status=system['health'],
                               detail=system.get('health_detail')))
    for key, item_id in (('psus', 'bmc.psu.state'), ('fans', 'bmc.fan.state'), ('drives', 'bmc.drive.state')):
        for part in model.get(key) or []:
            items.append(make_item(item_id, subject=part['name'], value=part.get('status', 'unknown'),
                                   status=part.get('status', 'unknown'), detail=part.get('detail')))
    for sensor in model.get('temperatures') or []:
        items.append(_temperature(sensor, overrides or {}))
    if model.get('log_read'):
        entries = model.get('log') or []
        text = '; '.join('%s %s' % (e.get('created') or '', e.get('message') or '') for e in entries[:5]).strip()[:500]
        detail = said('bmc.log.entries', '{entries!q}', entries=text) if text else said('bmc.log.none', 'no critical entry')
        items.append(evaluate('bmc.log.critical', len(entries), subject='SEL', overrides=overrides, detail=detail))
    facts = dict((k, system[k]) for k in ('manufacturer', 'model', 'serial', 'bios', 'firmware') if system.get(k))
    metrics = dict(('temperature.%s' % s['name'], s['reading']) for s in model.get('temperatures') or [] if s.get('reading') is not None)
    return make_inspection(target, DEVICE_CLASS, items, facts=facts, metrics=metrics)
