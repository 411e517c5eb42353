# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Thin-client fleet statistics per department (medops.itops.fleet_sweep).

The fleet is the DHCP plan, not an inventory host per client: a list of {site, department,
label, range, port}. Every address of every department is swept at once (sweep.py); each
department becomes ONE inspection (target = department, class thin_client) with:
  fleet.online_pct   share of addresses that answered (thresholds, lower is worse)
  fleet.offline      number of silent addresses; detail lists them (bounded) with when each was
                     last seen, from the history store's `fleet.seen.<address>` metric series
Metrics: fleet.online_pct/online/offline/total for trends, and fleet.seen.<address> = 1 for each
online address, which is what "last seen" is read from in later runs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.fleet import ranges
from ansible_collections.medops.itops.plugins.module_utils.fleet.sweep import sweep
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate

DEVICE_CLASS = 'thin_client'
SEEN_PREFIX = 'fleet.seen.'


def departments(fleet, default_port=22):
    """(departments, inspections for unusable rows): each department {department, site, label, port, addresses}."""
    good, broken = [], []
    for index, row in enumerate(fleet or []):
        name = row.get('department') if isinstance(row, dict) else None
        target = str(name or 'fleet[%d]' % index)
        try:
            if not name:
                raise ranges.RangeError('fleet[%d]: `department` is required' % index)
            if not row.get('range'):
                raise ranges.RangeError('`range` is required')
            port = int(row.get('port') or default_port)
            if not 0 < port < 65536:
                raise ranges.RangeError('port %s is not a TCP port' % port)
            good.append({'department': target, 'site': row.get('site'), 'label': row.get('label'), 'port': port,
                         'range': row['range'], 'addresses': ranges.expand(row['range'])})
        except (ranges.RangeError, TypeError, ValueError) as exc:
            item = make_item('fleet.range', subject=target, status='unknown', detail='cannot sweep: %s' % exc)
            broken.append(make_inspection(target, DEVICE_CLASS, [item]))
    return good, broken


def last_seen(store, department, address):
    """When `address` last answered (the collected_at of its latest fleet.seen metric), or None."""
    if store is None:
        return None
    try:
        series = store.metric_series(department, SEEN_PREFIX + address)
    except Exception:  # pylint: disable=broad-except  # history is a nicety; the sweep result stands without it
        return None
    return series[-1]['collected_at'] if series else None


def _offline_detail(store, dept, offline, max_listed):
    """The offline addresses with their last-seen time; what is unknown is said once, not per address."""
    listed = offline[:max_listed]
    if not listed:
        return None
    if store is None:
        parts = ['%s (last seen unknown: no history store)' % ', '.join(listed)]
    else:
        parts, never = [], []
        for address in listed:
            seen = last_seen(store, dept['department'], address)
            if seen:
                parts.append('%s (last seen %s)' % (address, seen))
            else:
                never.append(address)
        if never:
            parts.append('%s (never seen in the history)' % ', '.join(never))
    if len(offline) > max_listed:
        parts.append('... %d more' % (len(offline) - max_listed))
    return ', '.join(parts)


def department_inspection(dept, results, overrides=None, store=None, max_listed=50, method='tcp'):
    """One department's inspection from the sweep results {(address, port): (state, detail, ms)}."""
    online, offline = [], []
    for address in dept['addresses']:
        state = results.get((address, dept['port']), ('offline', 'not swept', None))[0]
        (online if state == 'online' else offline).append(address)
    total = len(dept['addresses'])
    pct = round(100.0 * len(online) / total, 1)
    name = dept['department']
    how = ' port %d' % dept['port'] if method == 'tcp' else ''
    items = [
        evaluate('fleet.online_pct', pct, subject=name, overrides=overrides, unit='%',
                 detail='%d of %d addresses answered (%s%s)' % (len(online), total, method.upper(), how)),
        evaluate('fleet.offline', len(offline), subject=name, overrides=overrides,
                 detail=_offline_detail(store, dept, offline, max_listed)),
    ]
    metrics = {'fleet.online_pct': pct, 'fleet.online': len(online), 'fleet.offline': len(offline), 'fleet.total': total}
    metrics.update((SEEN_PREFIX + address, 1) for address in online)
    facts = dict((k, dept[k]) for k in ('site', 'label', 'range', 'port') if dept.get(k) is not None)
    facts.update(method=method, offline_addresses=offline[:max_listed])
    return make_inspection(name, DEVICE_CLASS, items, facts=facts, metrics=metrics)


def inspect_fleet(fleet, method='tcp', timeout=1.0, concurrency=256, default_port=22, overrides=None, store=None,
                  max_listed=50):
    """(inspections, stats): one inspection per department, then one per unusable row."""
    depts, broken = departments(fleet, default_port)
    targets = [(address, dept['port']) for dept in depts for address in dept['addresses']]
    results, used = sweep(targets, method, timeout, concurrency) if targets else ({}, method)
    inspections = [department_inspection(d, results, overrides, store, max_listed, used) for d in depts]
    stats = {'addresses': len(set(targets)), 'online': sum(1 for r in results.values() if r[0] == 'online'), 'method': used}
    return inspections + broken, stats
