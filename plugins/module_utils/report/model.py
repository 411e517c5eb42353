# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the reports show, computed once from a run record and shared by HTML, Markdown and XLSX.

Templates only lay out what these functions return: localised labels, sorted findings, the
servers chosen for charts and the device sections. Large runs stay readable: charts are drawn
for a bounded number of servers and device tables list non-ok checks when they are long, and
the report says so (the inspection record always lists every check).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import datetime
import itertools

from ansible_collections.medops.itops.plugins.module_utils.fleet.inspect import DEVICE_CLASS as FLEET_CLASS
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import DEFAULT_POLICY, score_band
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import DEVICE_CLASSES, SEVERITY
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import resolve, status_for
from ansible_collections.medops.itops.plugins.module_utils.report import outline
from ansible_collections.medops.itops.plugins.module_utils.report.series import usage_over_period
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_threshold, format_time, format_value

SERVER_CLASSES = ('linux_server', 'windows_server')
CHART_LIMIT = 30
FINDINGS_LIMIT = 1000
DEVICE_ITEMS_LIMIT = 200
TOP_FINDINGS = 5
# The printed record shows this many or more normal items of one id on one device as one line.
COLLAPSE_MIN = 3
GRADE_ORDER = {'P1': 0, 'P2': 1, 'P3': 2}
LEVEL_ORDER = {'high': 0, 'medium': 1, 'low': 2}
# metric key -> (catalog label key, item id carrying its threshold and status)
RESOURCE_METRICS = (('cpu.util_pct', 'metrics.cpu', 'linux.cpu.util_pct'),
                    ('mem.used_pct', 'metrics.mem', 'linux.mem.used_pct'),
                    ('swap.used_pct', 'metrics.swap', 'linux.swap.used_pct'))
RESOURCE_ITEMS = ('linux.cpu.util_pct', 'linux.mem.used_pct', 'linux.swap.used_pct', 'linux.fs.used_pct', 'linux.load.per_core')
FLEET_TOTAL = 'fleet.total'      # a thin-client range's terminal count (fleet/inspect.py)


def advice_for(item, catalog, run_language):
    """The item's own advice when it is in the report's language, else the catalog's."""
    own = item.get('advice')
    if own and catalog.language == run_language:
        return own
    return catalog.item_advice(item.get('id')) or own or ''


def _host_row_item(inspection):
    """A stand-in item for a target that returned no items at all (never drop a device)."""
    status = inspection.get('host_status') or 'unknown'
    return {'id': 'host.%s' % status if status != 'ok' else 'host.items', 'subject': None, 'value': None, 'unit': None,
            'status': 'critical' if status != 'ok' else 'unknown'}


def record_rows(run, catalog):
    """One row per item of every inspection (a generator: the record can be streamed)."""
    language = run.get('meta', {}).get('language')
    seq = 0
    for inspection in run.get('inspections', []):
        items = inspection.get('items') or [_host_row_item(inspection)]
        time_text = format_time(inspection.get('collected_at') or run.get('started_at'))
        class_label = catalog.device_class(inspection.get('device_class'))
        for item in items:
            seq += 1
            status = item.get('status') or 'unknown'
            yield {
                'seq': seq,
                'target': inspection.get('target'),
                'device_class': class_label,
                'system': inspection.get('system') or '',
                'item_id': item.get('id'),
                'item': catalog.item_name(item.get('id')),
                'subject': item.get('subject') or '',
                'value': item.get('value'),
                'unit': item.get('unit') or '',
                'value_text': format_value(item.get('value'), item.get('unit'), catalog),
                'threshold': format_threshold(item.get('threshold'), item.get('unit'), catalog),
                'status': status,
                'status_label': catalog.status(status),
                'detail': catalog.detail(item),
                'advice': advice_for(item, catalog, language) if status != 'ok' else '',
                'time': time_text,
                'checked_by': item.get('checked_by') or '',
                'reviewed_by': item.get('reviewed_by') or '',
                'fold': False,
            }


