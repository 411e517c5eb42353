# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A server's usage over the period for chapter 4 of the health report (the inspection's `series`).

Each line carries its p95 and peak (the sysstat metrics of the same read) and its baseline (the
median p95 of earlier runs, run['performance']), so the chart and its legend say the same thing
as the table under them. Markdown gets the line as block characters, one per point.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.medops.itops.plugins.module_utils.forecast.capacity import parse_time
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_number

# series key -> (catalog label key, p95 metric, peak metric or None, colour)
LINES = (('perf.cpu.busy_pct', 'metrics.cpu', 'perf.cpu.p95_pct', 'perf.cpu.peak_pct', '#1d4ed8'),
         ('perf.mem.used_pct', 'metrics.mem', 'perf.mem.p95_pct', None, '#7c3aed'))
BLOCKS = u'\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588'


def _zone(collected_at):
    """The UTC offset the inspection was recorded in ('...+08:00'), so times read as the hospital's clock."""
    when = parse_time(collected_at)
    return when.tzinfo if when is not None else datetime.timezone.utc


def clock(epoch, zone):
    return datetime.datetime.fromtimestamp(epoch, zone).strftime('%Y-%m-%d %H:%M')


def sparkline(values):
    """0-100 values -> one block character each (the lowest block is 0-12.5 %)."""
    return ''.join(BLOCKS[min(len(BLOCKS) - 1, int(max(0.0, min(float(v), 100.0)) / 100.0 * len(BLOCKS)))] for v in values)


def _baseline(performance, target, metric):
    for row in performance or []:
        if row.get('target') == target and row.get('metric') == metric:
            return row.get('baseline')
    return None


def _points(raw):
    points = []
    for pair in raw or []:
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pair):
            points.append((pair[0], float(pair[1])))
    return sorted(points)


def usage_over_period(inspection, performance, catalog):
    """{'lines': [...], 'start', 'end'} of one server, or None when it has no series."""
    series = inspection.get('series') or {}
    metrics = inspection.get('metrics') or {}
    zone = _zone(inspection.get('collected_at'))
    lines = []
    for key, label_key, p95_key, peak_key, colour in LINES:
        points = _points(series.get(key))
        if not points:
            continue
        values = [v for _t, v in points]
        p95, baseline = metrics.get(p95_key), _baseline(performance, inspection.get('target'), p95_key)
        peak = metrics.get(peak_key) if peak_key else None
        parts = ['p95 %s%%' % format_number(p95) if isinstance(p95, (int, float)) else None,
                 catalog.t('perf.series_peak', value=format_number(peak if isinstance(peak, (int, float)) else max(values))),
                 catalog.t('perf.series_baseline', value=format_number(baseline)) if baseline is not None else catalog.t('perf.no_baseline')]
        lines.append({'key': key, 'label': catalog.t(label_key), 'colour': colour, 'points': points, 'baseline': baseline,
                      'legend': catalog.t('perf.series_legend', label=catalog.t(label_key), figures=catalog.t('perf.series_join').join(
                          p for p in parts if p)),
                      'text_line': sparkline(values)})
    if not lines:
        return None
    stamps = [t for line in lines for t, _v in line['points']]
    return {'lines': lines, 'start': clock(min(stamps), zone), 'end': clock(max(stamps), zone),
            'points': max(len(line['points']) for line in lines)}
