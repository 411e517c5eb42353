# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rendering the period summaries and the monitoring report (HTML self-contained + Markdown).

    render_summary(store, 'quarterly', '2026-12-31', out_dir, language='zh_CN')
    render_monitor(store, out_dir, language='zh_CN')

Files are staged and moved into place together, like render_all (0640, nothing half-written).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

try:
    from markupsafe import Markup
except ImportError:  # pragma: no cover - markupsafe ships with jinja2
    Markup = str

from ansible_collections.medops.itops.plugins.module_utils.report import atomic, capacity, model, summary
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_number, format_time
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.report.render import ReportError, _stream_template, environment

GRADES = ('P1', 'P2', 'P3')
LEVELS = ('high', 'medium', 'low')


def _duration(catalog, hours):
    if hours is None:
        return ''
    if hours >= 48:
        return catalog.t('capacity.days', n=format_number(round(hours / 24.0, 1)))
    return catalog.t('units.hours', n=format_number(hours))


def _finding_rows(entries, catalog, kind):
    rows = []
    for entry in entries:
        finding = entry['finding']
        if (finding.get('kind') == 'fault') != (kind == 'fault'):
            continue
        hours = summary._hours(entry['resolved_at'], entry['first_seen'])  # pylint: disable=protected-access
        rows.append({'target': finding.get('target'), 'item': catalog.item_name(finding.get('id')), 'subject': finding.get('subject') or '',
                     'grade': finding.get('grade'), 'level': finding.get('level'),
                     'badge': (finding.get('grade') or '') if kind == 'fault' else catalog.level(finding.get('level')) if finding.get('level') else '',
                     'first_seen': format_time(entry['first_seen'].isoformat() if entry['first_seen'] else None),
                     'resolved_at': format_time(entry['resolved_at'].isoformat() if entry['resolved_at'] else None),
                     'resolved': entry['resolved_at'] is not None, 'hours': hours,
                     'state': catalog.t('period_summary.resolved' if entry['resolved_at'] else 'period_summary.unresolved'),
                     'time_to_resolve': _duration(catalog, hours)})
    rows.sort(key=lambda r: (model.GRADE_ORDER.get(r['grade'], 9), model.LEVEL_ORDER.get(r['level'], 9), r['target'], r['item']))
    return rows


def summary_context(data, catalog):
    runs = data['runs']
    faults = _finding_rows(data['findings'], catalog, 'fault')
    risks = _finding_rows(data['findings'], catalog, 'risk')
    by_grade = []
    for grade in GRADES:
        rows = [r for r in faults if r['grade'] == grade]
        hours = [r['hours'] for r in rows if r['hours'] is not None]
        by_grade.append({'grade': grade, 'label': catalog.grade(grade), 'count': len(rows), 'resolved': len(hours),
                         'mean': _duration(catalog, round(sum(hours) / len(hours), 1)) if hours else ''})
    by_level = [{'level': level, 'label': catalog.level(level), 'opened': sum(1 for r in risks if r['level'] == level),
                 'closed': sum(1 for r in risks if r['level'] == level and r['resolved'])} for level in LEVELS]
    avail = data['availability']
    systems = [_system_row(r, catalog) for r in data.get('systems') or []]
    changes = None
    if data.get('changes'):
        changes = {}
        for key in ('new', 'resolved'):
            changes[key] = [{'target': c.get('target'), 'item': catalog.item_name(c.get('id')), 'subject': c.get('subject') or '',
                             'status_label': catalog.status(c.get('status'))} for c in data['changes'][key]]
    cap_rows = [dict(row, svg=Markup(row['svg'])) for row in capacity.capacity_rows(data['forecasts'], catalog)]
    perf_rows, bottlenecks = capacity.performance_rows(data.get('performance'), catalog)
    last = runs[-1] if runs else {}
    meta = last.get('meta') or {}
    return {
        'title': catalog.t('period_summary.title_%s' % data['period']),
        'header': {'hospital': meta.get('hospital') or '', 'vendor': meta.get('vendor') or '', 'inspector': meta.get('inspector') or '',
                   'reviewer': meta.get('reviewer') or '',
                   'range': catalog.t('period_summary.range_text', start=data['start'], end=data['end'])},
        'overview': catalog.t('period_summary.overview', start=data['start'], end=data['end'], runs=len(runs), hosts=len(avail),
                              availability=_availability_headline(systems, catalog, len(runs)),
                              faults=len(faults), resolved=sum(1 for r in faults if r['resolved']),
                              opened=len(risks), closed=sum(1 for r in risks if r['resolved'])),
        'runs': [{'run_id': r.get('run_id'), 'job': r.get('job'), 'period': catalog.period(r.get('period')),
                  'started_at': format_time(r.get('started_at')), 'hosts': (r.get('summary') or {}).get('hosts_total', ''),
                  'score': (r.get('summary') or {}).get('score', ''),
                  'faults': sum(((r.get('summary') or {}).get('faults_by_grade') or {}).values()),
                  'risks': sum(((r.get('summary') or {}).get('risks_by_level') or {}).values())} for r in runs],
        'availability': [dict(r, device_class_label=catalog.device_class(r['device_class']),
                              pct_text='%s%%' % format_number(r['pct']) if r['pct'] is not None else '-',
                              status='ok' if r['pct'] == 100 else ('warning' if (r['pct'] or 0) >= 90 else 'critical')) for r in avail],
        'systems': systems,
        'faults': faults, 'by_grade': by_grade, 'risks': risks, 'by_level': by_level,
        'capacity': cap_rows, 'forecast_options': dict(capacity.DEFAULT_OPTIONS, **(data.get('forecast_options') or {})),
        'perf': perf_rows, 'bottlenecks': bottlenecks,
        'changes': changes, 'facts': data['facts'],
    }