def print_rows(rows, catalog, collapse_min=COLLAPSE_MIN):
    """The record's HTML rows: `collapse_min` or more normal items of one id on one device are
    marked `fold` (hidden on paper) and preceded by one print-only summary row (接口运行状态：46 项正常);
    every abnormal item keeps its row. The screen view and the XLSX keep every row."""
    for _target, group in itertools.groupby(rows, key=lambda r: r['target']):
        group = list(group)
        counts = collections.Counter(r['item_id'] for r in group if r['status'] == 'ok')
        announced = set()
        for row in group:
            if row['status'] == 'ok' and counts[row['item_id']] >= collapse_min:
                if row['item_id'] not in announced:
                    announced.add(row['item_id'])
                    yield {'summary': True, 'target': row['target'], 'device_class': row['device_class'], 'system': row['system'],
                           'item': row['item'], 'status': 'ok', 'status_label': row['status_label'], 'time': row['time'],
                           'text': catalog.t('notes.collapsed_ok', count=counts[row['item_id']])}
                row['fold'] = True
            yield row


def finding_sort_key(finding):
    return (0 if finding.get('kind') == 'fault' else 1,
            GRADE_ORDER.get(finding.get('grade'), 9), LEVEL_ORDER.get(finding.get('level'), 9),
            -SEVERITY.get(finding.get('status'), 0), str(finding.get('target')), str(finding.get('id')), str(finding.get('subject')))


def _finding_row(finding, hosts, catalog, language):
    host = hosts.get(finding.get('target'), {})
    return {
        'target': finding.get('target'),
        'system': host.get('system') or '',
        'device_class': catalog.device_class(host.get('device_class')),
        'kind': finding.get('kind'),
        'kind_label': catalog.kind(finding.get('kind')),
        'grade': finding.get('grade'),
        'grade_label': catalog.grade(finding.get('grade')) if finding.get('grade') else '',
        'level': finding.get('level'),
        'level_label': catalog.level(finding.get('level')) if finding.get('level') else '',
        'respond': catalog.duration(finding.get('respond_within_min')),
        'recover': catalog.duration(finding.get('recover_within_min')),
        'item': catalog.item_name(finding.get('id')),
        'item_id': finding.get('id'),
        'subject': finding.get('subject') or '',
        'value_text': format_value(finding.get('value'), finding.get('unit'), catalog),
        'status': finding.get('status'),
        'status_label': catalog.status(finding.get('status')),
        'detail': _with_also_seen(finding, catalog),
        'advice': advice_for(finding, catalog, language),
    }


def _with_also_seen(finding, catalog):
    """The detail, plus where else the same certificate was seen (one finding per certificate)."""
    detail = catalog.detail(finding)
    others = finding.get('also_seen') or []
    if not others:
        return detail
    seen = catalog.t('notes.also_seen', places='; '.join(
        '%s %s %s' % (o.get('target'), catalog.item_name(o.get('id')), o.get('subject') or '') for o in others))
    return '%s %s' % (detail, seen) if detail else seen


def _threshold_of(inspection, item_id, subject=None):
    """The rule the item was judged by (its own threshold, else the default) and its status."""
    for item in inspection.get('items') or []:
        if item.get('id') == item_id and (subject is None or item.get('subject') == subject):
            return item.get('threshold') or resolve(item_id, subject) or {}, item.get('status')
    return resolve(item_id, subject) or {}, None


def _bar(label, value, threshold, status):
    return {'label': label, 'value': value, 'status': status or status_for(value, threshold),
            'warning': threshold.get('warning'), 'critical': threshold.get('critical')}


def resource_bars(inspection, catalog):
    """The CPU, memory, swap and filesystem usage bars of one server, from its metrics."""
    metrics = inspection.get('metrics') or {}
    bars = []
    for key, label_key, item_id in RESOURCE_METRICS:
        value = metrics.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            threshold, status = _threshold_of(inspection, item_id)
            bars.append(_bar(catalog.t(label_key), value, threshold, status))
    for key in sorted(metrics):
        value = metrics[key]
        if key.startswith('fs.') and key.endswith('.used_pct') and isinstance(value, (int, float)) and not isinstance(value, bool):
            mount = key[3:-len('.used_pct')]
            threshold, status = _threshold_of(inspection, 'linux.fs.used_pct', mount)
            bars.append(_bar(mount, value, threshold, status))
    return bars


