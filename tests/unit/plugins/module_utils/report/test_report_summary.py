# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Period summaries and the monitoring report from a SQLite history of synthetic monthly runs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import importlib.machinery
import importlib.util
import io
import os
import re
import stat

import pytest

from ansible_collections.medops.itops.plugins.module_utils.forecast import analysis
from ansible_collections.medops.itops.plugins.module_utils.history import open_store
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings, summarize
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.report import render, summary, summary_render

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
GIB = 1024 ** 3
MONTHS = ('2026-10-05', '2026-11-05', '2026-12-05')


def server(month, used_gib, service_up=True, kernel='3.10.0-1160', cpu_p95=40.0):
    stamp = '%sT08:00:00+08:00' % month
    items = [make_item('linux.fs.used_pct', subject='/data', value=round(100.0 * used_gib / 100, 1), unit='%',
                       status='warning' if used_gib >= 80 else 'ok', threshold={'warning': 80, 'critical': 90}),
             make_item('linux.service.active', subject='his-app', value=service_up, status='ok' if service_up else 'critical', fault=not service_up),
             make_item('perf.cpu.p95_pct', value=cpu_p95, unit='%', status='ok' if cpu_p95 < 80 else 'warning')]
    record = make_inspection('his-app-01', 'linux_server', items, facts={'os_pretty': 'CentOS Linux 7', 'kernel': kernel},
                             metrics={'fs./data.used_bytes': used_gib * GIB, 'fs./data.size_bytes': 100 * GIB,
                                      'fs./data.used_pct': used_gib, 'cpu.util_pct': 20.0, 'perf.cpu.p95_pct': cpu_p95},
                             collected_at=stamp)
    record.update(impact='hospital', system='HIS', host_status='ok')
    return record


def down(month):
    record = make_inspection('pacs-db-01', 'postgresql', [make_item('host.unreachable', status='critical', fault=True, detail='No route to host')],
                             collected_at='%sT08:01:00+08:00' % month)
    record.update(impact='department', system='PACS', host_status='unreachable')
    return record


def up(month):
    record = make_inspection('pacs-db-01', 'postgresql', [make_item('reach.postgresql', status='ok')], collected_at='%sT08:01:00+08:00' % month)
    record.update(impact='department', system='PACS', host_status='ok')
    return record


def monthly_run(month, inspections):
    findings = build_findings(inspections)
    started = '%sT08:00:00+08:00' % month
    return {'schema_version': 1, 'run_id': '%sT080000-0001' % month.replace('-', ''), 'job': 'monthly_inspection', 'period': 'monthly',
            'slice': None, 'started_at': started, 'finished_at': started.replace('08:00:00', '08:05:00'),
            'meta': {'hospital': '某某市人民医院', 'vendor': '某某信息', 'inspector': '张工', 'reviewer': '李工', 'language': 'zh_CN'},
            'inspections': copy.deepcopy(inspections), 'findings': findings, 'summary': summarize(inspections, findings), 'changes': None}


THREE = (monthly_run(MONTHS[0], [server(MONTHS[0], 60, service_up=False), up(MONTHS[0])]),
         monthly_run(MONTHS[1], [server(MONTHS[1], 70), down(MONTHS[1])]),
         monthly_run(MONTHS[2], [server(MONTHS[2], 81, kernel='3.10.0-1160.99', cpu_p95=85.0), up(MONTHS[2])]))


def history(tmp_path, runs):
    path = str(tmp_path / 'history.sqlite')
    with open_store(path) as store:
        for run in runs:
            store.save_run(run)
    return path


@pytest.fixture
def cli():
    path = os.path.join(ROOT, 'tools', 'report', 'itops-report')
    loader = importlib.machinery.SourceFileLoader('itops_report_summary', path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader('itops_report_summary', loader))
    loader.exec_module(module)
    return module


