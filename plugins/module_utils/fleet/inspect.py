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
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import Said, said, said_list
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
                raise ranges.RangeError(said('fleet.row.no_department', 'fleet[{index:d}]: `department` is required', index=index))
            if not row.get('range'):
                raise ranges.RangeError(said('fleet.row.no_range', '`range` is required'))
            port = int(row.get('port') or default_port)
            if not 0 < port < 65536:
                raise ranges.RangeError(said('fleet.row.bad_port', 'port {port} is not a TCP port', port=port))
            good.append({'department': target, 'site': row.get('site'), 'label': row.get('label'), 'port': port,
                         'range': row['range'], 'addresses': ranges.expand(row['range'])})
        except (ranges.RangeError, TypeError, ValueError) as exc:
            item = make_item('fleet.range', subject=target, status='unknown', detail=cannot_sweep(exc))
            broken.append(make_inspection(target, DEVICE_CLASS, [item]))
    return good, broken


# 'cannot sweep: <why>', one template per why.
_CANNOT_SWEEP = {
    'fleet.row.no_department': lambda p: said('fleet.cannot_sweep.no_department', 'cannot sweep: fleet[{index:d}]: `department` is required', **p),
    'fleet.row.no_range': lambda p: said('fleet.cannot_sweep.no_range', 'cannot sweep: `range` is required', **p),
    'fleet.row.bad_port': lambda p: said('fleet.cannot_sweep.bad_port', 'cannot sweep: port {port} is not a TCP port', **p),
    'fleet.range.too_many': lambda p: said('fleet.cannot_sweep.too_many', 'cannot sweep: {range}: more than {limit:d} addresses', **p),
    'fleet.range.not_text': lambda p: said('fleet.cannot_sweep.not_text', 'cannot sweep: {value} is not a range', **p),
    'fleet.range.not_ipv4': lambda p: said('fleet.cannot_sweep.not_ipv4', 'cannot sweep: {range}: only IPv4 ranges are supported', **p),
    'fleet.range.unreadable': lambda p: said('fleet.cannot_sweep.unreadable', 'cannot sweep: {value} is not an address, a range a.b.c.d-a.b.c.e '
                                             'or a network: {error!q}', **p),
    'fleet.range.backwards': lambda p: said('fleet.cannot_sweep.backwards', 'cannot sweep: {range}: the range ends before it starts', **p),
    'fleet.range.empty': lambda p: said('fleet.cannot_sweep.empty', 'cannot sweep: {value} holds no address', **p),
}


def cannot_sweep(exc):
    """The detail of a fleet row that cannot be swept (a RangeError, or the TypeError/ValueError of a port that is no number)."""
    reason = exc.args[0] if exc.args else None
    make = _CANNOT_SWEEP.get(reason.detail_id) if isinstance(reason, Said) else None
    if make is not None:
        return make(reason.params)
    return said('fleet.cannot_sweep', 'cannot sweep: {error!q}', error=str(exc))


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
    more = len(offline) - max_listed
    if store is None:
        if more > 0:
            return said('fleet.offline.no_store_more', '{addresses} (last seen unknown: no history store), ... {more:d} more',
                        addresses=', '.join(listed), more=more)
        return said('fleet.offline.no_store', '{addresses} (last seen unknown: no history store)', addresses=', '.join(listed))
    seen, never = [], []
    for address in listed:
        when = last_seen(store, dept['department'], address)
        if when:
            seen.append(said('fleet.offline.seen_address', '{address} (last seen {when})', address=address, when=when))
        else:
            never.append(address)
    # `seen`: each address with the time it last answered ('10.0.0.1 (last seen 2026-02-01T08:00:00+08:00)').
    seen, never = said_list(seen, ', '), ', '.join(never)
    if seen and never and more > 0:
        return said('fleet.offline.seen_never_more', '{seen}, {never} (never seen in the history), ... {more:d} more', seen=seen, never=never, more=more)
    if seen and never:
        return said('fleet.offline.seen_never', '{seen}, {never} (never seen in the history)', seen=seen, never=never)
    if seen and more > 0:
        return said('fleet.offline.seen_more', '{seen}, ... {more:d} more', seen=seen, more=more)
    if seen:
        return said('fleet.offline.seen', '{seen}', seen=seen)
    if more > 0:
        return said('fleet.offline.never_more', '{never} (never seen in the history), ... {more:d} more', never=never, more=more)
    return said('fleet.offline.never', '{never} (never seen in the history)', never=never)


def department_inspection(dept, results, overrides=None, store=None, max_listed=50, method='tcp'):
    """One department's inspection from the sweep results {(address, port): (state, detail, ms)}."""
    online, offline = [], []
    for address in dept['addresses']:
        state = results.get((address, dept['port']), ('offline', 'not swept', None))[0]
        (online if state == 'online' else offline).append(address)
    total = len(dept['addresses'])
    pct = round(100.0 * len(online) / total, 1)
    name = dept['department']
    if method == 'tcp':
        answered = said('fleet.answered.port', '{online:d} of {total:d} addresses answered ({method} port {port:d})',
                        online=len(online), total=total, method=method.upper(), port=dept['port'])
    else:
        answered = said('fleet.answered', '{online:d} of {total:d} addresses answered ({method})', online=len(online), total=total,
                        method=method.upper())
    items = [
        evaluate('fleet.online_pct', pct, subject=name, overrides=overrides, unit='%', detail=answered),
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
