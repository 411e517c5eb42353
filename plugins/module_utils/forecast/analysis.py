# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""History-derived sections of a run record: `forecasts` and `performance` (docs/run-record.md).

attach(store, run, overrides) is called where the run is stored (the inspection callback) and
where a stored run is re-rendered (itops-report render); a failure here never loses the run.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.forecast.capacity import forecasts_for_run, options, parse_time

# metric key -> item id carrying its threshold (the sysstat section of the Linux collector)
PERF_METRICS = (
    ('perf.cpu.p95_pct', 'perf.cpu.p95_pct'),
    ('perf.cpu.peak_pct', 'perf.cpu.peak_pct'),
    ('perf.mem.p95_pct', 'perf.mem.p95_pct'),
    ('perf.iowait.p95_pct', 'perf.iowait.p95_pct'),
    ('perf.disk.await_p95_ms', 'perf.disk.await_p95_ms'),
)
# A value this many times its baseline (and above FLOOR) names a bottleneck even below the threshold.
GROWTH_FACTOR = 1.5
FLOOR = {'perf.cpu.p95_pct': 50, 'perf.cpu.peak_pct': 80, 'perf.mem.p95_pct': 70, 'perf.iowait.p95_pct': 10,
         'perf.disk.await_p95_ms': 20}
BASELINE_RUNS = 6


def _median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if not ordered:
        return None
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2.0


def performance_for_run(store, run):
    """Per server and perf metric: the value, its baseline (median of up to 6 earlier runs), bottleneck or not."""
    rows = []
    for inspection in run.get('inspections') or []:
        metrics = inspection.get('metrics') or {}
        items = dict((item.get('id'), item) for item in inspection.get('items') or [])
        when = parse_time(inspection.get('collected_at'))
        for key, item_id in PERF_METRICS:
            value = metrics.get(key)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            earlier = []
            for sample in (store.metric_series(inspection.get('target'), key) if store is not None else []):
                stamp = parse_time(sample.get('collected_at'))
                if sample.get('run_id') != run.get('run_id') and stamp is not None and (when is None or stamp < when):
                    earlier.append(sample.get('value'))
            earlier = [v for v in earlier if isinstance(v, (int, float))][-BASELINE_RUNS:]
            baseline = _median(earlier)
            status = (items.get(item_id) or {}).get('status') or 'ok'
            grown = baseline is not None and baseline > 0 and value >= baseline * GROWTH_FACTOR and value >= FLOOR.get(key, 0)
            rows.append({'target': inspection.get('target'), 'system': inspection.get('system'), 'metric': key,
                         'subject': (items.get(item_id) or {}).get('subject'), 'value': value,
                         'baseline': None if baseline is None else round(baseline, 2), 'baseline_samples': len(earlier),
                         'change_pct': round(100.0 * (value - baseline) / baseline, 1) if baseline else None,
                         'status': status, 'bottleneck': status in ('warning', 'critical') or grown})
    return rows


def attach(store, run, overrides=None):
    """Add `forecasts` and `performance` to run (in place) and return the warnings (never raises on history trouble)."""
    warnings = []
    try:
        opts = options(overrides)
    except ValueError as exc:
        warnings.append('%s; the defaults are used' % exc)
        opts = options()
    try:
        run['forecasts'] = forecasts_for_run(store, run, opts)
        run['performance'] = performance_for_run(store, run)
    except Exception as exc:  # pylint: disable=broad-except  # a broken history must not lose the run
        warnings.append('forecasts not computed: %s: %s' % (type(exc).__name__, exc))
        run['forecasts'] = forecasts_for_run(None, run, opts)
        run['performance'] = performance_for_run(None, run)
    run['forecast_options'] = dict((k, opts[k]) for k in ('min_samples', 'min_span_days', 'confidence'))
    return warnings
