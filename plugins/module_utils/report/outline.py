# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parts of the health report's outline that read across the run: the written conclusion of the
executive summary, 中间件与接口, and 风险提示与优化建议 by priority and owner system.

Every sentence comes from the catalog (conclusion.* / advice.*), with figures from the run record.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import SEVERITY
from ansible_collections.medops.itops.plugins.module_utils.report.capacity import headroom
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes, format_number, format_value

CONCLUSION_EXAMPLES = 3          # findings named in one sentence of the conclusion
MIDDLEWARE_PREFIXES = ('tomcat.', 'http.', 'tls.', 'tcp.', 'custom.interface.')
PRIORITIES = ('P1', 'P2', 'P3', 'high', 'medium', 'low')


def _system_of(hosts, target, catalog):
    return (hosts.get(target) or {}).get('system') or catalog.t('period_summary.no_system')


def _listed(texts, catalog, limit):
    """The first `limit` texts joined ('a、b、c'), then '等 N 项' when there are more."""
    text = catalog.t('conclusion.separator').join(texts[:limit])
    if len(texts) > limit:
        text += catalog.t('conclusion.and_more', count=len(texts))
    return text


def _named(findings, hosts, catalog, limit=CONCLUSION_EXAMPLES):
    """'HIS pg-db-01 数据库服务状态、...' for the first `limit` findings, '等 N 项' when there are more."""
    return _listed(['%s %s %s' % (_system_of(hosts, f.get('target'), catalog), f.get('target'), catalog.item_name(f.get('id')))
                    for f in findings], catalog, limit)


def conclusion(run, findings, hosts, catalog):
    """The written conclusion: a few sentences a manager can sign, gravest first."""
    summary = run.get('summary') or {}
    faults = [f for f in findings if f.get('kind') == 'fault']
    risks = [f for f in findings if f.get('kind') != 'fault']
    sentences = [catalog.t('conclusion.overview', hosts=summary.get('hosts_total', 0), items=summary.get('items_total', 0),
                           score=summary.get('score', 0))]
    not_inspected = [i for i in run.get('inspections', []) if i.get('host_status', 'ok') != 'ok']
    if not_inspected:
        sentences.append(catalog.t('conclusion.not_inspected', count=len(not_inspected),
                                   names=_listed([str(i.get('target')) for i in not_inspected], catalog, 5)))
    if faults:
        grades = collections.Counter(f.get('grade') for f in faults)
        sentences.append(catalog.t('conclusion.faults', count=len(faults), p1=grades.get('P1', 0), p2=grades.get('P2', 0),
                                   p3=grades.get('P3', 0), named=_named(faults, hosts, catalog)))
    high = [f for f in risks if f.get('level') == 'high']
    if high:
        systems = collections.Counter(_system_of(hosts, f.get('target'), catalog) for f in high)
        sentences.append(catalog.t('conclusion.high_risks', count=len(high), systems=catalog.t('conclusion.separator').join(
            catalog.t('conclusion.system_count', system=name, count=count) for name, count in systems.most_common(3)),
            named=_named(high, hosts, catalog)))
    others = len(risks) - len(high)
    if others:
        sentences.append(catalog.t('conclusion.other_risks', count=others))
    if not faults and not risks and not not_inspected:
        sentences.append(catalog.t('conclusion.clean'))
    elif faults:
        sentences.append(catalog.t('conclusion.action_faults'))
    else:
        sentences.append(catalog.t('conclusion.action_risks'))
    return sentences


def middleware_rows(run, catalog):
    """中间件与接口: per host with Tomcat, HTTP/TLS probe or interface items, every such item (they are
    few and each one is a service users feel)."""
    out = []
    for inspection in run.get('inspections', []):
        items = [i for i in inspection.get('items') or [] if str(i.get('id')).startswith(MIDDLEWARE_PREFIXES)]
        if not items:
            continue
        rows = [{'item': catalog.item_name(i.get('id')), 'subject': i.get('subject') or '',
                 'value_text': format_value(i.get('value'), i.get('unit'), catalog), 'status': i.get('status'),
                 'status_label': catalog.status(i.get('status')), 'detail': catalog.detail(i)} for i in items]
        worst = max((i.get('status') for i in items), key=lambda s: SEVERITY.get(s, 0))
        out.append({'target': inspection.get('target'), 'system': inspection.get('system') or '', 'rows': rows,
                    'status': worst, 'status_label': catalog.status(worst),
                    'abnormal': sum(1 for i in items if i.get('status') != 'ok')})
    return out


