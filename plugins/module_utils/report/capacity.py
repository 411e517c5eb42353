# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The capacity planning and performance-over-the-period parts of the reports.

capacity_rows(forecasts, catalog) and performance_rows(performance, catalog) turn the run record's
`forecasts` / `performance` into localised rows with an inline SVG sparkline per forecast; the
health report and the period summaries share them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes, format_number
from ansible_collections.medops.itops.plugins.module_utils.report.svg import COLOURS, GRID

FORECAST_STATUS = {'ok': 'ok', 'warning': 'warning', 'critical': 'critical', 'full': 'critical', 'no_growth': 'ok',
                   'no_capacity': 'unknown', 'insufficient_history': 'unknown'}
PERF_UNITS = {'perf.disk.await_p95_ms': 'ms'}
DEFAULT_OPTIONS = {'min_samples': 4, 'min_span_days': 21, 'confidence': 0.95}
# Headroom advice from today's figures, whatever the history: percent used to act at once / to plan
# for (the default filesystem thresholds, docs/thresholds.md).
HEADROOM_ACT, HEADROOM_PLAN = 90, 80


def headroom(used, capacity, catalog):
    """{'text', 'status'}: what is left and what to do, from today's used and capacity."""
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (used, capacity)) or capacity <= 0:
        return {'text': '', 'status': 'unknown'}
    pct = 100.0 * used / capacity
    key, status = (('capacity.advice_now', 'critical') if pct >= HEADROOM_ACT else
                   ('capacity.advice_plan', 'warning') if pct >= HEADROOM_PLAN else ('capacity.advice_ok', 'ok'))
    return {'text': catalog.t(key, free=format_bytes(max(0, capacity - used)), pct=format_number(round(pct, 1))), 'status': status}


def sparkline(points, capacity=None, status='ok', width=110, height=30):
    """A small line of used over time; the capacity as a dashed line when it fits the scale."""
    values = [p[1] for p in points or [] if isinstance(p[1], (int, float))]
    out = ['<svg class="spark" width="%d" height="%d" viewBox="0 0 %d %d" role="img">' % (width, height, width, height)]
    if len(values) >= 2:
        top = max(values + ([capacity] if isinstance(capacity, (int, float)) and capacity <= max(values) * 1.5 else []))
        bottom = min(values)
        span = (top - bottom) or 1.0
        step = (width - 4) / float(len(values) - 1)
        coords = ['%.1f,%.1f' % (2 + i * step, height - 3 - (v - bottom) * (height - 6) / span) for i, v in enumerate(values)]
        if isinstance(capacity, (int, float)) and capacity <= top:
            y = height - 3 - (capacity - bottom) * (height - 6) / span
            out.append('<line x1="0" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-dasharray="3,2"/>' % (y, width, y, COLOURS['critical']))
        out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="1.8"/>' % (' '.join(coords), COLOURS.get(status, COLOURS['unknown'])))
        last_x, last_y = coords[-1].split(',')
        out.append('<circle cx="%s" cy="%s" r="2.5" fill="%s"/>' % (last_x, last_y, COLOURS.get(status, COLOURS['unknown'])))
    else:
        out.append('<line x1="0" y1="%d" x2="%d" y2="%d" stroke="%s"/>' % (height // 2, width, height // 2, GRID))
    out.append('</svg>')
    return ''.join(out)


def _days(catalog, value):
    return catalog.t('capacity.days', n=format_number(value)) if isinstance(value, (int, float)) else ''


def capacity_rows(forecasts, catalog):
    rows = []
    for forecast in forecasts or []:
        status = forecast.get('status')
        shown = FORECAST_STATUS.get(status, 'unknown')
        low, high = forecast.get('days_low'), forecast.get('days_high')
        if status == 'insufficient_history':
            days_text = catalog.t('capacity.insufficient', samples=forecast.get('samples', 0), span=format_number(forecast.get('span_days') or 0),
                                  min_samples=forecast.get('min_samples', ''), min_span_days=forecast.get('min_span_days', ''))
        elif status == 'no_growth':
            days_text = catalog.t('capacity.status_no_growth')
        elif status == 'no_capacity':
            days_text = catalog.t('capacity.status_no_capacity')
        else:
            days_text = _days(catalog, forecast.get('days_to_full'))
        if low is None or forecast.get('days_to_full') is None:
            range_text = ''
        elif high is None:
            range_text = catalog.t('capacity.open_high', low=format_number(low))
        else:
            range_text = catalog.t('capacity.range', low=format_number(low), high=format_number(high))
        growth = forecast.get('growth_per_day')
        rows.append({
            'target': forecast.get('target'), 'system': forecast.get('system') or '', 'subject': forecast.get('subject'),
            'kind': catalog.t('capacity.kind_%s' % forecast.get('kind')),
            'used': format_bytes(forecast.get('used')), 'capacity': format_bytes(forecast.get('capacity')),
            'growth': (format_bytes(growth) + catalog.t('capacity.per_day')) if isinstance(growth, (int, float)) else '',
            'days_text': days_text, 'range_text': range_text, 'full_date': forecast.get('full_date') or '',
            'samples_text': catalog.t('capacity.samples', n=forecast.get('samples', 0), span=format_number(forecast.get('span_days') or 0)),
            'status': shown, 'status_key': status, 'status_label': catalog.t('capacity.status_%s' % status),
            'insufficient': status == 'insufficient_history',
            'headroom': headroom(forecast.get('used'), forecast.get('capacity'), catalog),
            'svg': sparkline(forecast.get('points'), forecast.get('capacity'), shown),
        })
    return rows


def performance_rows(performance, catalog):
    rows = []
    for row in performance or []:
        unit = PERF_UNITS.get(row.get('metric'), '%')
        suffix = unit if unit == '%' else ' ' + unit
        baseline = row.get('baseline')
        change = row.get('change_pct')
        rows.append({
            'target': row.get('target'), 'system': row.get('system') or '', 'subject': row.get('subject') or '',
            'metric': catalog.item_name(row.get('metric')), 'value_text': format_number(row.get('value')) + suffix,
            'baseline_text': (format_number(baseline) + suffix) if baseline is not None else catalog.t('perf.no_baseline'),
            'change_text': ('%+.1f%%' % change) if isinstance(change, (int, float)) else '',
            'status': row.get('status') or 'ok', 'status_label': catalog.status(row.get('status') or 'ok'),
            'bottleneck': bool(row.get('bottleneck')),
        })
    bottlenecks = [r for r in rows if r['bottleneck']]
    return rows, bottlenecks