def chart_hosts(run, catalog, limit=CHART_LIMIT):
    """Servers to chart: those with resource findings first (worst first), then the highest usage.

    Each has its usage now (bars) and, when sysstat was read, its usage over the period (series.py)."""
    candidates = []
    for inspection in run.get('inspections', []):
        if inspection.get('device_class') not in SERVER_CLASSES:
            continue
        bars = resource_bars(inspection, catalog)
        if not bars:
            continue
        worst = max([SEVERITY.get(i.get('status'), 0) for i in inspection.get('items') or [] if i.get('id') in RESOURCE_ITEMS] or [0])
        peak = max(b['value'] for b in bars)
        candidates.append((-worst, -peak, inspection.get('target'), inspection, bars))
    candidates.sort(key=lambda c: c[:3])
    chosen = [{'target': c[3].get('target'), 'system': c[3].get('system') or '', 'bars': c[4],
               'period': usage_over_period(c[3], run.get('performance'), catalog)} for c in candidates[:limit]]
    return chosen, len(candidates)


def _device_groups(run, catalog):
    """[(key, label, inspections)] of the device chapter: by device class (servers have their own
    chapter), or with meta.group_by 'system' by business system, servers included."""
    by_system = (run.get('meta') or {}).get('group_by') == 'system'
    groups = {}
    for inspection in run.get('inspections', []):
        if by_system:
            groups.setdefault(inspection.get('system') or '', []).append(inspection)
        elif inspection.get('device_class') not in SERVER_CLASSES:
            groups.setdefault(inspection.get('device_class'), []).append(inspection)
    if by_system:
        return [(name, name or catalog.t('period_summary.no_system'), groups[name]) for name in sorted(groups, key=lambda n: (n == '', n))]
    order = [c for c in DEVICE_CLASSES if c in groups] + sorted(c for c in groups if c not in DEVICE_CLASSES)
    return [(c, catalog.device_class(c), groups[c]) for c in order]


def _device_sections(run, catalog):
    sections = []
    for device_class, label, inspections in _device_groups(run, catalog):
        hosts, items = [], []
        for inspection in inspections:
            own = inspection.get('items') or []
            hosts.append({'target': inspection.get('target'), 'system': inspection.get('system') or '',
                          'impact': catalog.impact(inspection.get('impact')) if inspection.get('impact') else '',
                          'host_status': inspection.get('host_status'), 'host_status_label': catalog.host_status(inspection.get('host_status')),
                          'checks': len(own), 'findings': sum(1 for i in own if i.get('status') != 'ok')})
            for item in own:
                items.append((inspection, item))
        total = len(items)
        # What is not normal, item by item; what is, as one count (the record lists every item).
        normal = sum(1 for pair in items if pair[1].get('status') == 'ok')
        items = [pair for pair in items if pair[1].get('status') != 'ok'][:DEVICE_ITEMS_LIMIT]
        rows = [{'target': ins.get('target'), 'item': catalog.item_name(item.get('id')), 'subject': item.get('subject') or '',
                 'value_text': format_value(item.get('value'), item.get('unit'), catalog),
                 'threshold': format_threshold(item.get('threshold'), item.get('unit'), catalog),
                 'status': item.get('status'), 'status_label': catalog.status(item.get('status')), 'detail': catalog.detail(item)}
                for ins, item in items]
        sections.append({'device_class': device_class, 'label': label, 'hosts': hosts, 'rows': rows,
                         'total_items': total, 'normal_items': normal, 'bounded': len(rows) < total})
    return sections


def _changes(run, catalog, hosts):
    changes = run.get('changes')
    if not changes:
        return None
    out = {'previous_run_id': changes.get('previous_run_id'), 'groups': []}
    for key in ('new', 'resolved', 'worsened'):
        rows = [{'target': c.get('target'), 'system': hosts.get(c.get('target'), {}).get('system') or '',
                 'item': catalog.item_name(c.get('id')), 'subject': c.get('subject') or '',
                 'status': c.get('status'), 'status_label': catalog.status(c.get('status')),
                 'previous_status_label': catalog.status(c['previous_status']) if c.get('previous_status') else ''}
                for c in changes.get(key) or []]
        out['groups'].append({'key': key, 'label': catalog.t('changes.%s' % key), 'rows': rows})
    out['empty'] = not any(group['rows'] for group in out['groups'])
    return out


