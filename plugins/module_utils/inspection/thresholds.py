# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Threshold lookup and evaluation.

Defaults come from default_thresholds.DEFAULTS; users override them with `itops_thresholds`
in group/host vars, keyed by item id or by `id@subject` (the more specific key wins).
A check never hard-codes a number the user cannot change.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item

DIRECTIONS = ('above', 'below')


class ThresholdError(ValueError):
    """A user threshold that cannot be used; the message names the key."""


def resolve(item_id, subject=None, overrides=None):
    """Return the rule {warning, critical, direction} for item_id/subject, or None.

    Precedence: overrides['id@subject'] > overrides['id'] > DEFAULTS['id'].
    A partial override (only `critical`) keeps the other keys of the default.
    """
    overrides = overrides or {}
    rule = dict(DEFAULTS.get(item_id, {}))
    rule.pop('source', None)
    for key in (item_id, '%s@%s' % (item_id, subject) if subject is not None else None):
        if key is None or key not in overrides:
            continue
        value = overrides[key]
        if not isinstance(value, dict):
            raise ThresholdError('itops_thresholds[%r] must be a mapping with warning/critical, got %r' % (key, value))
        rule.update(value)
    if not rule:
        return None
    _check(item_id, rule)
    return rule


def _check(item_id, rule):
    direction = rule.setdefault('direction', 'above')
    if direction not in DIRECTIONS:
        raise ThresholdError('itops_thresholds for %s: direction must be above or below, got %r' % (item_id, direction))
    for level in ('warning', 'critical'):
        if rule.get(level) is not None and not isinstance(rule[level], (int, float)):
            raise ThresholdError('itops_thresholds for %s: %s must be a number, got %r' % (item_id, level, rule[level]))


def status_for(value, rule):
    """Compare a number with a rule: ok, warning or critical."""
    if rule is None or value is None:
        return 'ok'
    above = rule.get('direction', 'above') == 'above'
    for level in ('critical', 'warning'):
        limit = rule.get(level)
        if limit is None:
            continue
        if (above and value >= limit) or (not above and value <= limit):
            return level
    return 'ok'


def overridden(item_id, subject=None, overrides=None):
    """True if the user set a threshold for this item (or this item and subject)."""
    overrides = overrides or {}
    return item_id in overrides or (subject is not None and '%s@%s' % (item_id, subject) in overrides)


def evaluate(item_id, value, subject=None, overrides=None, unit=None, detail=None, published=None):
    """Build an item whose status comes from its threshold rule.

    `published` ({warning, critical}) are limits the device itself publishes for this reading; they
    replace the collection's default, but a user's itops_thresholds still wins over them.
    """
    rule = resolve(item_id, subject, overrides)
    if published and not overridden(item_id, subject, overrides):
        rule = dict(rule or {'direction': 'above'}, **published)
    threshold = None
    if rule:
        threshold = dict((k, rule[k]) for k in ('warning', 'critical') if rule.get(k) is not None)
        if rule.get('direction') == 'below':
            threshold['direction'] = 'below'
    return make_item(item_id, subject=subject, value=value, unit=unit,
                     status=status_for(value, rule), threshold=threshold, detail=detail)
