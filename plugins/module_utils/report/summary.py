# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Period summaries from the history: 季度 / 半年 / 年度运维总结报告 and the 系统运行监控报告.

period_model(store, period, end) reads the runs of the period (oldest first) and computes what
the summary shows: availability per business system (from the outages its runs saw), the share of
runs in which each host could be inspected, faults by
grade with their time to resolve (first run where seen -> first later run inspecting the host
without it), risks opened and closed, capacity forecasts as of the last run, and the changes
between the first and the last run (findings and ledger facts).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.medops.itops.plugins.module_utils.forecast import analysis
from ansible_collections.medops.itops.plugins.module_utils.forecast.capacity import parse_time
from ansible_collections.medops.itops.plugins.module_utils.history.compare import compare_runs
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import finding_key

PERIOD_MONTHS = {'quarterly': 3, 'semiannual': 6, 'annual': 12}
# Which stored runs feed a summary: the regular inspections (not ad-hoc runs, drills or patches).
SUMMARY_RUN_PERIODS = ('weekly', 'monthly', 'quarterly')
FACT_KEYS = ('os_pretty', 'os_version', 'kernel', 'firmware', 'model', 'serial', 'version')
TREND_METRICS = ('cpu.util_pct', 'mem.used_pct', 'perf.cpu.p95_pct', 'perf.mem.p95_pct', 'perf.iowait.p95_pct')
# A business system's availability is estimated from the outages its runs saw; with fewer runs in
# the period one run that saw the HIS down cannot tell a minute from a month (docs/summary-reports.md).
MIN_AVAILABILITY_RUNS = 3


class SummaryError(ValueError):
    """The period cannot be summarised; the message says why."""


def period_bounds(period, end):
    """(first day, last day) of the period ending on `end` (a date or YYYY-MM-DD), both inclusive."""
    if period not in PERIOD_MONTHS:
        raise SummaryError('period must be one of %s, got %r' % (', '.join(PERIOD_MONTHS), period))
    if not isinstance(end, datetime.date):
        try:
            end = datetime.datetime.strptime(str(end), '%Y-%m-%d').date()
        except ValueError:
            raise SummaryError('--end must be a date YYYY-MM-DD, got %r' % (end,))
    months = PERIOD_MONTHS[period]
    year, month = end.year, end.month - months
    while month < 1:
        month += 12
        year -= 1
    if end.day == _month_days(end.year, end.month):  # a period of whole months
        return (datetime.date(year, month, 1) + datetime.timedelta(days=_month_days(year, month))), end
    day = min(end.day, _month_days(year, month))
    return datetime.date(year, month, day) + datetime.timedelta(days=1), end


