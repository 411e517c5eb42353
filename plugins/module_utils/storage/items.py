# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage array items from one normalised model, whatever the vendor.

The vendor modules (oceanstor.py, storwize.py) turn what the array said into this model:
  system: {name, model, serial, firmware, health (ok|warning|critical|unknown), health_detail}
  pools:  [{name, total_bytes, used_bytes, status, status_detail}]
  disks:  [{name, state (ok|degraded|failed|unknown), detail}]
  alarms: [{id, name, severity (critical|major|warning|info), detail}]
  components (optional): {mdisks|nodes|batteries|psus|quorum: [{name, state (ok|warning|critical|unknown),
              value, detail, fault}]}
  missing (optional): {section: (command or endpoint, reason)}: what was not read
and items_from_model() makes the items: storage.system.health, storage.pool.used_pct (one per
pool, with capacity metrics for the days-to-full forecast), storage.disk.state (one summary item
when every disk is fine, else one per disk that is not), storage.alarm (one per current alarm of
warning severity or worse, else one summary item), and per component kind (storage.mdisk.state,
storage.node.state, storage.battery.state, storage.psu.state, storage.quorum.state) one summary item
when all are ok, else one item per component that is not. A section in `missing` gives one unknown
item naming the command or endpoint instead, never an "all healthy" summary of nothing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.storage.lists import none_listed, summary, unanswered
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate

DEVICE_CLASS = 'storage'
# Alarm severities of the arrays, mapped to item statuses. Informational events are not findings.
ALARM_STATUS = {'critical': 'critical', 'major': 'warning', 'warning': 'warning'}
DISK_STATUS = {'ok': 'ok', 'degraded': 'warning', 'failed': 'critical', 'unknown': 'unknown'}
# Model section -> the item id its findings (or its `missing` unknown item) carry.
SECTION_ITEMS = (('pools', 'storage.pool.used_pct'), ('disks', 'storage.disk.state'), ('alarms', 'storage.alarm'))
# Component kind -> (item id, subject of the all-ok summary, what is counted).
COMPONENT_ITEMS = (('mdisks', 'storage.mdisk.state', 'all MDisks', 'MDisks'),
                   ('nodes', 'storage.node.state', 'all nodes', 'nodes'),
                   ('batteries', 'storage.battery.state', 'all batteries', 'batteries'),
                   ('psus', 'storage.psu.state', 'all power supplies', 'power supplies'),
                   ('quorum', 'storage.quorum.state', 'quorum', 'quorum entries'))


def reach_item(status, detail, fault=False):
    return make_item('storage.reach', subject='management', value='answered' if status == 'ok' else 'no answer',
                     status=status, detail=detail, fault=fault)


def silent_inspection(target, reason, fault=True):
    """The inspection of an array that did not answer (fault) or refused us (critical, not a fault)."""
    return make_inspection(target, DEVICE_CLASS, [reach_item('critical', reason, fault=fault)])


def _pool_items(pools, overrides, metrics):
    items = []
    for pool in pools:
        name = pool['name']
        total, used = pool.get('total_bytes'), pool.get('used_bytes')
        if not total or used is None:
            items.append(make_item('storage.pool.used_pct', subject=name, status='unknown',
                                   detail=said('storage.pool.no_capacity', 'capacity not reported (total {total}, used {used})', total=total, used=used)))
            continue
        pct = round(100.0 * used / total, 1)
        detail = _pool_detail(format_bytes(used), format_bytes(total), pool.get('status_detail'))
        item = evaluate('storage.pool.used_pct', pct, subject=name, overrides=overrides, unit='%', detail=detail)
        if pool.get('status') == 'critical' or (pool.get('status') == 'warning' and item['status'] == 'ok'):
            item['status'] = pool['status']
        items.append(item)
        metrics['pool.%s.capacity_bytes' % name] = total
        metrics['pool.%s.used_bytes' % name] = used
        metrics['pool.%s.used_pct' % name] = pct
    return items


