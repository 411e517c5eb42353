# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Capacity forecasts: exact and noisy fits, insufficient history, no growth, options."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest

from ansible_collections.medops.itops.plugins.module_utils.forecast import capacity, fit

GIB = 1024 ** 3
START = datetime.datetime(2026, 1, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def series(values, step_days=10):
    return [{'collected_at': (START + datetime.timedelta(days=i * step_days)).isoformat(), 'value': v} for i, v in enumerate(values)]


def test_exact_fit_gives_exact_days_and_zero_width_interval():
    # 10 GiB, +1 GiB every 10 days, 5 samples over 40 days: 14 GiB used of 20 -> 60 days left
    result = capacity.forecast_series(series([(10 + i) * GIB for i in range(5)]), 20 * GIB)
    assert result['status'] == 'warning'
    assert result['samples'] == 5 and result['span_days'] == 40.0
    assert result['days_to_full'] == pytest.approx(60.0, abs=0.05)
    assert result['days_low'] == result['days_high'] == result['days_to_full']
    assert result['growth_per_day'] == pytest.approx(GIB / 10.0, rel=1e-6)
    assert result['r2'] == 1.0
    assert result['full_date'] == '2026-04-11'


def test_noisy_fit_brackets_the_expected_day():
    noise = (0.3, -0.2, 0.25, -0.35, 0.1, -0.05, 0.2, -0.1)
    values = [(50 + 2 * i + noise[i]) * GIB for i in range(8)]  # +2 GiB per 10 days
    result = capacity.forecast_series(series(values), 100 * GIB)
    assert result['status'] == 'ok'
    assert 0.98 < result['r2'] < 1.0
    assert result['days_low'] < result['days_to_full'] < result['days_high']
    assert result['days_to_full'] == pytest.approx(180, rel=0.05)
    wider = capacity.forecast_series(series(values), 100 * GIB, opts=capacity.options({'confidence': 0.8}))
    assert wider['days_high'] - wider['days_low'] < result['days_high'] - result['days_low']


@pytest.mark.parametrize('values, step, reason', [
    ([1, 2, 3], 20, 'three samples'),
    ([1, 2, 3, 4, 5], 4, '16 days'),
    ([], 10, 'none'),
])
def test_insufficient_history(values, step, reason):
    result = capacity.forecast_series(series([v * GIB for v in values], step), 10 * GIB)
    assert result['status'] == 'insufficient_history', reason
    assert result['days_to_full'] is None


def test_thresholds_are_configurable():
    opts = capacity.options({'min_samples': 3, 'min_span_days': 14})
    result = capacity.forecast_series(series([1 * GIB, 2 * GIB, 3 * GIB], 7), 10 * GIB, opts=opts)
    assert result['status'] == 'warning' and result['days_to_full'] == pytest.approx(49.0, abs=0.05)


@pytest.mark.parametrize('values', [[5, 5, 5, 5], [8, 7, 6, 5]])
def test_flat_or_shrinking_usage_is_never_full(values):
    result = capacity.forecast_series(series([v * GIB for v in values]), 10 * GIB)
    assert result['status'] == 'no_growth'
    assert result['days_to_full'] is None and result['full_date'] is None


def test_full_critical_and_no_capacity():
    assert capacity.forecast_series(series([7, 8, 9, 10]), 10)['status'] == 'full'
    assert capacity.forecast_series(series([4, 6, 8, 9]), 10)['status'] == 'critical'
    assert capacity.forecast_series(series([1, 2, 3, 4]), None)['status'] == 'no_capacity'


def test_garbage_samples_are_skipped_and_future_ones_ignored():
    rows = series([1, 2, 3, 4, 5, 6]) + [{'collected_at': 'yesterday', 'value': 3}, {'collected_at': None, 'value': 1},
                                         {'collected_at': START.isoformat(), 'value': 'x'}, {'collected_at': START.isoformat(), 'value': True}]
    now = START + datetime.timedelta(days=30)
    result = capacity.forecast_series(rows, 10, now=now)
    assert result['samples'] == 4 and result['used'] == 4.0


@pytest.mark.parametrize('bad', ['x', {'min_samples': 1}, {'nope': 1}, {'min_samples': 'many'}, {'confidence': 0.5},
                                 {'horizon_days': 0}])
def test_bad_options_name_the_key(bad):
    with pytest.raises(capacity.ForecastError):
        capacity.options(bad)


def test_fit_helpers():
    with pytest.raises(ValueError):
        fit.linear_fit([(0, 1)])
    with pytest.raises(ValueError):
        fit.linear_fit([(1, 1), (1, 2)])
    with pytest.raises(ValueError):
        fit.t_quantile(0.5, 3)
    assert fit.t_quantile(0.95, 0) == float('inf')
    assert fit.t_quantile(0.95, 100) == 1.96
    line = fit.linear_fit([(0, 0), (1, 1), (2, 2)])
    assert fit.time_to_full(line, 10, 2) == (8.0, 8.0, 8.0)


def test_lower_band_never_reaching_capacity_leaves_latest_open():
    line = fit.linear_fit([(0, 0.0), (1, 5.0), (2, 1.0), (3, 6.0), (4, 2.0)])
    expected, earliest, latest = fit.time_to_full(line, 100.0, 4.0, horizon=50)
    assert expected > 0 and earliest is not None and latest is None


class Store(object):
    def __init__(self, data):
        self.data = data

    def metric_series(self, target, key):
        return self.data.get((target, key), [])


def test_forecasts_for_run_picks_filesystems_databases_and_pools():
    used = series([(10 + i) * GIB for i in range(5)])
    store = Store({('db1', 'fs./data.used_bytes'): used, ('db1', 'db.his.used_bytes'): used})
    run = {'finished_at': (START + datetime.timedelta(days=41)).isoformat(), 'inspections': [
        {'target': 'db1', 'system': 'HIS', 'collected_at': START.isoformat(),
         'metrics': {'fs./data.used_bytes': 14 * GIB, 'fs./data.size_bytes': 20 * GIB, 'db.his.used_bytes': 14 * GIB,
                     'pool.p0.used_bytes': 1, 'cpu.util_pct': 3}}]}
    result = capacity.forecasts_for_run(store, run)
    assert [(f['kind'], f['subject'], f['status']) for f in result] == [
        ('filesystem', '/data', 'warning'), ('database', 'his', 'no_capacity'), ('pool', 'p0', 'insufficient_history')]
    assert capacity.forecasts_for_run(None, run)[0]['samples'] == 1


def test_storage_pool_metrics_feed_the_forecast():
    """The metric names the storage inspection writes are the ones the forecast reads (they once differed)."""
    from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model
    model = {'system': {'name': 'san-his-01', 'health': 'ok'},
             'pools': [{'name': 'StoragePool001', 'total_bytes': 100 * GIB, 'used_bytes': 85 * GIB, 'status': 'ok'}]}
    inspection = items_from_model('san-his-01', model)
    inspection['collected_at'] = (START + datetime.timedelta(days=40)).isoformat()
    used = series([(81 + i) * GIB for i in range(5)])       # +1 GiB per 10 days: 15 GiB free -> 150 days
    store = Store({('san-his-01', 'pool.StoragePool001.used_bytes'): used})
    run = {'finished_at': inspection['collected_at'], 'inspections': [inspection]}
    result, = capacity.forecasts_for_run(store, run)
    assert (result['kind'], result['subject']) == ('pool', 'StoragePool001')
    assert result['status'] not in ('no_capacity', 'insufficient_history')
    assert result['days_to_full'] == pytest.approx(150.0, abs=0.05)