def _month_days(year, month):
    following = datetime.date(year + (month // 12), month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def runs_in_period(store, start, end, job=None):
    """Run records started within [start, end] (dates, inclusive), oldest first."""
    chosen = []
    for entry in store.list_runs(job):
        when = parse_time(entry.get('started_at'))
        if when is None or not start <= when.date() <= end:
            continue
        if job is None and entry.get('period') not in SUMMARY_RUN_PERIODS:
            continue
        chosen.append((when, entry['run_id']))
    chosen.sort()
    return [store.load_run(run_id, changes=False) for _when, run_id in chosen]


def _hours(later, earlier):
    if later is None or earlier is None:
        return None
    return round((later - earlier).total_seconds() / 3600.0, 1)


def availability(runs):
    hosts = {}
    for run in runs:
        for inspection in run.get('inspections') or []:
            target = inspection.get('target')
            entry = hosts.setdefault(target, {'target': target, 'system': inspection.get('system') or '',
                                              'device_class': inspection.get('device_class'), 'runs': 0, 'ok': 0})
            entry['runs'] += 1
            entry['ok'] += 1 if (inspection.get('host_status') or 'ok') == 'ok' else 0
    rows = []
    for target in sorted(hosts):
        entry = hosts[target]
        entry['pct'] = round(100.0 * entry['ok'] / entry['runs'], 1) if entry['runs'] else None
        rows.append(entry)
    rows.sort(key=lambda r: (r['pct'] if r['pct'] is not None else 101, r['target']))
    return rows


def system_availability(runs, start, end, findings=None, min_runs=MIN_AVAILABILITY_RUNS):
    """Per business system (`itops_system`): the share of the period without an open outage.

    An outage is a fault finding on any host of the system; it lasts from the first run that saw
    it to the first later run that inspected the host without it, or to the period's end. The runs
    sample the period, so this is the lower bound of the availability. With fewer than `min_runs`
    runs `pct` is None and `runs_needed` says how many a figure needs. `start`, `end`: dates, inclusive.
    """
    tz = next((parse_time(r.get('started_at')).tzinfo for r in runs if parse_time(r.get('started_at'))), None)
    begin = datetime.datetime.combine(start, datetime.time(0), tz)
    finish = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(0), tz)
    if tz is None:
        begin, finish = begin.astimezone(), finish.astimezone()
    systems = {}
    for run in runs:
        for inspection in run.get('inspections') or []:
            systems.setdefault(inspection.get('system') or '', set()).add(inspection.get('target'))
    outages = dict((name, []) for name in systems)
    for entry in lifecycles(runs) if findings is None else findings:
        finding = entry['finding']
        if finding.get('kind') != 'fault' or entry['first_seen'] is None:
            continue
        for name, targets in systems.items():
            if finding.get('target') in targets:
                outages[name].append((max(entry['first_seen'], begin), min(entry['resolved_at'] or finish, finish)))
    period_seconds = (finish - begin).total_seconds()
    rows = []
    for name in sorted(systems):
        down = _union_seconds(outages[name])
        enough = len(runs) >= min_runs and period_seconds > 0
        rows.append({'system': name, 'hosts': len(systems[name]), 'outages': len(outages[name]),
                     'down_hours': round(down / 3600.0, 1), 'runs': len(runs),
                     'runs_needed': 0 if enough else min_runs,
                     'pct': round(100.0 * (1 - down / period_seconds), 2) if enough else None})
    rows.sort(key=lambda r: (r['pct'] if r['pct'] is not None else 101, r['system']))
    return rows


def _union_seconds(intervals):
    """Seconds covered by the union of (start, end) intervals (overlapping outages count once)."""
    total = 0.0
    current = None
    for begin, finish in sorted(i for i in intervals if i[1] > i[0]):
        if current and begin <= current[1]:
            current[1] = max(current[1], finish)
            continue
        if current:
            total += (current[1] - current[0]).total_seconds()
        current = [begin, finish]
    if current:
        total += (current[1] - current[0]).total_seconds()
    return total


def lifecycles(runs):
    """Every finding seen in the period: first seen, resolved at (first later run inspecting the host without it)."""
    open_now = {}
    done = []
    for run in runs:
        when = parse_time(run.get('started_at'))
        keys = set()
        for finding in run.get('findings') or []:
            key = finding_key(finding)
            keys.add(key)
            if key not in open_now:
                open_now[key] = {'finding': finding, 'first_seen': when, 'first_run': run.get('run_id'), 'resolved_at': None}
            elif finding.get('kind') == 'fault':
                open_now[key]['finding'] = finding
        inspected = set(i.get('target') for i in run.get('inspections') or [])
        for key in list(open_now):
            if key not in keys and key[0] in inspected:
                entry = open_now.pop(key)
                entry['resolved_at'] = when
                done.append(entry)
    return done + list(open_now.values())


def fact_changes(first, last):
    """Ledger facts that differ between the first and the last run, per host inspected in both."""
    before = dict((i.get('target'), i.get('facts') or {}) for i in first.get('inspections') or [])
    rows = []
    for inspection in last.get('inspections') or []:
        target = inspection.get('target')
        if target not in before:
            continue
        after = inspection.get('facts') or {}
        for key in sorted(set(before[target]) | set(after)):
            if key in FACT_KEYS and before[target].get(key) != after.get(key):
                rows.append({'target': target, 'fact': key, 'before': before[target].get(key), 'after': after.get(key)})
    return rows


def period_data(store, period, end, job=None, forecast=None):
    """Everything a period summary needs, not yet localised."""
    start, end = period_bounds(period, end)
    runs = runs_in_period(store, start, end, job)
    findings = lifecycles(runs) if runs else []
    data = {'period': period, 'start': start.isoformat(), 'end': end.isoformat(), 'runs': runs, 'availability': availability(runs),
            'systems': system_availability(runs, start, end, findings), 'findings': findings,
            'forecasts': [], 'forecast_options': {}, 'changes': None, 'facts': []}
    if runs:
        last = dict(runs[-1])
        analysis.attach(store, last, forecast)
        data['forecasts'] = last['forecasts']
        data['forecast_options'] = last['forecast_options']
        data['performance'] = last['performance']
        data['last'] = last
        if len(runs) > 1:
            data['changes'] = compare_runs(runs[0], runs[-1])
            data['facts'] = fact_changes(runs[0], runs[-1])
    return data


def metric_trends(store, run, keys=TREND_METRICS, limit=24):
    """[{target, metric, points}] of the latest run's servers for the monitoring report."""
    trends = []
    for inspection in run.get('inspections') or []:
        metrics = inspection.get('metrics') or {}
        for key in keys:
            if key not in metrics:
                continue
            series = [s for s in store.metric_series(inspection.get('target'), key) if isinstance(s.get('value'), (int, float))][-limit:]
            values = [s['value'] for s in series]
            trends.append({'target': inspection.get('target'), 'system': inspection.get('system') or '', 'metric': key,
                           'points': [[s['collected_at'], s['value']] for s in series], 'latest': metrics.get(key),
                           'min': min(values) if values else None, 'max': max(values) if values else None})
    return trends
