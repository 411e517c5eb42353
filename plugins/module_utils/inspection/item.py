# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one data contract of the collection: the inspection item.

Every check on every device class returns items of this shape (see docs/inspection-item.md).
Collectors build items with these helpers only, so that the callback, the history store and
the reports can rely on the shape without re-validating every producer.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import Said

STATUSES = ('ok', 'warning', 'critical', 'unknown')
# Order used when the worst status of several items is needed.
SEVERITY = {'ok': 0, 'unknown': 1, 'warning': 2, 'critical': 3}

DEVICE_CLASSES = (
    'linux_server', 'windows_server', 'postgresql', 'mysql', 'oracle', 'mssql', 'middleware',
    'switch', 'firewall', 'storage', 'bmc', 'ups', 'precision_ac', 'env_sensor', 'ntp',
    'thin_client', 'backup',
)


def now_iso():
    """Local time with offset, second precision: what the inspection record shows."""
    return datetime.datetime.now().astimezone().replace(microsecond=0).isoformat()


def make_item(item_id, subject=None, value=None, unit=None, status='unknown', threshold=None,
              detail=None, advice=None, fault=False, checked_by=None, reviewed_by=None):
    """Build one item; `fault` marks an outage (service/host/database down), not a risk.

    `checked_by` / `reviewed_by` name the people of a manual (physical) check. A `detail` made
    with said() also stores its `detail_id` and `params`, so reports can say it in their language.
    """
    if status not in STATUSES:
        raise ValueError('status %r of item %s is not one of %s' % (status, item_id, ', '.join(STATUSES)))
    item = {'id': item_id, 'subject': subject, 'value': value, 'unit': unit, 'status': status}
    if threshold:
        item['threshold'] = dict(threshold)
    if detail:
        item['detail'] = str(detail)
        if isinstance(detail, Said):
            item['detail_id'] = detail.detail_id
            item['params'] = dict(detail.params)
    if advice:
        item['advice'] = advice
    if fault:
        item['fault'] = True
    if checked_by:
        item['checked_by'] = checked_by
    if reviewed_by:
        item['reviewed_by'] = reviewed_by
    return item


def unknown_item(item_id, subject, reason):
    """An item whose data could not be collected: never a crash, always a reason."""
    return make_item(item_id, subject=subject, status='unknown', detail=reason)


def make_inspection(target, device_class, items, facts=None, metrics=None, collected_at=None, series=None):
    """The per-target envelope modules return under the key `inspection`.

    `series` (optional): {key: [[epoch, value], ...]} over the period, drawn by the health report."""
    inspection = {
        'target': target,
        'device_class': device_class,
        'collected_at': collected_at or now_iso(),
        'facts': dict(facts or {}),
        'metrics': dict(metrics or {}),
        'items': list(items),
    }
    if series:
        inspection['series'] = dict(series)
    return inspection


def worst_status(items):
    """The most severe status among items ('ok' for none)."""
    worst = 'ok'
    for item in items:
        if SEVERITY.get(item.get('status'), 1) > SEVERITY[worst]:
            worst = item['status']
    return worst