def recommendations(findings, hosts, catalog, run_language, advice_for):
    """风险提示与优化建议: one row per (priority, owner system, item), the devices it concerns and the
    advice once, in the order of PRIORITIES."""
    groups = collections.OrderedDict()
    for finding in findings:
        priority = finding.get('grade') or finding.get('level')
        key = (PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES),
               _system_of(hosts, finding.get('target'), catalog), finding.get('id'))
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = {
                'priority': priority, 'kind': finding.get('kind'),
                'priority_label': catalog.grade(priority) if finding.get('grade') else catalog.level(priority),
                'system': key[1], 'item': catalog.item_name(finding.get('id')), 'targets': [],
                'advice': advice_for(finding, catalog, run_language)}
        place = finding.get('target') if not finding.get('subject') else '%s (%s)' % (finding.get('target'), finding.get('subject'))
        entry['targets'].append(place)
    rows = []
    for key in sorted(groups, key=lambda k: (k[0], str(k[1]), str(k[2]))):
        entry = groups[key]
        entry['where'] = _listed(entry['targets'], catalog, 4)
        entry['count'] = len(entry['targets'])
        rows.append(entry)
    return rows


def performance_missing(run, catalog, item_id='perf.sysstat'):
    """What the period's performance analysis lacks, said once: [{'reason', 'targets', 'count'}] per
    distinct reason of the hosts whose sysstat history could not be read."""
    reasons = collections.OrderedDict()
    for inspection in run.get('inspections', []):
        for item in inspection.get('items') or []:
            if item.get('id') == item_id and item.get('status') != 'ok':
                reasons.setdefault(catalog.detail(item), []).append(str(inspection.get('target')))
    return [{'reason': reason, 'targets': catalog.t('conclusion.separator').join(targets), 'count': len(targets)}
            for reason, targets in reasons.items()]


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _holding_mount(path, metrics):
    """The mount point of the host's inspected filesystems that holds `path` (longest prefix)."""
    mounts = [k[3:-len('.size_bytes')] for k in metrics if k.startswith('fs.') and k.endswith('.size_bytes')]
    path = str(path).rstrip('/') + '/'
    holding = [m for m in mounts if path.startswith(m.rstrip('/') + '/')]
    return max(holding, key=len) if holding else None


def database_storage(run, catalog):
    """存储容量规划's databases against the filesystem holding them: per database server with a data
    directory, the databases' total size, the filesystem, what is left and the share the databases
    take of it, with the same headroom advice as the filesystems."""
    rows = []
    for inspection in run.get('inspections', []):
        facts = inspection.get('facts') or {}
        metrics = inspection.get('metrics') or {}
        sizes = [v for k, v in metrics.items() if k.startswith('db.') and k.endswith('.size_bytes') and _number(v)]
        if not facts.get('data_directory') or not sizes:
            continue
        total = sum(sizes)
        row = {'target': inspection.get('target'), 'system': inspection.get('system') or '',
               'directory': facts['data_directory'], 'databases': format_bytes(total), 'count': len(sizes)}
        mount = _holding_mount(facts['data_directory'], metrics)
        size, used = metrics.get('fs.%s.size_bytes' % mount), metrics.get('fs.%s.used_bytes' % mount)
        if mount is None or not (_number(size) and _number(used)) or size <= 0:
            row.update(mount='', share='', headroom={'text': catalog.t('capacity.db_fs_unknown'), 'status': 'unknown'})
        else:
            free = max(0, size - used)
            row.update(mount=mount, share=catalog.t('capacity.db_share', share=format_number(round(100.0 * total / size, 1))),
                       headroom=headroom(used, size, catalog), free=format_bytes(free))
        rows.append(row)
    return rows
