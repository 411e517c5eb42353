#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the report rendering on a synthetic run (default 1000 hosts x 40 items).

Each measurement runs in its own process, so that its peak RSS (getrusage ru_maxrss) is its own.
Compared ways:
  streaming  render_all() as the callback calls it: templates streamed to the file, XLSX written
             with xlsxwriter constant_memory (or openpyxl write-only without xlsxwriter)
  render_all validation and every format in one call, as the inspection callback does it
  naive      the same templates rendered into one string first; XLSX with a regular openpyxl
             workbook held in memory
Goal: every format under 10 s and 500 MB peak RSS.

    PYTHONPATH=.build .venv/bin/python tools/bench/bench_render.py [--hosts 1000] [--items 40]
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

MOUNTS = ('/', '/var', '/data', '/opt', '/home', '/tmp', '/boot', '/u01')
CHECKS = ('linux.cpu.util_pct', 'linux.load.per_core', 'linux.mem.used_pct', 'linux.swap.used_pct', 'linux.time.offset_ms',
          'linux.zombies', 'linux.log.errors', 'linux.auth.failures', 'linux.updates.security', 'linux.cert.days_left',
          'linux.uptime.days', 'linux.nic.errors', 'linux.unit.failed', 'linux.service.active', 'linux.ports.unexpected')
GOAL_SECONDS = 10.0
GOAL_MB = 500.0


