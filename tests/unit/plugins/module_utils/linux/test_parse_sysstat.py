# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Performance over the period from sysstat: recorded lab output (sysstat 12.6) and a written CentOS 7 (10.1) case."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.linux import collector_script, options, parse_sysstat
from ansible_collections.medops.itops.plugins.module_utils.linux.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import Sections

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'unit', 'fixtures', 'linux'))


def fixture(*parts):
    with open(os.path.join(FIXTURES, *parts), encoding='utf-8') as handle:
        return handle.read()


def items(found):
    return dict((item['id'], item) for item in found.items)


def test_centos7_sysstat_10_percentiles_cutoff_and_memory_without_cache():
    found = parse_sysstat.parse_sysstat(Sections(fixture('sysstat', 'written-centos7-sysstat10.txt')))
    assert found.metrics == {'perf.samples': 200, 'perf.span_hours': 33.2, 'perf.cpu.p95_pct': 94.0, 'perf.cpu.peak_pct': 99.0,
                             'perf.iowait.p95_pct': 9.4, 'perf.mem.p95_pct': 50.0, 'perf.disk.await_p95_ms': 37.0}
    got = items(found)
    assert got['perf.cpu.p95_pct']['status'] == 'critical' and got['perf.cpu.p95_pct']['unit'] == '%'
    assert 'p95 of 200 samples over 33.2 h (sysstat)' in got['perf.cpu.p95_pct']['detail']
    assert got['perf.iowait.p95_pct']['status'] == 'ok'
    assert got['perf.mem.p95_pct']['status'] == 'ok'
    disk = got['perf.disk.await_p95_ms']
    assert (disk['subject'], disk['status'], disk['unit']) == ('sdb', 'warning', 'ms')
    assert disk['threshold'] == {'warning': 20, 'critical': 50}


@pytest.mark.parametrize('host', ['his-app-01', 'ie-app-01'])
def test_recorded_lab_sysstat_12(host):
    found = parse_sysstat.parse_sysstat(Sections(fixture('sysstat', 'recorded-%s.txt' % host)))
    got = items(found)
    assert set(got) == set(parse_sysstat.ITEM_IDS)
    assert all(item['status'] == 'ok' for item in got.values())
    assert found.metrics['perf.samples'] >= 1
    assert got['perf.disk.await_p95_ms']['subject'].startswith('dev')
    assert 0 <= found.metrics['perf.mem.p95_pct'] < 100


@pytest.mark.parametrize('body, reason', [
    ('!!! missing sadf', 'sadf not installed'),
    ('!!! unknown no sysstat data files in /var/log/sa of the last 32 days: sadc is not collecting', 'sadc is not collecting'),
    ('--- /var/log/sa/sa01\nInvalid system activity file: /var/log/sa/sa01', 'Invalid system activity file'),
    ('--- /var/log/sa/sa01\n# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle\n'
     'h;600;2020-01-01 00:00:01 UTC;-1;1;0;0;0;0;99', 'no sysstat samples in the last 744 hours (is sadc collecting?)'),
])
def test_missing_sysstat_is_one_unknown_item_with_the_reason(body, reason):
    text = '=== meta ===\nnow_epoch=1795512001\n=== sysstat ===\nsince_hours=744\n%s\n=== end ===\n' % body
    found = parse_sysstat.parse_sysstat(Sections(text))
    assert len(found.items) == 1 and found.metrics == {}
    item = found.items[0]
    assert (item['id'], item['status']) == ('perf.sysstat', 'unknown') and reason in item['detail']


def test_not_asked_means_nothing():
    assert parse_sysstat.parse_sysstat(Sections('=== meta ===\nnow_epoch=1\n')).items == []


def test_percentile_and_odd_lines():
    assert parse_sysstat.percentile([5], 95) == 5
    assert parse_sysstat.percentile(list(range(1, 101)), 95) == 95
    data = parse_sadf_lines(['garbage', '# hostname;interval;timestamp;CPU;%idle', 'h;600;not a time;-1;50',
                             'h;600;2026-11-25 00:00:01 UTC;0;50', 'h;-1;2026-11-25 00:00:01 UTC;-1;50'])
    assert data['cpu'] == [] and data['errors'] == ['garbage']


def parse_sadf_lines(lines):
    return parse_sysstat.parse_sadf(lines)


def test_collector_asks_for_sysstat_only_when_enabled():
    base = options.normalize({})
    assert 'sec_sysstat\n' not in collector_script.build_body(base)
    body = collector_script.build_body(options.normalize({'sysstat': True, 'sysstat_since_hours': 48}))
    assert '\nsec_sysstat\n' in body and 'MO_SA_HOURS=48' in body
    with pytest.raises(options.OptionError, match='sysstat_since_hours'):
        options.normalize({'sysstat': True, 'sysstat_since_hours': 0})


def test_assemble_merges_perf_items_when_enabled():
    opts = options.normalize({'sysstat': True})
    inspection, _info, _warnings = assemble(fixture('sysstat', 'written-centos7-sysstat10.txt'), opts, 'emr-db-01')
    assert inspection['metrics']['perf.cpu.p95_pct'] == 94.0
    assert [i['id'] for i in inspection['items'] if i['id'].startswith('perf.')] == [
        'perf.cpu.p95_pct', 'perf.iowait.p95_pct', 'perf.mem.p95_pct', 'perf.disk.await_p95_ms']


def test_the_period_is_kept_as_a_series_whose_points_keep_every_peak():
    found = parse_sysstat.parse_sysstat(Sections(fixture('sysstat', 'written-centos7-sysstat10.txt')))
    cpu, mem = found.series['perf.cpu.busy_pct'], found.series['perf.mem.used_pct']
    assert 0 < len(cpu) <= parse_sysstat.SERIES_POINTS and 0 < len(mem) <= parse_sysstat.SERIES_POINTS
    assert max(v for _t, v in cpu) == found.metrics['perf.cpu.peak_pct']     # 200 samples in 96 points: the peak survives
    assert [t for t, _v in cpu] == sorted(t for t, _v in cpu)
    inspection, _info, _warnings = assemble(fixture('sysstat', 'written-centos7-sysstat10.txt'),
                                            options.normalize({'sysstat': True}), 'emr-db-01')
    assert inspection['series'] == found.series


def test_downsample_takes_the_highest_sample_of_each_slice_with_its_time():
    samples = [(1000 + 60 * i, float(i % 10)) for i in range(1000)] + [(1000 + 60 * 500 + 30, 99.5)]
    points = parse_sysstat.downsample(samples, points=50)
    assert len(points) == 50
    assert [1000 + 60 * 500 + 30, 99.5] in points
    assert all(v == 9.0 for t, v in points if v != 99.5)
    assert parse_sysstat.downsample([(5, 1.0), (1, None), (3, 2.0)]) == [[3, 2.0], [5, 1.0]]
    assert parse_sysstat.downsample([]) == []
