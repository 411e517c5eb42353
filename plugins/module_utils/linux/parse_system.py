# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers for the system sections: OS, kernel, uptime, CPU, load, memory, hardware, addresses.

Every function takes the Sections of one run (and the threshold overrides) and returns a
Findings; none raises on odd input: missing or garbled data becomes an `unknown` item.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import (
    keyvalues, missing_reason, pct, to_float, to_int)


class Findings(object):
    """What one parser contributes: ledger facts, trend metrics, series over the period and inspection items."""

    def __init__(self):
        self.facts = {}
        self.metrics = {}
        self.series = {}
        self.items = []

    def merge(self, other):
        self.facts.update(other.facts)
        self.metrics.update(other.metrics)
        self.series.update(other.series)
        self.items.extend(other.items)
        return self


def _unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in '"\'':
        value = value[1:-1]
    return value


RELEASE_LINE = re.compile(r'^(?P<name>.*?)\s+(?:release\s+)?(?P<version>\d+(?:\.\d+)*)\b')


def parse_os(sections):
    """OS name/version from os-release, else the distribution's release file."""
    found = Findings()
    section = sections.get('os-release')
    files = dict(section.subsections()) if section else {}
    osrel = files.get('/etc/os-release') or files.get('/usr/lib/os-release')
    if osrel:
        kv = dict((k, _unquote(v)) for k, v in keyvalues(osrel).items())
        found.facts.update({'os_name': kv.get('NAME'), 'os_version': kv.get('VERSION_ID'),
                            'os_id': kv.get('ID'), 'os_pretty': kv.get('PRETTY_NAME')})
        return found
    for path in ('/etc/SuSE-release', '/etc/kylin-release', '/etc/neokylin-release',
                 '/etc/centos-release', '/etc/redhat-release'):
        lines = [line for line in files.get(path) or [] if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        match = RELEASE_LINE.match(first)
        name, version = (match.group('name'), match.group('version')) if match else (first, None)
        if path == '/etc/SuSE-release':
            kv = keyvalues(lines[1:])
            name = re.sub(r'\s*\(.*\)\s*$', '', first)
            name = re.sub(r'\s+\d+\s*$', '', name)
            version = kv.get('VERSION')
            if version and kv.get('PATCHLEVEL') not in (None, '0'):
                version = '%s.%s' % (version, kv['PATCHLEVEL'])
        found.facts.update({'os_name': name, 'os_version': version, 'os_pretty': first})
        return found
    found.facts.update({'os_name': None, 'os_version': None})
    return found


def parse_kernel(sections):
    found = Findings()
    section = sections.get('kernel')
    kv = section.keyvalues() if section else {}
    found.facts['kernel'] = kv.get('release') or None
    found.facts['arch'] = kv.get('machine') or None
    host = sections.get('hostname')
    found.facts['hostname'] = (host.keyvalues().get('hostname') if host else None) or None
    boot = sections.get('boot-id')
    boot_id = boot.lines[0].strip() if boot and boot.lines else ''
    found.facts['boot_id'] = boot_id if re.match(r'^[0-9a-f-]{36}$', boot_id) else None
    return found


def parse_uptime(sections, overrides=None):
    found = Findings()
    section = sections.get('uptime')
    first = section.lines[0].split() if section and section.lines else []
    seconds = to_float(first[0]) if first else None
    if seconds is None or seconds < 0:
        found.items.append(unknown_item('linux.uptime.days', None, missing_reason(section, '/proc/uptime')))
    else:
        days = round(seconds / 86400.0, 1)
        found.metrics['uptime.days'] = days
        found.items.append(evaluate('linux.uptime.days', days, overrides=overrides, unit='d',
                                    detail=said('linux.uptime.up', 'up {days:.1f} days', days=days)))
    found.facts['last_reboot'] = parse_last_reboot(sections.get('last-reboot'))
    return found


def parse_last_reboot(section):
    """`who -b` (system boot  2026-11-20 07:58) or the first `last -x reboot` line."""
    if section is None:
        return None
    for name, lines in section.subsections():
        for line in lines:
            line = line.strip()
            if name.startswith('who') and 'boot' in line:
                return re.sub(r'^system boot\s+', '', line).strip() or None
            if name.startswith('last') and line.startswith('reboot'):
                match = re.search(r'\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) .*?(?= - | \(|$)', line)
                return match.group(0).strip() if match else line
    return None


def parse_cpu(sections, overrides=None):
    """CPU count and utilisation from two /proc/stat samples, and load per core."""
    found = Findings()
    info = sections.get('cpuinfo')
    kv = info.keyvalues() if info else {}
    cpus = to_int(kv.get('online')) or to_int(kv.get('processors')) or None
    found.facts['cpu_count'] = cpus
    found.facts['cpu_model'] = kv.get('model') or None

    stat = sections.get('cpu-stat')
    samples = []
    for line in stat.lines if stat else []:
        fields = line.split()
        if fields and fields[0] == 'cpu':
            numbers = [to_int(f) for f in fields[1:]]
            if len(numbers) >= 4 and None not in numbers:
                samples.append(numbers)
    if len(samples) < 2:
        reason = missing_reason(stat, '/proc/stat sample')
        if stat is not None and stat.lines and not stat.problem():
            reason = said('linux.cpu.samples_unusable', 'no usable /proc/stat sample output ({count} of 2 samples; got: {got!q})',
                          count=len(samples), got=' | '.join(stat.lines)[:160])
        found.items.append(unknown_item('linux.cpu.util_pct', None, reason))
    else:
        first, second = samples[0], samples[1]
        # user nice system idle iowait irq softirq steal [guest guest_nice are inside user/nice]
        width = min(len(first), len(second), 8)
        delta = [second[i] - first[i] for i in range(width)]
        total = sum(delta)
        idle = delta[3] + (delta[4] if width > 4 else 0)
        if total <= 0 or min(delta) < 0:
            found.items.append(unknown_item('linux.cpu.util_pct', None, said('linux.cpu.counters_stuck', 'CPU counters did not advance between samples')))
        else:
            util = round(100.0 * (total - idle) / total, 1)
            iowait = round(100.0 * delta[4] / total, 1) if width > 4 else None
            steal = round(100.0 * delta[7] / total, 1) if width > 7 else None
            found.metrics['cpu.util_pct'] = util
            if iowait is not None:
                found.metrics['cpu.iowait_pct'] = iowait
            if steal:
                detail = said('linux.cpu.busy_iowait_steal', 'busy {busy:.1f} %, iowait {iowait:.1f} %, steal {steal:.1f} %',
                              busy=util, iowait=iowait, steal=steal)
            elif iowait is not None:
                detail = said('linux.cpu.busy_iowait', 'busy {busy:.1f} %, iowait {iowait:.1f} %', busy=util, iowait=iowait)
            else:
                detail = said('linux.cpu.busy', 'busy {busy:.1f} %', busy=util)
            found.items.append(evaluate('linux.cpu.util_pct', util, overrides=overrides, unit='%', detail=detail))

    load = sections.get('loadavg')
    fields = load.lines[0].split() if load and load.lines else []
    loads = [to_float(f) for f in fields[:3]]
    if len(loads) < 3 or None in loads:
        found.items.append(unknown_item('linux.load.per_core', None, missing_reason(load, '/proc/loadavg')))
    else:
        found.metrics.update({'load.1m': loads[0], 'load.5m': loads[1], 'load.15m': loads[2]})
        if not cpus:
            reason = said('linux.load.no_cpu_count', 'CPU count unknown; load {load}', load=' '.join(fields[:3]))
            found.items.append(unknown_item('linux.load.per_core', None, reason))
        else:
            per_core = round(loads[1] / cpus, 2)
            found.items.append(evaluate(
                'linux.load.per_core', per_core, overrides=overrides,
                detail=said('linux.load.per_core', 'load 1/5/15 min {m1} / {m5} / {m15} on {cpus} CPUs (5-min average per CPU)',
                            m1=fields[0], m5=fields[1], m15=fields[2], cpus=cpus)))
    return found


def parse_memory(sections, overrides=None):
    found = Findings()
    section = sections.get('meminfo')
    mem = {}
    for line in section.lines if section else []:
        match = re.match(r'^(\w+):\s+(\d+)\s*kB', line)
        if match:
            mem[match.group(1)] = int(match.group(2)) * 1024
    total = mem.get('MemTotal')
    if not total:
        found.items.append(unknown_item('linux.mem.used_pct', None, missing_reason(section, '/proc/meminfo')))
        found.items.append(unknown_item('linux.swap.used_pct', None, missing_reason(section, '/proc/meminfo')))
        return found
    found.facts['memory_total_bytes'] = total
    available = mem.get('MemAvailable')
    how = 'MemAvailable'
    if available is None:  # kernels before 3.14 (CentOS 6, SUSE 11)
        how = 'MemFree+Buffers+Cached+SReclaimable-Shmem'
        available = (mem.get('MemFree', 0) + mem.get('Buffers', 0) + mem.get('Cached', 0)
                     + mem.get('SReclaimable', 0) - mem.get('Shmem', 0))
    used_pct = pct(total - available, total)
    found.metrics['mem.used_pct'] = used_pct
    found.items.append(evaluate('linux.mem.used_pct', used_pct, overrides=overrides, unit='%',
                                detail=said('linux.mem.used', '{used} of {total} in use (available from {how})',
                                            used=format_bytes(total - available), total=format_bytes(total), how=how)))
    swap_total = mem.get('SwapTotal')
    found.facts['swap_total_bytes'] = swap_total
    if swap_total is None:
        found.items.append(unknown_item('linux.swap.used_pct', None, said('linux.swap.no_total', 'SwapTotal missing from /proc/meminfo')))
    elif swap_total == 0:
        found.items.append(make_item('linux.swap.used_pct', value=None, unit='%', status='ok', detail=said('linux.swap.none', 'no swap configured')))
    else:
        swap_used = swap_total - mem.get('SwapFree', swap_total)
        swap_pct = pct(swap_used, swap_total)
        found.metrics['swap.used_pct'] = swap_pct
        found.items.append(evaluate('linux.swap.used_pct', swap_pct, overrides=overrides, unit='%',
                                    detail=said('linux.swap.used', '{used} of {total} swap in use',
                                                used=format_bytes(swap_used), total=format_bytes(swap_total))))
    return found


def parse_hardware(sections):
    """Model, vendor and serial for the configuration ledger (sysfs DMI, else dmidecode)."""
    found = Findings()
    section = sections.get('dmi')
    kv = section.keyvalues() if section else {}
    bad = ('', 'none', 'not specified', 'to be filled by o.e.m.', 'default string', 'system serial number', '0')

    def clean(value):
        return None if value is None or value.strip().lower() in bad else value.strip()

    found.facts['manufacturer'] = clean(kv.get('sys_vendor'))
    found.facts['model'] = clean(kv.get('product_name'))
    found.facts['serial'] = clean(kv.get('product_serial')) or clean(kv.get('dmidecode.product_serial'))
    found.facts['bios_version'] = clean(kv.get('bios_version'))
    return found


INET_RE = re.compile(r'\binet6?\s+(?:addr:\s*)?([0-9A-Fa-f.:]+)(?:/(\d+))?')


def parse_addresses(sections):
    """Non-loopback, non-link-local addresses from `ip -o addr` or `ifconfig -a`."""
    found = Findings()
    section = sections.get('ip-addr')
    addresses = []
    for line in section.lines if section else []:
        for match in INET_RE.finditer(line):
            address = match.group(1)
            if address.startswith('127.') or address in ('::1',) or address.lower().startswith('fe80'):
                continue
            if address not in addresses:
                addresses.append(address)
    found.facts['ip_addresses'] = addresses
    return found


def parse_zombies(sections, overrides=None):
    found = Findings()
    section = sections.get('processes')
    kv = section.keyvalues() if section else {}
    count = to_int(kv.get('zombies'))
    total = to_int(kv.get('total'))
    if count is None or not total:
        found.items.append(unknown_item('linux.zombies', None, missing_reason(section, 'process list')))
        return found
    found.metrics['processes.total'] = total
    parents = [line.split('=', 1)[1] for line in section.lines if line.startswith('zombie=')]
    if parents:
        detail = said('linux.zombies.parents', '{count} zombie of {total} processes; pid ppid command: {parents!q}',
                      count=count, total=total, parents='; '.join(parents[:5]))
    else:
        detail = said('linux.zombies.count', '{count} zombie of {total} processes', count=count, total=total)
    found.items.append(evaluate('linux.zombies', count, overrides=overrides, detail=detail))
    return found