def text_of(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def test_quarterly_summary_of_three_monthly_runs(tmp_path, cli):
    store_path = history(tmp_path, THREE)
    out = io.StringIO()
    rc = cli.main(['--history', store_path, 'summary', '--period', 'quarterly', '--end', '2026-12-31', '--out', str(tmp_path / 'q'),
                   '--min-samples', '3'], out=out)
    assert rc == 0
    names = sorted(os.path.basename(p) for p in out.getvalue().split())
    assert names == ['monitor_report.html', 'monitor_report.md', 'quarterly_summary.html', 'quarterly_summary.md']
    page = text_of(str(tmp_path / 'q' / 'quarterly_summary.html'))
    assert stat.S_IMODE(os.stat(str(tmp_path / 'q' / 'quarterly_summary.html')).st_mode) == 0o640
    assert '<h1>季度运维总结报告</h1>' in page
    assert '2026-10-01 至 2026-12-31' in page
    assert '共完成巡检 3 次，涉及设备 2 台' in page
    # availability: pacs-db-01 unreachable in one run of three
    assert re.search(r'pacs-db-01</td><td>[^<]*</td><td>PACS</td><td class="num">3</td><td class="num">2</td><td><span class="st st-critical">66.7%', page)
    # business systems: HIS's service was down from the October run to the November run (31 of 92
    # days), PACS's database from November to December (30 days); the overview names the lowest.
    assert re.search(r'<td>HIS</td><td class="num">1</td><td class="num">1</td><td class="num">31 天</td><td><span class="st st-critical">66.3%', page)
    assert re.search(r'<td>PACS</td><td class="num">1</td><td class="num">1</td><td class="num">30 天</td><td><span class="st st-critical">67.39%', page)
    assert '业务系统可用率最低 66.3%（HIS）' in page
    # the service fault of October was resolved by November: 31 days
    assert '31 天' in page and '已解决' in page
    # capacity: 60 -> 70 -> 81 GiB of 100 GiB, ~0.34 GiB/day -> ~56 days, with an inline SVG sparkline
    assert '<svg class="spark"' in page and '<polyline' in page
    match = re.search(r'<span class="st st-warning">([0-9.]+) 天</span>', page)
    assert match and 50 < float(match.group(1)) < 62
    assert '3.10.0-1160.99' in page  # kernel changed between the first and the last run
    assert 'script' not in page.lower() and 'http://' not in page and 'https://' not in page
    md = text_of(str(tmp_path / 'q' / 'quarterly_summary.md'))
    assert md.startswith('# 季度运维总结报告\n') and '## 5 容量趋势' in md
    monitor = text_of(str(tmp_path / 'q' / 'monitor_report.html'))
    assert '系统运行监控报告' in monitor and '20261205T080000-0001' in monitor


def test_forecast_needs_four_samples_by_default(tmp_path, cli):
    store_path = history(tmp_path, THREE)
    out = io.StringIO()
    assert cli.main(['--history', store_path, 'summary', '--period', 'annual', '--end', '2026-12-31', '--language', 'en',
                     '--out', str(tmp_path / 'a')], out=out) == 0
    page = text_of(str(tmp_path / 'a' / 'annual_summary.html'))
    assert '<h1>Annual operations summary</h1>' in page
    assert 'insufficient history (3 samples over 61 days; needs 4 samples over 21 days)' in page


def test_one_run_says_insufficient_history(tmp_path, cli):
    store_path = history(tmp_path, THREE[:1])
    for language, expected in (('zh_CN', '历史数据不足'), ('en', 'insufficient history')):
        out_dir = str(tmp_path / language)
        assert cli.main(['--history', store_path, 'summary', '--period', 'semiannual', '--end', '2026-12-31', '--language', language,
                         '--out', out_dir], out=io.StringIO()) == 0
        name = 'semiannual_summary'
        assert expected in text_of(os.path.join(out_dir, name + '.html'))
        assert expected in text_of(os.path.join(out_dir, name + '.md'))
    assert '半年运维总结报告' in text_of(str(tmp_path / 'zh_CN' / 'semiannual_summary.html'))


def test_health_report_capacity_chapter_with_history(tmp_path):
    store_path = history(tmp_path, THREE)
    with open_store(store_path) as store:
        run = store.load_run(THREE[2]['run_id'])
        assert analysis.attach(store, run, {'min_samples': 3}) == []
    assert run['forecasts'][0]['status'] == 'warning' and run['forecasts'][0]['samples'] == 3
    perf = [p for p in run['performance'] if p['metric'] == 'perf.cpu.p95_pct'][0]
    assert perf['baseline'] == 40.0 and perf['bottleneck'] is True and perf['change_pct'] == 112.5
    files = render.render_all(run, str(tmp_path / 'r'), formats=('html', 'md', 'json'))
    page = text_of(files['health_report.html'])
    assert '6 存储容量规划' in page and '<polyline' in page and '发现 1 个性能瓶颈' in page
    assert '## 6 存储容量规划' in text_of(files['health_report.md'])
    with open_store(store_path) as store:
        one = store.load_run(THREE[0]['run_id'])
        analysis.attach(store, one)
    assert [f['status'] for f in one['forecasts']] == ['insufficient_history']
    assert '历史数据不足' in text_of(render.render_all(one, str(tmp_path / 'one'), formats=('html',))['health_report.html'])


def test_bad_forecast_options_fall_back_to_defaults(tmp_path):
    run = copy.deepcopy(THREE[0])
    warnings = analysis.attach(None, run, {'min_samples': 'x'})
    assert warnings and 'min_samples' in warnings[0]
    assert run['forecast_options']['min_samples'] == 4


@pytest.mark.parametrize('period, end, start', [
    ('quarterly', '2026-12-31', '2026-10-01'), ('quarterly', '2026-03-31', '2026-01-01'), ('semiannual', '2026-06-30', '2026-01-01'),
    ('annual', '2026-12-31', '2026-01-01'), ('quarterly', '2026-05-31', '2026-03-01')])
def test_period_bounds(period, end, start):
    assert summary.period_bounds(period, end) == (datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))