def _unreachable(run, catalog):
    rows = []
    for inspection in run.get('inspections', []):
        if inspection.get('host_status', 'ok') == 'ok':
            continue
        details = [catalog.detail(i) for i in inspection.get('items') or [] if i.get('detail')]
        rows.append({'target': inspection.get('target'), 'device_class': catalog.device_class(inspection.get('device_class')),
                     'system': inspection.get('system') or '', 'impact': catalog.impact(inspection.get('impact')) if inspection.get('impact') else '',
                     'host_status': inspection.get('host_status'), 'host_status_label': catalog.host_status(inspection.get('host_status')),
                     'detail': '; '.join(details), 'time': format_time(inspection.get('collected_at'))})
    return rows


def _scope(run, catalog):
    """Devices and items per device class. A thin-client inspection is one department's range:
    it counts its terminals (metric fleet.total), and the label says how many ranges."""
    counts = {}
    for inspection in run.get('inspections', []):
        entry = counts.setdefault(inspection.get('device_class'), [0, 0, 0])
        terminals = (inspection.get('metrics') or {}).get(FLEET_TOTAL)
        entry[0] += terminals if isinstance(terminals, int) and not isinstance(terminals, bool) else 1
        entry[1] += len(inspection.get('items') or [])
        entry[2] += 1
    order = [c for c in DEVICE_CLASSES if c in counts] + sorted(c for c in counts if c not in DEVICE_CLASSES)
    rows = []
    for device_class in order:
        hosts, checks, inspections = counts[device_class]
        label = catalog.device_class(device_class)
        if device_class == FLEET_CLASS:
            label = catalog.t('labels.fleet_scope', label=label, ranges=inspections)
        rows.append({'label': label, 'hosts': hosts, 'checks': checks})
    return rows


# The equipment list's columns: the first fact present of each tuple (collectors name them differently).
EQUIPMENT_FACTS = (('vendor', ('manufacturer', 'vendor')), ('model', ('model', 'product')), ('serial', ('serial',)),
                   ('version', ('firmware', 'version', 'os_pretty')))


def equipment(run, catalog):
    """设备清单: every inspected device with vendor, model, serial and firmware/OS version as its
    checks read them ('-' when none did); thin-client ranges are counted in the scope instead."""
    order = dict((c, i) for i, c in enumerate(DEVICE_CLASSES))
    rows = []
    for inspection in run.get('inspections', []):
        if inspection.get('device_class') == FLEET_CLASS:
            continue
        facts = inspection.get('facts') or {}
        row = {'target': inspection.get('target'), 'device_class': catalog.device_class(inspection.get('device_class')),
               'system': inspection.get('system') or '', 'system_description': inspection.get('system_description') or '',
               'class_order': order.get(inspection.get('device_class'), len(order))}
        for column, keys in EQUIPMENT_FACTS:
            value = next((facts[k] for k in keys if facts.get(k) not in (None, '')), None)
            row[column] = str(value)[:80] if value is not None else '-'
        rows.append(row)
    rows.sort(key=lambda r: (r['class_order'], str(r['target'])))
    return rows


# 数据库运行状态评估: (column, item ids by engine); the worst item of the id on the host is shown.
DATABASE_COLUMNS = (
    ('version', ('pg.version', 'mysql.version')),
    ('connections', ('pg.connections.used_pct', 'mysql.connections.used_pct')),
    ('replication', ('pg.replication.state', 'mysql.replication.io_running')),
    ('lag', ('pg.replication.lag_s', 'mysql.replication.lag_s')),
    ('cache_hit', ('pg.cache_hit_pct', 'mysql.innodb.buffer_pool_hit_pct')),
    ('bloat', ('pg.table.dead_tuples_pct', 'mysql.table.fragmentation_pct')),
)
STATEMENT_ITEMS = ('pg.statements.top', 'mysql.statements.top')


def _worst(items):
    return max(items, key=lambda i: (SEVERITY.get(i.get('status'), 0), i.get('value') if isinstance(i.get('value'), (int, float)) else 0))