def build_run(hosts, items, seed=7):
    """A valid run record: `hosts` Linux servers with `items` items each, about 8 % not ok, 1 % unreachable."""
    rnd = random.Random(seed)
    inspections, findings = [], []
    by_status = {'ok': 0, 'warning': 0, 'critical': 0, 'unknown': 0}
    grades = {'P1': 0, 'P2': 0, 'P3': 0}
    levels = {'high': 0, 'medium': 0, 'low': 0}
    for h in range(hosts):
        target = 'srv-%04d.hospital.local' % h
        impact = rnd.choice(('hospital', 'department', 'individual'))
        collected = '2026-11-25T08:%02d:%02d+08:00' % (h // 60 % 60, h % 60)
        if rnd.random() < 0.01:
            item = {'id': 'host.unreachable', 'subject': None, 'value': None, 'unit': None, 'status': 'critical',
                    'detail': 'ssh: connect to host %s port 22: No route to host' % target, 'fault': True}
            inspections.append({'target': target, 'device_class': 'linux_server', 'impact': impact, 'system': '系统%d' % (h % 17),
                                'host_status': 'unreachable', 'collected_at': collected, 'facts': {}, 'metrics': {}, 'items': [item]})
            grade = {'hospital': 'P1', 'department': 'P2', 'individual': 'P3'}[impact]
            grades[grade] += 1
            by_status['critical'] += 1
            findings.append({'target': target, 'id': item['id'], 'subject': None, 'status': 'critical', 'kind': 'fault', 'grade': grade,
                             'level': None, 'respond_within_min': 15, 'recover_within_min': 120, 'value': None, 'unit': None,
                             'detail': item['detail'], 'advice': None})
            continue
        metrics, host_items = {}, []
        for i in range(items):
            if i < len(MOUNTS):
                item_id, subject = 'linux.fs.used_pct', MOUNTS[i]
            else:
                item_id, subject = CHECKS[(i - len(MOUNTS)) % len(CHECKS)], 'check-%d' % i
            value = round(rnd.uniform(5, 99), 1) if rnd.random() < 0.15 else round(rnd.uniform(5, 75), 1)
            status = 'critical' if value >= 90 else ('warning' if value >= 80 else 'ok')
            if rnd.random() < 0.005:
                status = 'unknown'
            item = {'id': item_id, 'subject': subject, 'value': value, 'unit': '%', 'status': status,
                    'threshold': {'warning': 80, 'critical': 90}}
            # Every item says its detail with an id and params, as the collectors do: the reports render each one.
            item['detail_id'] = 'linux.mem.used'
            item['params'] = {'used': '%.1f GiB' % value, 'total': '100.0 GiB', 'how': 'MemAvailable'}
            item['detail'] = '%.1f GiB of 100.0 GiB in use (available from MemAvailable)' % value
            if status != 'ok':
                item['detail'] = '%s %s 已使用 %.1f%%，日志样本: kernel: EXT4-fs error (device dm-%d)' % (target, subject, value, i)
                item['detail_id'] = 'linux.collector.unreadable'
                item['params'] = {'what': item['detail']}
            host_items.append(item)
            by_status[status] += 1
            if item_id == 'linux.fs.used_pct':
                metrics['fs.%s.used_pct' % subject] = value
            elif item_id in ('linux.cpu.util_pct', 'linux.mem.used_pct', 'linux.swap.used_pct'):
                metrics[item_id[len('linux.'):]] = value
            if status != 'ok':
                level = 'high' if status == 'critical' else ('medium' if impact == 'hospital' else 'low')
                levels[level] += 1
                findings.append({'target': target, 'id': item_id, 'subject': subject, 'status': status, 'kind': 'risk', 'grade': None,
                                 'level': level, 'respond_within_min': None, 'recover_within_min': None, 'value': value, 'unit': '%',
                                 'detail': item.get('detail'), 'detail_id': item.get('detail_id'), 'params': item.get('params'),
                                 'advice': None})
        inspections.append({'target': target, 'device_class': 'linux_server', 'impact': impact, 'system': '系统%d' % (h % 17),
                            'host_status': 'ok', 'collected_at': collected, 'facts': {'os': 'CentOS Linux 7.9.2009'},
                            'metrics': metrics, 'items': host_items})
    unreachable = sum(1 for i in inspections if i['host_status'] != 'ok')
    return {
        'schema_version': 1, 'run_id': '20261125T080000-bench', 'job': 'quarterly_inspection', 'period': 'quarterly', 'slice': None,
        'started_at': '2026-11-25T08:00:00+08:00', 'finished_at': '2026-11-25T08:20:00+08:00',
        'meta': {'hospital': '某某市人民医院', 'vendor': '某某信息技术有限公司', 'inspector': '张工', 'reviewer': '李工', 'language': 'zh_CN'},
        'inspections': inspections, 'findings': findings,
        'summary': {'hosts_total': hosts, 'hosts_ok': hosts - unreachable, 'hosts_unreachable': unreachable,
                    'items_total': sum(by_status.values()), 'by_status': by_status, 'faults_by_grade': grades,
                    'risks_by_level': levels, 'score': 72},
        'changes': None,
    }


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def naive_html(run, out):
    from ansible_collections.medops.itops.plugins.module_utils.report import model, render
    from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
    catalog = load_catalog('zh_CN')
    env = render.environment()
    header = model.header(run, catalog)
    rows = list(model.record_rows(run, catalog))
    text = env.get_template('inspection_record.html.j2').render(t=catalog.t, header=header, rows=rows, orientation='landscape', running='')
    with open(os.path.join(out, 'inspection_record.html'), 'w', encoding='utf-8') as handle:
        handle.write(text)
    text = env.get_template('health_report.html.j2').render(t=catalog.t, header=header, m=render.health_context(run, catalog),
                                                            orientation='portrait', running='')
    with open(os.path.join(out, 'health_report.html'), 'w', encoding='utf-8') as handle:
        handle.write(text)


def naive_xlsx(run, out):
    from openpyxl import Workbook
    from ansible_collections.medops.itops.plugins.module_utils.report import model
    from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
    from ansible_collections.medops.itops.plugins.module_utils.report.xlsx import COLUMNS
    catalog = load_catalog('zh_CN')
    book = Workbook()
    sheet = book.active
    sheet.append([catalog.t(c[0]) for c in COLUMNS])
    for row in model.record_rows(run, catalog):
        sheet.append([row['value'] if c[1] == 'value' and isinstance(row['value'], (int, float)) else row.get(c[1]) for c in COLUMNS])
    sheet.freeze_panes = 'A2'
    book.save(os.path.join(out, 'inspection_record.xlsx'))


def one(args):
    """Child process: one format, one way; prints a JSON line."""
    from ansible_collections.medops.itops.plugins.module_utils.report import render
    from ansible_collections.medops.itops.plugins.module_utils.report.schema import validate_run
    run = build_run(args.hosts, args.items)
    base = peak_mb()
    out = tempfile.mkdtemp(prefix='bench-render-')
    start = time.time()
    if args.way == 'validate':
        validate_run(run)
    elif args.way == 'naive' and args.one == 'html':
        naive_html(run, out)
    elif args.way == 'naive' and args.one == 'xlsx':
        naive_xlsx(run, out)
    elif args.one == 'all':
        render.render_all(run, out)  # what the callback does: validate, then every format
    else:
        backend = 'openpyxl' if args.way == 'openpyxl-write-only' else None
        render.render_all(run, out, formats=(args.one,), validate=False, xlsx_backend=backend)
    seconds = time.time() - start
    size = sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out))
    subprocess.call(['rm', '-rf', out])
    print(json.dumps({'format': args.one, 'way': args.way, 'seconds': round(seconds, 2), 'peak_mb': round(peak_mb(), 1),
                      'run_mb': round(base, 1), 'bytes': size}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', 1)[0])
    parser.add_argument('--hosts', type=int, default=1000)
    parser.add_argument('--items', type=int, default=40)
    parser.add_argument('--one', help=argparse.SUPPRESS)
    parser.add_argument('--way', default='streaming', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(args)
    from ansible_collections.medops.itops.plugins.module_utils.report import xlsx
    plan = [('json', 'validate'), ('html', 'streaming'), ('html', 'naive'), ('xlsx', 'streaming')]
    if xlsx.HAS_XLSXWRITER:
        plan.append(('xlsx', 'openpyxl-write-only'))
    plan += [('xlsx', 'naive'), ('md', 'streaming'), ('json', 'streaming'), ('all', 'render_all')]
    print('synthetic run: %d hosts x %d items (%d items)' % (args.hosts, args.items, args.hosts * args.items))
    print('%-6s %-20s %9s %9s %12s %11s  %s' % ('format', 'way', 'seconds', 'peak MB', 'run+base MB', 'output MB', 'goal'))
    failed = False
    for fmt, way in plan:
        proc = subprocess.run([sys.executable, __file__, '--hosts', str(args.hosts), '--items', str(args.items), '--one', fmt, '--way', way],
                              stdout=subprocess.PIPE, check=True)
        res = json.loads(proc.stdout.decode().strip().splitlines()[-1])
        ok = res['seconds'] < GOAL_SECONDS and res['peak_mb'] < GOAL_MB
        goal = '' if way == 'naive' else ('ok' if ok else 'MISSED')
        failed = failed or goal == 'MISSED'
        print('%-6s %-20s %9.2f %9.1f %12.1f %11.2f  %s' % (fmt, way, res['seconds'], res['peak_mb'], res['run_mb'], res['bytes'] / 1048576.0, goal))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