@pytest.mark.parametrize('period, end', [('weekly', '2026-12-31'), ('quarterly', '31/12/2026')])
def test_bad_period(period, end, tmp_path, cli, capsys):
    with pytest.raises(summary.SummaryError):
        summary.period_bounds(period, end)


def test_empty_period_renders(tmp_path):
    with open_store(history(tmp_path, THREE)) as store:
        files = summary_render.render_summary(store, 'quarterly', '2025-12-31', str(tmp_path / 'e'), language='en', formats=('html', 'md', 'monitor'))
    assert 'No inspection in this period.' in text_of(files['quarterly_summary.html'])
    assert 'No inspection in this period.' in text_of(files['monitor_report.md'])


def _day(text):
    return datetime.date.fromisoformat(text)


def test_availability_needs_three_runs_and_says_how_many_it_has(tmp_path, cli):
    store_path = history(tmp_path, THREE[1:2])
    assert cli.main(['--history', store_path, 'summary', '--period', 'quarterly', '--end', '2026-12-31', '--out', str(tmp_path / 'q')],
                    out=io.StringIO()) == 0
    page = text_of(str(tmp_path / 'q' / 'quarterly_summary.html'))
    assert '业务系统可用率无法计算（至少需要 3 次巡检，本期 1 次）' in page
    systems = page.split('<h2>2.1 ', 1)[1].split('<h2>2.2 ', 1)[0]
    assert '无法计算' in systems and '%' not in systems          # no figure in the systems table


def test_overlapping_outages_of_one_system_count_once():
    his_db = [make_inspection('his-db-01', 'postgresql', [make_item('host.unreachable', status='critical', fault=True)],
                              collected_at='2026-11-05T08:00:00+08:00')]
    his_db[0].update(system='HIS', impact='hospital', host_status='unreachable')
    his_db_up = make_inspection('his-db-01', 'postgresql', [make_item('reach.postgresql', status='ok')], collected_at='2026-12-05T08:00:00+08:00')
    his_db_up.update(system='HIS', impact='hospital', host_status='ok')
    runs = [THREE[0], monthly_run(MONTHS[1], [server(MONTHS[1], 70, service_up=False)] + his_db),
            monthly_run(MONTHS[2], [server(MONTHS[2], 81), his_db_up])]
    rows = summary.system_availability(runs, _day('2026-10-01'), _day('2026-12-31'))
    his = next(r for r in rows if r['system'] == 'HIS')
    # service down 10-05 -> 12-05 (still down in November), the database 11-05 -> 12-05 inside it
    assert (his['outages'], his['down_hours']) == (2, 61 * 24.0)
    assert his['pct'] == round(100 * (1 - 61 / 92.0), 2)
    # a host no later run inspected stays down to the period's end (nothing says it came back)
    runs[2] = THREE[2]
    his = next(r for r in summary.system_availability(runs, _day('2026-10-01'), _day('2026-12-31')) if r['system'] == 'HIS')
    assert his['down_hours'] == round((87 * 24 + 16), 1)       # 10-05 08:00 -> 01-01 00:00


def test_a_period_without_outages_is_fully_available_and_short_periods_are_not_computed():
    runs = [monthly_run(m, [server(m, 50)]) for m in MONTHS]
    assert [(r['system'], r['pct']) for r in summary.system_availability(runs, _day('2026-10-01'), _day('2026-12-31'))] == [('HIS', 100.0)]
    assert summary.system_availability(runs[:2], _day('2026-10-01'), _day('2026-12-31'))[0]['runs_needed'] == 3