def database_rows(run, catalog):
    """One row per database server (any host with pg.* or mysql.* items): reachability, version,
    connections, replication and lag, cache hit, bloat or fragmentation (worst object), the sizes of
    its databases (metrics db.<name>.size_bytes) and its slowest statements."""
    rows = []
    for inspection in run.get('inspections', []):
        items = [i for i in inspection.get('items') or [] if str(i.get('id')).startswith(('pg.', 'mysql.'))]
        if not items:
            continue
        engine = 'PostgreSQL' if any(i['id'].startswith('pg.') for i in items) else 'MySQL/MariaDB'
        row = {'target': inspection.get('target'), 'system': inspection.get('system') or '', 'engine': engine,
               'status': max((i.get('status') for i in items), key=lambda s: SEVERITY.get(s, 0))}
        row['status_label'] = catalog.status(row['status'])
        for column, ids in DATABASE_COLUMNS:
            found = [i for i in items if i['id'] in ids]
            if not found:
                row[column] = {'text': '-', 'status': 'ok'}
                continue
            worst = _worst(found)
            text = format_value(worst.get('value'), worst.get('unit'), catalog)
            if worst.get('subject') and column in ('bloat',):
                text = '%s (%s)' % (text, worst['subject'])
            row[column] = {'text': text, 'status': worst.get('status') or 'unknown'}
        metrics = inspection.get('metrics') or {}
        sizes = sorted((k[3:-len('.size_bytes')], v) for k, v in metrics.items()
                       if k.startswith('db.') and k.endswith('.size_bytes') and isinstance(v, (int, float)))
        row['sizes'] = '; '.join('%s %s' % (name, format_value(value, 'B', catalog)) for name, value in sizes) or '-'
        row['statements'] = [{'rank': i.get('subject') or '', 'value_text': format_value(i.get('value'), i.get('unit'), catalog),
                              'detail': catalog.detail(i)} for i in items if i['id'] in STATEMENT_ITEMS]
        rows.append(row)
    return rows


# Checks that already speak to 补丁与变更 (the patch and restart jobs will add their own items).
PATCH_ITEMS = ('linux.updates.pending', 'linux.reboot.required')
BACKUP_PREFIXES = ('backup.', 'restore.')


def job_section(run, catalog, ids=(), prefixes=()):
    """{'covered': hosts with such items, 'rows': the items that are not normal} for the backup or
    patch section; covered 0 means no check of this run speaks to it yet."""
    covered, rows = set(), []
    for inspection in run.get('inspections', []):
        for item in inspection.get('items') or []:
            item_id = str(item.get('id'))
            if item_id in ids or (prefixes and item_id.startswith(tuple(prefixes))):
                covered.add(inspection.get('target'))
                if item.get('status') != 'ok':
                    rows.append({'target': inspection.get('target'), 'item': catalog.item_name(item_id), 'subject': item.get('subject') or '',
                                 'value_text': format_value(item.get('value'), item.get('unit'), catalog), 'status': item.get('status'),
                                 'status_label': catalog.status(item.get('status')), 'detail': catalog.detail(item)})
    return {'covered': len(covered), 'rows': rows}


def risks_by_system(findings, hosts, catalog):
    """执行摘要's view by business system: faults and risks per `itops_system`, gravest first, with the
    gravest finding of each (findings come sorted gravest first)."""
    systems = collections.OrderedDict()
    for finding in findings:
        name = (hosts.get(finding.get('target')) or {}).get('system') or ''
        entry = systems.setdefault(name, {'system': name or catalog.t('period_summary.no_system'), 'faults': 0, 'risks': 0,
                                          'top': None})
        entry['faults' if finding.get('kind') == 'fault' else 'risks'] += 1
        if entry['top'] is None:
            entry['top'] = {'target': finding.get('target'), 'item': catalog.item_name(finding.get('id')),
                            'subject': finding.get('subject') or '', 'kind': finding.get('kind'), 'grade': finding.get('grade'),
                            'level': finding.get('level'),
                            'label': catalog.grade(finding['grade']) if finding.get('grade') else catalog.level(finding.get('level'))}
    return list(systems.values())


def _grading(summary, catalog):
    """The deadline table from the policy the run was graded with (summary.deadlines); a run
    recorded before it was stored there gets the default policy's."""
    deadlines = dict(DEFAULT_POLICY['deadlines'])
    deadlines.update(summary.get('deadlines') or {})
    return [{'grade': g, 'label': catalog.grade(g), 'respond': catalog.duration(deadlines[g].get('respond_within_min')),
             'recover': catalog.duration(deadlines[g].get('recover_within_min'))} for g in ('P1', 'P2', 'P3')]


