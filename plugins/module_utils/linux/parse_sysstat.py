# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Performance over the period from sysstat history (`sadf -d` of the sar data files).

`sadf -d FILE -- -u` (and -r, -d -p) prints one header line per activity, then one line per sample:

    # hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle
    his-app-01;600;2026-11-25 08:10:01 UTC;-1;3.10;0.00;1.02;0.40;0.00;95.48

Columns are found by their header name, so sysstat 10.1 (CentOS 7: -r has no kbavail and its
%memused counts buffers and cache, -d has rd_sec/s, avgrq-sz, svctm) and sysstat 11/12 (-r kbavail,
-d rkB/s, areq-sz) are read by the same code. Samples older than since_hours are skipped.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import math
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import to_float, to_int

ITEM_IDS = ('perf.cpu.p95_pct', 'perf.mem.p95_pct', 'perf.iowait.p95_pct', 'perf.disk.await_p95_ms')


def percentile(values, pct):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, int(math.ceil(pct / 100.0 * len(ordered))))
    return ordered[rank - 1]


def _epoch(text):
    """'2026-11-25 08:10:01 UTC' (sadf -d prints UTC unless -t) -> epoch seconds, or None."""
    text = (text or '').strip()
    for suffix in (' UTC', ' GMT'):
        if text.endswith(suffix):
            text = text[:-len(suffix)]
    try:
        return calendar.timegm(time.strptime(text, '%Y-%m-%d %H:%M:%S'))
    except ValueError:
        return None


def parse_sadf(lines, cutoff=None):
    """{'cpu': [(epoch, busy, iowait)], 'mem': [(epoch, used_pct)], 'disk': {dev: [(epoch, await)]}, 'errors': [...]}."""
    data = {'cpu': [], 'mem': [], 'disk': {}, 'errors': []}
    header = None
    for line in lines:
        if line.startswith('# '):
            header = dict((name, i) for i, name in enumerate(line[2:].strip().split(';')))
            continue
        if line.startswith('--- ') or not line.strip():
            continue
        fields = line.split(';')
        if header is None or len(fields) < len(header) or 'timestamp' not in header:
            if line.strip() and len(data['errors']) < 5:
                data['errors'].append(line.strip()[:200])
            continue
        stamp = _epoch(fields[header['timestamp']])
        if stamp is None or (cutoff is not None and stamp < cutoff) or to_int(fields[header.get('interval', 1)]) == -1:
            continue
        if '%idle' in header and fields[header['CPU']] in ('-1', 'all'):
            idle, iowait = to_float(fields[header['%idle']]), to_float(fields[header.get('%iowait', 0)])
            if idle is not None:
                data['cpu'].append((stamp, round(100.0 - idle, 2), iowait if iowait is not None else 0.0))
        elif '%memused' in header:
            data['mem'].append((stamp, _mem_used(fields, header)))
        elif 'DEV' in header and 'await' in header:
            latency = to_float(fields[header['await']])
            if latency is not None:
                data['disk'].setdefault(fields[header['DEV']], []).append((stamp, latency))
    data['mem'] = [m for m in data['mem'] if m[1] is not None]
    return data


def _mem_used(fields, header):
    """%memused; on sysstat 10 (no kbavail) without buffers and cache, as `free` reports it."""
    if 'kbavail' in header or 'kbbuffers' not in header:
        return to_float(fields[header['%memused']])
    free, used = to_float(fields[header['kbmemfree']]), to_float(fields[header['kbmemused']])
    buffers, cached = to_float(fields[header['kbbuffers']]), to_float(fields[header['kbcached']])
    if None in (free, used, buffers, cached) or free + used <= 0:
        return to_float(fields[header['%memused']])
    return round(100.0 * (used - buffers - cached) / (free + used), 2)


def parse_sysstat(sections, overrides=None):
    """perf.* metrics and items from the `sysstat` section; no section (not asked for) -> nothing."""
    found = Findings()
    section = sections.get('sysstat')
    if section is None:
        return found
    hours = to_int(section.keyvalues().get('since_hours')) or 744
    meta = sections.get('meta')
    now = to_int(meta.keyvalues().get('now_epoch')) if meta else None
    lines = [line for line in section.lines if not line.startswith('since_hours=')]
    data = parse_sadf(lines, now - hours * 3600 if now else None)
    if not data['cpu'] and not data['mem']:
        reason = section.problem() or ('no sysstat samples in the last %d hours%s' % (
            hours, (': ' + data['errors'][0]) if data['errors'] else ' (is sadc collecting?)'))
        found.items.append(make_item('perf.sysstat', status='unknown', detail='performance over the period unavailable: %s' % reason))
        return found
    stamps = [c[0] for c in data['cpu']] or [m[0] for m in data['mem']]
    span = round((max(stamps) - min(stamps)) / 3600.0, 1)
    found.metrics['perf.samples'] = len(stamps)
    found.metrics['perf.span_hours'] = span
    what = '%d samples over %s h (sysstat)' % (len(stamps), span)
    if data['cpu']:
        busy = [c[1] for c in data['cpu']]
        iowait = [c[2] for c in data['cpu']]
        found.metrics['perf.cpu.p95_pct'] = percentile(busy, 95)
        found.metrics['perf.cpu.peak_pct'] = max(busy)
        found.metrics['perf.iowait.p95_pct'] = percentile(iowait, 95)
        found.items.append(evaluate('perf.cpu.p95_pct', percentile(busy, 95), None, overrides, '%',
                                    'p95 of %s; peak %s %%, mean %.1f %%' % (what, max(busy), sum(busy) / len(busy))))
        found.items.append(evaluate('perf.iowait.p95_pct', percentile(iowait, 95), None, overrides, '%',
                                    'p95 of %s; peak %s %%' % (what, max(iowait))))
    if data['mem']:
        used = [m[1] for m in data['mem']]
        found.metrics['perf.mem.p95_pct'] = percentile(used, 95)
        found.items.append(evaluate('perf.mem.p95_pct', percentile(used, 95), None, overrides, '%',
                                    'p95 of %d samples (sysstat); peak %s %%' % (len(used), max(used))))
    if data['disk']:
        worst = max(sorted(data['disk']), key=lambda dev: percentile([s[1] for s in data['disk'][dev]], 95))
        latencies = [s[1] for s in data['disk'][worst]]
        value = percentile(latencies, 95)
        found.metrics['perf.disk.await_p95_ms'] = value
        found.items.append(evaluate('perf.disk.await_p95_ms', value, worst, overrides, 'ms',
                                    'p95 await of the slowest of %d busy disks over %d samples; peak %s ms'
                                    % (len(data['disk']), len(latencies), max(latencies))))
    return found
