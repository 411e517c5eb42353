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
import re
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import to_float, to_int

ITEM_IDS = ('perf.cpu.p95_pct', 'perf.mem.p95_pct', 'perf.iowait.p95_pct', 'perf.disk.await_p95_ms')
# The health report draws the period as at most this many points per series; each point is the
# highest sample of its time slice, so a short peak is never averaged away (docs/forecast.md).
SERIES_POINTS = 96


def percentile(values, pct):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, int(math.ceil(pct / 100.0 * len(ordered))))
    return ordered[rank - 1]


def downsample(samples, points=SERIES_POINTS):
    """[(epoch, value)] -> at most `points` [epoch, value] pairs: the highest value of each equal time slice.

    Each pair keeps the time of the sample it took its value from."""
    samples = sorted(s for s in samples if s[1] is not None)
    if len(samples) <= points:
        return [[int(stamp), value] for stamp, value in samples]
    first, last = samples[0][0], samples[-1][0]
    width = (last - first) / float(points) or 1.0
    slices = {}
    for stamp, value in samples:
        index = min(int((stamp - first) / width), points - 1)
        if index not in slices or value > slices[index][1]:
            slices[index] = (stamp, value)
    return [[int(slices[i][0]), slices[i][1]] for i in sorted(slices)]


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


NO_FILES = re.compile(r'^no sysstat data files in (?P<folder>\S+) of the last (?P<days>\d+) days: sadc is not collecting(?P<hint>.*)$')
NO_FILES_HINT = ' (ENABLED in /etc/default/sysstat, sysstat service)'


def _unavailable(section, hours, errors):
    """Why there is no performance over the period: the collector's marker, what sadf printed instead
    of samples, or no sample in the period."""
    reason = section.problem()
    if reason:
        params = reason.params or {}
        if reason.detail_id == 'linux.collector.not_installed':
            return said('linux.perf.not_installed', 'performance over the period unavailable: {tool} not installed', **params)
        if reason.detail_id == 'linux.collector.timed_out':
            return said('linux.perf.timed_out', 'performance over the period unavailable: timed out: {step}', **params)
        text = str(params.get('what', reason))
        match = NO_FILES.match(text)
        if match and match.group('hint') in ('', NO_FILES_HINT):
            if match.group('hint'):
                return said('linux.perf.no_files_hint', 'performance over the period unavailable: no sysstat data files in {folder} of the '
                            'last {days:d} days: sadc is not collecting (ENABLED in /etc/default/sysstat, sysstat service)',
                            folder=match.group('folder'), days=int(match.group('days')))
            return said('linux.perf.no_files', 'performance over the period unavailable: no sysstat data files in {folder} of the '
                        'last {days:d} days: sadc is not collecting', folder=match.group('folder'), days=int(match.group('days')))
        if text == 'no sysstat data directory (/var/log/sa, /var/log/sysstat)':
            return said('linux.perf.no_directory', 'performance over the period unavailable: no sysstat data directory (/var/log/sa, /var/log/sysstat)')
        return said('linux.perf.collector', 'performance over the period unavailable: {what!q}', what=text)
    if errors:
        return said('linux.perf.sadf_error', 'performance over the period unavailable: no sysstat samples in the last {hours:d} hours: {error!q}',
                    hours=hours, error=errors[0])
    return said('linux.perf.no_samples', 'performance over the period unavailable: no sysstat samples in the last {hours:d} hours '
                '(is sadc collecting?)', hours=hours)


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
        found.items.append(make_item('perf.sysstat', status='unknown', detail=_unavailable(section, hours, data['errors'])))
        return found
    stamps = [c[0] for c in data['cpu']] or [m[0] for m in data['mem']]
    span = round((max(stamps) - min(stamps)) / 3600.0, 1)
    found.metrics['perf.samples'] = len(stamps)
    found.metrics['perf.span_hours'] = span
    if data['cpu']:
        busy = [c[1] for c in data['cpu']]
        iowait = [c[2] for c in data['cpu']]
        found.series['perf.cpu.busy_pct'] = downsample([(c[0], c[1]) for c in data['cpu']])
        found.metrics['perf.cpu.p95_pct'] = percentile(busy, 95)
        found.metrics['perf.cpu.peak_pct'] = max(busy)
        found.metrics['perf.iowait.p95_pct'] = percentile(iowait, 95)
        found.items.append(evaluate('perf.cpu.p95_pct', percentile(busy, 95), None, overrides, '%', said(
            'linux.perf.cpu', 'p95 of {samples:d} samples over {hours} h (sysstat); peak {peak} %, mean {mean:.1f} %',
            samples=len(stamps), hours=span, peak=max(busy), mean=sum(busy) / len(busy))))
        found.items.append(evaluate('perf.iowait.p95_pct', percentile(iowait, 95), None, overrides, '%', said(
            'linux.perf.iowait', 'p95 of {samples:d} samples over {hours} h (sysstat); peak {peak} %',
            samples=len(stamps), hours=span, peak=max(iowait))))
    if data['mem']:
        used = [m[1] for m in data['mem']]
        found.series['perf.mem.used_pct'] = downsample(data['mem'])
        found.metrics['perf.mem.p95_pct'] = percentile(used, 95)
        found.items.append(evaluate('perf.mem.p95_pct', percentile(used, 95), None, overrides, '%', said(
            'linux.perf.mem', 'p95 of {samples:d} samples (sysstat); peak {peak} %', samples=len(used), peak=max(used))))
    if data['disk']:
        worst = max(sorted(data['disk']), key=lambda dev: percentile([s[1] for s in data['disk'][dev]], 95))
        latencies = [s[1] for s in data['disk'][worst]]
        value = percentile(latencies, 95)
        found.metrics['perf.disk.await_p95_ms'] = value
        found.items.append(evaluate('perf.disk.await_p95_ms', value, worst, overrides, 'ms', said(
            'linux.perf.disk', 'p95 await of the slowest of {disks:d} busy disks over {samples:d} samples; peak {peak} ms',
            disks=len(data['disk']), samples=len(latencies), peak=max(latencies))))
    return found