def score_reason(summary, catalog):
    """Why the score is what it is when an open fault capped it, else ''."""
    cap = summary.get('score_cap')
    if not cap:
        return ''
    return catalog.t('summary.score_capped', grade=catalog.grade(cap['grade']), faults=cap['faults'], cap=cap['cap'],
                     uncapped=cap.get('uncapped', ''))


REPORT_DUE_WORKING_DAYS = 7      # the usual contract: the report within 7 working days of the inspection


def report_due(finished_at, working_days=REPORT_DUE_WORKING_DAYS):
    """The date `working_days` working days (Monday to Friday) after the inspection ended, or None.
    Public holidays are not known here: the contract's calendar may move it later."""
    try:
        day = datetime.date.fromisoformat(str(finished_at)[:10])
    except ValueError:
        return None
    left = working_days
    while left > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def header(run, catalog, today=None):
    meta = run.get('meta') or {}
    days = meta.get('report_due_working_days') or REPORT_DUE_WORKING_DAYS
    due = report_due(run.get('finished_at'), days)
    return {
        'report_date': (today or datetime.date.today()).isoformat(),
        'report_due': catalog.t('labels.report_due_text', date=due.isoformat(), days=days) if due else '',
        'hospital': meta.get('hospital') or '', 'vendor': meta.get('vendor') or '',
        'inspector': meta.get('inspector') or '', 'reviewer': meta.get('reviewer') or '',
        'period': catalog.period(run.get('period')), 'job': run.get('job') or '', 'run_id': run.get('run_id') or '',
        'started_at': format_time(run.get('started_at'), seconds=True), 'finished_at': format_time(run.get('finished_at'), seconds=True),
    }


def health_model(run, catalog, chart_limit=CHART_LIMIT, findings_limit=FINDINGS_LIMIT):
    """Everything the health report shows, localised and bounded."""
    language = (run.get('meta') or {}).get('language')
    hosts = dict((i.get('target'), i) for i in run.get('inspections', []))
    findings = sorted(run.get('findings') or [], key=finding_sort_key)
    rows = [_finding_row(f, hosts, catalog, language) for f in findings[:findings_limit]]
    summary = run.get('summary') or {}
    score = summary.get('score', 0)
    charts, chart_total = chart_hosts(run, catalog, chart_limit)
    faults = [r for r in rows if r['kind'] == 'fault']
    risks = [r for r in rows if r['kind'] != 'fault']
    by_status = summary.get('by_status') or {}
    return {
        'header': header(run, catalog),
        'summary': summary,
        'score': score,
        'score_label': catalog.t('summary.score_%s' % score_band(score)[0]),
        'score_reason': score_reason(summary, catalog),
        'fault_count': sum((summary.get('faults_by_grade') or {}).values()),
        'risk_count': sum((summary.get('risks_by_level') or {}).values()),
        'status_segments': [{'status': s, 'label': catalog.status(s), 'count': by_status.get(s, 0)}
                            for s in ('ok', 'warning', 'critical', 'unknown')],
        'findings_total': len(findings), 'findings_shown': len(rows),
        'faults': faults, 'risks': risks, 'top': rows[:TOP_FINDINGS],
        'grading': _grading(summary, catalog),
        'charts': charts, 'chart_total': chart_total,
        'devices': _device_sections(run, catalog),
        'changes': _changes(run, catalog, hosts),
        'unreachable': _unreachable(run, catalog),
        'scope': _scope(run, catalog),
        'equipment': equipment(run, catalog),
        'databases': database_rows(run, catalog),
        'by_system': risks_by_system(findings, hosts, catalog),
        'backup': job_section(run, catalog, prefixes=BACKUP_PREFIXES),
        'patch': job_section(run, catalog, ids=PATCH_ITEMS),
        'conclusion': outline.conclusion(run, findings, hosts, catalog),
        'middleware': outline.middleware_rows(run, catalog),
        'perf_missing': outline.performance_missing(run, catalog),
        'recommendations': outline.recommendations(findings, hosts, catalog, language, advice_for),
    }
