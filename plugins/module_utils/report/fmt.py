# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Formatting of item values, thresholds and times for people (shared by every format)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

NO_VALUE = '-'
BYTE_UNITS = ('KiB', 'MiB', 'GiB', 'TiB', 'PiB')


def format_bytes(value):
    """A number of bytes in binary (IEC) units: 512 -> '512 B', 1536 -> '1.5 KiB', 2 GiB -> '2.0 GiB'.

    The one byte formatter of the collection (item details and reports); not a number -> '-'.
    """
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return NO_VALUE
    value = float(value)
    if abs(value) < 1024:
        return '%d B' % value
    unit = BYTE_UNITS[0]
    for unit in BYTE_UNITS:
        value /= 1024.0
        if abs(value) < 1024:
            break
    return '%.1f %s' % (value, unit)


def format_number(value):
    """12 -> '12', 91.2 -> '91.2', 0.123456 -> '0.12', 1234567.0 -> '1234567'."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    text = '%.2f' % value
    return text.rstrip('0').rstrip('.') if '.' in text else text


def format_value(value, unit, catalog):
    """The value and its unit as one short text."""
    if value is None:
        return NO_VALUE
    if isinstance(value, bool):
        return catalog.t('labels.bool_true') if value else catalog.t('labels.bool_false')
    if isinstance(value, (int, float)) and unit == 'B':
        return format_bytes(value)          # the exact number stays in the JSON and the XLSX value
    if isinstance(value, (int, float)):
        text = format_number(value)
    elif isinstance(value, (list, tuple)):
        text = ', '.join(str(v) for v in value) if value else catalog.t('labels.none')
    elif isinstance(value, dict):
        text = ', '.join('%s=%s' % (k, v) for k, v in sorted(value.items()))
    else:
        text = catalog.word(str(value)) if hasattr(catalog, 'word') else str(value)   # a device enum in words
    if unit and isinstance(value, (int, float)):
        return text + ('' if unit == '%' else ' ') + unit
    return text


def format_threshold(threshold, unit, catalog):
    """{warning: 80, critical: 90} -> '警告 ≥80% / 严重 ≥90%'; direction below uses '≤'."""
    if not threshold:
        return ''
    sign = '\u2264' if threshold.get('direction') == 'below' else '\u2265'
    suffix = unit if unit == '%' else (' ' + unit if unit else '')
    parts = []
    for key in ('warning', 'critical'):
        value = threshold.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            parts.append('%s %s%s%s' % (catalog.t('labels.%s_short' % key), sign, format_number(value), suffix))
    for key in sorted(threshold):
        if key not in ('warning', 'critical', 'direction'):
            parts.append('%s=%s' % (key, threshold[key]))
    return ' / '.join(parts)


def format_time(timestamp, seconds=False):
    """'2026-11-25T08:00:12+08:00' -> '2026-11-25 08:00' (local time as recorded)."""
    if not timestamp:
        return ''
    text = str(timestamp).replace('T', ' ')
    return text[:19] if seconds else text[:16]
