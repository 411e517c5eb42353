# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Days-to-full forecasts of filesystems, databases and storage pools from the metric history.

Which metrics are forecast is data (SERIES): a used-bytes metric and the capacity metric of the
same subject. A forecast is made only from at least `min_samples` samples spanning at least
`min_span_days` days (itops_forecast); below that it says `insufficient_history`.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import re

from ansible_collections.medops.itops.plugins.module_utils.forecast.fit import CONFIDENCES, linear_fit, time_to_full

# kind, used-bytes metric key (the subject in group 1), capacity metric key template
SERIES = (
    ('filesystem', re.compile(r'^fs\.(.+)\.used_bytes$'), 'fs.%s.size_bytes'),
    ('database', re.compile(r'^db\.(.+)\.used_bytes$'), 'db.%s.max_bytes'),
    ('pool', re.compile(r'^pool\.(.+)\.used_bytes$'), 'pool.%s.capacity_bytes'),
)
DEFAULTS = {'min_samples': 4, 'min_span_days': 21, 'confidence': 0.95, 'horizon_days': 3650, 'max_points': 24}
STATUSES = ('ok', 'warning', 'critical', 'insufficient_history', 'no_growth', 'full', 'no_capacity')
# days to full at or below which a forecast is a warning / critical
DAYS_WARNING = 180
DAYS_CRITICAL = 30


class ForecastError(ValueError):
    """itops_forecast cannot be used; the message names the key."""


def options(overrides=None):
    """DEFAULTS updated with itops_forecast; checks types and ranges."""
    opts = dict(DEFAULTS, days_warning=DAYS_WARNING, days_critical=DAYS_CRITICAL)
    if overrides in (None, ''):
        return opts
    if not isinstance(overrides, dict):
        raise ForecastError('itops_forecast must be a mapping (min_samples, min_span_days, ...), got %r' % (overrides,))
    for key, value in overrides.items():
        if key not in opts:
            raise ForecastError('itops_forecast: unknown key %r (known: %s)' % (key, ', '.join(sorted(opts))))
        try:
            value = float(value) if key == 'confidence' else int(value)
        except (TypeError, ValueError):
            raise ForecastError('itops_forecast.%s must be a number, got %r' % (key, value))
        opts[key] = value
    if opts['min_samples'] < 2:
        raise ForecastError('itops_forecast.min_samples must be at least 2 (a line needs two points)')
    if opts['min_span_days'] < 0 or opts['horizon_days'] < 1 or opts['max_points'] < 2:
        raise ForecastError('itops_forecast: min_span_days >= 0, horizon_days >= 1 and max_points >= 2 are required')
    if opts['confidence'] not in CONFIDENCES:
        raise ForecastError('itops_forecast.confidence must be one of %s' % ', '.join(str(c) for c in CONFIDENCES))
    return opts


def parse_time(text):
    """An ISO 8601 timestamp (with offset, or naive local) as an aware datetime, or None."""
    if not text:
        return None
    try:
        value = datetime.datetime.fromisoformat(str(text).replace('Z', '+00:00'))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.astimezone()
    return value


def _days(later, earlier):
    return (later - earlier).total_seconds() / 86400.0


def forecast_series(series, capacity, now=None, opts=None):
    """One forecast from [{collected_at, value}] (oldest first) and a capacity in the same unit.

    Returns {status, samples, span_days, used, capacity, growth_per_day, days_to_full, days_low,
    days_high, full_date, r2, points}; never raises on odd samples (they are skipped).
    """
    opts = opts or options()
    samples = []
    for sample in series or []:
        when = parse_time(sample.get('collected_at'))
        value = sample.get('value')
        if when is None or not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if now is not None and when > now:
            continue
        samples.append((when, float(value)))
    samples.sort(key=lambda s: s[0])
    result = {'status': 'insufficient_history', 'samples': len(samples), 'span_days': 0.0, 'used': None,
              'capacity': capacity, 'growth_per_day': None, 'days_to_full': None, 'days_low': None, 'days_high': None,
              'full_date': None, 'r2': None, 'points': [], 'min_samples': opts['min_samples'], 'min_span_days': opts['min_span_days']}
    if not samples:
        return result
    origin = samples[0][0]
    points = [(_days(when, origin), value) for when, value in samples]
    result['span_days'] = round(points[-1][0], 1)
    result['used'] = samples[-1][1]
    result['points'] = [[when.isoformat(), value] for when, value in samples[-opts['max_points']:]]
    if len(samples) < opts['min_samples'] or points[-1][0] < opts['min_span_days']:
        return result
    try:
        fit = linear_fit(points)
    except ValueError:
        return result
    result['growth_per_day'] = round(fit.slope, 3)
    result['r2'] = round(fit.r2, 4)
    if not capacity or capacity <= 0:
        result['status'] = 'no_capacity'
        return result
    last = points[-1][0]
    expected, low, high = time_to_full(fit, float(capacity), last, opts['confidence'], opts['horizon_days'])
    if expected is None:
        result['status'] = 'no_growth'
        return result
    result['days_to_full'] = round(expected, 1)
    result['days_low'] = None if low is None else round(low, 1)
    result['days_high'] = None if high is None else round(high, 1)
    if expected <= 0:
        result['status'] = 'full'
    elif expected <= opts['days_critical']:
        result['status'] = 'critical'
    elif expected <= opts['days_warning']:
        result['status'] = 'warning'
    else:
        result['status'] = 'ok'
    if expected <= opts['horizon_days']:
        result['full_date'] = (samples[-1][0] + datetime.timedelta(days=expected)).date().isoformat()
    return result


def subjects(metrics):
    """(kind, subject, used key, capacity key) for every forecastable metric of one inspection."""
    found = []
    for key in sorted(metrics or {}):
        for kind, pattern, capacity_key in SERIES:
            match = pattern.match(key)
            if match:
                found.append((kind, match.group(1), key, capacity_key % match.group(1)))
                break
    return found


def forecasts_for_run(store, run, opts=None, now=None):
    """The run record's `forecasts`: one per forecastable metric of every inspection of `run`.

    `store` gives metric_series(target, key); samples after the run (or `now`) are ignored so a
    re-rendered old run shows what was known then.
    """
    opts = opts or options()
    now = now or parse_time(run.get('finished_at')) or parse_time(run.get('started_at'))
    forecasts = []
    for inspection in run.get('inspections') or []:
        metrics = inspection.get('metrics') or {}
        target = inspection.get('target')
        for kind, subject, used_key, capacity_key in subjects(metrics):
            series = store.metric_series(target, used_key) if store is not None else []
            if not series:
                series = [{'collected_at': inspection.get('collected_at'), 'value': metrics.get(used_key)}]
            capacity = metrics.get(capacity_key)
            entry = {'target': target, 'system': inspection.get('system'), 'kind': kind, 'subject': subject, 'metric': used_key,
                     'unit': 'B'}
            entry.update(forecast_series(series, capacity if isinstance(capacity, (int, float)) else None, now, opts))
            forecasts.append(entry)
    forecasts.sort(key=_sort_key)
    return forecasts


def _sort_key(forecast):
    order = {'full': 0, 'critical': 1, 'warning': 2, 'ok': 3, 'no_growth': 4, 'no_capacity': 5, 'insufficient_history': 6}
    days = forecast.get('days_to_full')
    return (order.get(forecast.get('status'), 9), days if days is not None else float('inf'),
            str(forecast.get('target')), str(forecast.get('subject')))
