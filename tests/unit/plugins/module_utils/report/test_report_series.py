# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Usage over the period (the inspection's series) in chapter 4 of the health report."""

import xml.etree.ElementTree as ET

from ansible_collections.medops.itops.plugins.module_utils.report import series, svg
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.report.render import health_context

START = 1764547200   # 2025-12-01 00:00 UTC


def inspection(**extra):
    base = {'target': 'his-app-01', 'device_class': 'linux_server', 'system': 'HIS', 'collected_at': '2025-12-02T08:00:00+08:00',
            'metrics': {'cpu.util_pct': 20.0, 'perf.cpu.p95_pct': 71.5, 'perf.cpu.peak_pct': 96.0, 'perf.mem.p95_pct': 40.0},
            'items': [], 'series': {'perf.cpu.busy_pct': [[START + 600 * i, 10.0 * (i % 10)] for i in range(96)],
                                    'perf.mem.used_pct': [[START, 40.0]]}}
    base.update(extra)
    return base


def test_lines_carry_p95_peak_and_baseline_in_the_hospitals_clock():
    catalog = load_catalog('zh_CN')
    period = series.usage_over_period(inspection(), [{'target': 'his-app-01', 'metric': 'perf.cpu.p95_pct', 'baseline': 35.0}], catalog)
    cpu, mem = period['lines']
    assert cpu['legend'] == 'CPU：p95 71.5%，峰值 96%，基线 p95 35%'
    assert mem['legend'] == '内存：p95 40%，峰值 40%，无基线'
    assert (period['start'], period['end'], period['points']) == ('2025-12-01 08:00', '2025-12-01 23:50', 96)
    assert cpu['text_line'][:10] == '▁▁▂▃▄▅▅▆▇█'[:10] and len(cpu['text_line']) == 96
    en = series.usage_over_period(inspection(), [], load_catalog('en'))
    assert en['lines'][0]['legend'] == 'CPU: p95 71.5%, peak 96%, no baseline'


def test_no_series_or_broken_points_draw_nothing():
    catalog = load_catalog('zh_CN')
    assert series.usage_over_period(inspection(series={}), [], catalog) is None
    broken = inspection(series={'perf.cpu.busy_pct': [['x', 1], [1, True], [2]], 'other': [[1, 2]]})
    assert series.usage_over_period(broken, [], catalog) is None


def test_chart_is_well_formed_with_one_point_as_a_dot():
    catalog = load_catalog('zh_CN')
    period = series.usage_over_period(inspection(), [{'target': 'his-app-01', 'metric': 'perf.cpu.p95_pct', 'baseline': 35.0}], catalog)
    text = svg.usage_lines(period['lines'], period['start'], period['end'])
    root = ET.fromstring(text)
    ns = '{http://www.w3.org/2000/svg}'
    assert len(list(root.iter('polyline')) + list(root.iter(ns + 'polyline'))) == 1     # CPU: a line
    assert len(list(root.iter('circle')) + list(root.iter(ns + 'circle'))) == 1         # memory: one sample, a dot
    assert 'stroke-dasharray="4,3"' in text                                              # the CPU baseline
    assert '2025-12-01 08:00' in text and '峰值 96%' in text


def test_the_health_report_charts_the_period_of_servers_that_have_it():
    run_inspection = inspection()
    run = {'run_id': 'r1', 'job': 'quarterly_inspection', 'period': 'quarterly', 'meta': {'language': 'zh_CN'},
           'inspections': [run_inspection, inspection(target='lis-app-01', series={})], 'findings': [],
           'summary': {'score': 100, 'hosts_total': 2, 'hosts_ok': 2, 'items_total': 0, 'faults_by_grade': {}, 'risks_by_level': {}}}
    m = health_context(run, load_catalog('zh_CN'))
    charts = dict((c['target'], c) for c in m['charts'])
    assert charts['his-app-01']['period'] and '<polyline' in charts['his-app-01']['period_svg']
    assert charts['lis-app-01']['period'] is None and charts['lis-app-01']['period_svg'] is None