def _pool_detail(used, total, status):
    """'used 2.5 TiB of 10.0 TiB', and the pool's own status (a said() of the vendor module) when it is not fine."""
    ours, params = getattr(status, 'detail_id', None), getattr(status, 'params', None) or {}
    if not status:
        return said('storage.pool.used', 'used {used} of {total}', used=used, total=total)
    if ours == 'storage.pool.health':
        return said('storage.pool.used_health', 'used {used} of {total}; pool health {health!w}', used=used, total=total, **params)
    if ours == 'storage.pool.status':
        return said('storage.pool.used_status', 'used {used} of {total}; pool status {status!w}', used=used, total=total, **params)
    return said('storage.pool.used_other', 'used {used} of {total}; {status!q}', used=used, total=total, status=str(status))


def _disk_items(disks):
    bad = [d for d in disks if d.get('state') != 'ok']
    if not bad:
        return [make_item('storage.disk.state', subject='all disks', value=len(disks), status='ok',
                          detail=said('storage.disk.all_ok', '{count:d} disks, all healthy', count=len(disks)))]
    return [make_item('storage.disk.state', subject=d['name'], value=d.get('state', 'unknown'),
                      status=DISK_STATUS.get(d.get('state'), 'unknown'), detail=d.get('detail'))
            for d in bad]


def _alarm_items(alarms):
    found = [a for a in alarms if a.get('severity') in ALARM_STATUS]
    if not found:
        return [make_item('storage.alarm', subject='current alarms', value=0, status='ok',
                          detail=said('storage.alarm.none', 'no current alarm of warning severity or worse ({count:d} in all)', count=len(alarms)))]
    return [make_item('storage.alarm', subject=a['name'], value=a['severity'], status=ALARM_STATUS[a['severity']],
                      detail=a.get('detail')) for a in found]


def _missing_item(item_id, source, reason):
    return make_item(item_id, subject=source, value='not read', status='unknown', detail=unanswered(source, reason))


def _component_items(components, missing):
    items = []
    for key, item_id, label, _noun in COMPONENT_ITEMS:
        if key in missing:
            items.append(_missing_item(item_id, *missing[key]))
            continue
        if key not in components:
            continue
        found = components[key]
        bad = [c for c in found if c.get('state') != 'ok']
        if not bad:
            counted = [c for c in found if c.get('counted', True)]
            items.append(make_item(item_id, subject=label, value=len(counted), status='ok',
                                   detail=summary(key, found) or none_listed(key)))
            continue
        items += [make_item(item_id, subject=c['name'], value=c.get('value'), status=c.get('state') or 'unknown',
                            detail=c.get('detail'), fault=bool(c.get('fault'))) for c in bad]
    return items


def items_from_model(target, model, overrides=None, reach_detail=None):
    """The array's inspection from the normalised model."""
    system = model.get('system') or {}
    metrics = {}
    items = [reach_item('ok', reach_detail or said('storage.reach.answered', 'answered')),
             make_item('storage.system.health', subject=system.get('name') or target, value=system.get('health', 'unknown'),
                       status=system.get('health', 'unknown'), detail=system.get('health_detail'))]
    missing = model.get('missing') or {}
    makers = {'pools': lambda: _pool_items(model.get('pools') or [], overrides, metrics),
              'disks': lambda: _disk_items(model.get('disks') or []), 'alarms': lambda: _alarm_items(model.get('alarms') or [])}
    for section, item_id in SECTION_ITEMS:
        items += [_missing_item(item_id, *missing[section])] if section in missing else makers[section]()
    items += _component_items(model.get('components') or {}, missing)
    facts = dict((k, system[k]) for k in ('vendor', 'model', 'serial', 'firmware', 'name') if system.get(k))
    return make_inspection(target, DEVICE_CLASS, items, facts=facts, metrics=metrics)