def _system_row(row, catalog):
    pct = row['pct']
    if pct is None:
        text = catalog.t('period_summary.availability_uncomputable', needed=row['runs_needed'], runs=row['runs'])
    else:
        text = '%s%%' % format_number(pct)
    return dict(row, system_label=row['system'] or catalog.t('period_summary.no_system'), pct_text=text,
                down_text=_duration(catalog, row['down_hours']) if row['outages'] else '-',
                status='unknown' if pct is None else ('ok' if pct >= 99.9 else ('warning' if pct >= 99 else 'critical')))


def _availability_headline(systems, catalog, runs):
    """The overview's figure: the lowest system's availability, or why there is none."""
    if not systems:
        return '-'
    lowest = systems[0]          # rows come sorted lowest first, uncomputable last
    if lowest['pct'] is None:
        return catalog.t('period_summary.availability_uncomputable', needed=lowest['runs_needed'], runs=runs)
    return catalog.t('period_summary.availability_lowest', pct=lowest['pct_text'], system=lowest['system_label'])


def monitor_context(store, data, catalog):
    last = data.get('last')
    trends = []
    if last:
        for trend in summary.metric_trends(store, last):
            unit = 'ms' if trend['metric'].endswith('_ms') else '%'
            suffix = unit if unit == '%' else ' ' + unit
            trends.append({'target': trend['target'], 'system': trend['system'],
                           'metric': catalog.item_name(trend['metric']) if trend['metric'].startswith('perf.') else
                           catalog.t('metrics.%s' % trend['metric'].split('.')[0]),
                           'latest': format_number(trend['latest']) + suffix if isinstance(trend['latest'], (int, float)) else '-',
                           'min': format_number(trend['min']) + suffix if trend['min'] is not None else '-',
                           'max': format_number(trend['max']) + suffix if trend['max'] is not None else '-',
                           'svg': Markup(capacity.sparkline(trend['points']))})
    return {'trends': trends,
            'latest': catalog.t('monitor.latest_run', run_id=last.get('run_id'), time=format_time(last.get('started_at'))) if last else '',
            'hosts': model._unreachable(last, catalog) if last else [],  # pylint: disable=protected-access
            'summary': (last or {}).get('summary') or {}}


def _render(names, out_dir, writers):
    atomic.ensure_dir(out_dir)
    staged = []
    try:
        for name in names:
            stage = atomic.StagedFile(os.path.join(out_dir, name))
            staged.append(stage)
            try:
                writers[name](stage.tmp_path)
                stage.sync()
            except Exception as exc:
                raise ReportError('render %s: %s: %s' % (name, type(exc).__name__, exc)) from exc
        for stage in staged:
            stage.commit()
    finally:
        for stage in staged:
            stage.discard()
    return dict((name, os.path.abspath(os.path.join(out_dir, name))) for name in names)


def render_summary(store, period, end, out_dir, language='zh_CN', job=None, forecast=None, formats=('html', 'md'), base_dir=None):
    """Write <period>_summary.html / .md (and monitor_report.* when 'monitor' is in formats); returns {name: path}."""
    catalog = load_catalog(language, base_dir)
    env = environment(base_dir)
    data = summary.period_data(store, period, end, job, forecast)
    ctx = summary_context(data, catalog)
    base = {'t': catalog.t, 's': ctx, 'orientation': 'portrait', 'running': ctx['title']}
    writers = {'%s_summary.html' % period: lambda p: _stream_template(env, 'summary_report.html.j2', base, p),
               '%s_summary.md' % period: lambda p: _stream_template(env, 'summary_report.md.j2', base, p)}
    mon = dict(base, mon=monitor_context(store, data, catalog), running=catalog.t('monitor.title'))
    writers['monitor_report.html'] = lambda p: _stream_template(env, 'monitor_report.html.j2', mon, p)
    writers['monitor_report.md'] = lambda p: _stream_template(env, 'monitor_report.md.j2', mon, p)
    names = []
    if 'html' in formats:
        names.append('%s_summary.html' % period)
    if 'md' in formats:
        names.append('%s_summary.md' % period)
    if 'monitor' in formats:
        names += ['monitor_report.html', 'monitor_report.md']
    return _render(names, out_dir, writers)
