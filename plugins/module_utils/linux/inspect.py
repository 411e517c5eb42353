# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""From the collector's output to the `inspection` of one Linux server.

The action plugin calls assemble() with what the server printed; the unit tests call the same
function with recorded and written outputs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection
from ansible_collections.medops.itops.plugins.module_utils.linux import (
    parse_security, parse_services, parse_storage, parse_sysstat, parse_system, parse_time, parse_updates)
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import Sections, to_int

DEVICE_CLASS = 'linux_server'


def collect_findings(sections, options):
    """All facts, metrics and items of one run, in a stable order."""
    overrides = options.get('thresholds') or {}
    found = parse_system.Findings()
    found.merge(parse_system.parse_os(sections))
    found.merge(parse_system.parse_kernel(sections))
    found.merge(parse_system.parse_hardware(sections))
    found.merge(parse_system.parse_addresses(sections))
    found.merge(parse_system.parse_uptime(sections, overrides))
    found.merge(parse_system.parse_cpu(sections, overrides))
    found.merge(parse_system.parse_memory(sections, overrides))
    found.merge(parse_storage.parse_filesystems(sections, overrides, options.get('readonly_ok')))
    found.merge(parse_storage.parse_nics(sections, overrides))
    if options.get('ntp', True):
        found.merge(parse_time.parse_time(sections, overrides))
    found.merge(parse_services.parse_failed_units(sections))
    ports, listening = parse_services.parse_ports(sections, options.get('expected_ports'), options.get('critical_services'))
    found.merge(parse_services.parse_services(sections, options.get('critical_services'), listening))
    found.merge(ports)
    found.merge(parse_system.parse_zombies(sections, overrides))
    found.merge(parse_security.parse_logs(sections, options.get('logs'), overrides))
    if options.get('auth', True):
        found.merge(parse_security.parse_auth(sections, overrides))
    found.merge(parse_security.parse_privileged(sections, options.get('expected_privileged')))
    if options.get('updates', True):
        found.merge(parse_updates.parse_updates(sections, overrides))
    found.merge(parse_updates.parse_reboot(sections))
    if options.get('sysstat'):
        found.merge(parse_sysstat.parse_sysstat(sections, overrides))
    meta = sections.get('meta')
    now = to_int(meta.keyvalues().get('now_epoch')) if meta else None
    found.merge(parse_security.parse_certificates(sections, options.get('certificates'), now, overrides))
    return found


def collector_info(sections, stderr=''):
    """Debugging data: never raw log content, only sizes and the collector's own markers."""
    meta = sections.get('meta')
    kv = meta.keyvalues() if meta else {}
    wrapper = sections.get('wrapper')
    end = sections.get('end')
    info = {
        'complete': sections.complete(),
        'version': to_int(kv.get('collector_version')),
        'shell': kv.get('shell') or None,
        'timeout_tool': kv.get('timeout_tool') or None,
        'remote_uid': to_int(kv.get('uid')),
        'remote_rc': to_int(wrapper.keyvalues().get('rc')) if wrapper else None,
        'remote_seconds': to_int(end.keyvalues().get('elapsed')) if end else None,
        'section_bytes': sections.sizes(),
        'markers': sorted(set('%s %s' % (kind, text.split(' after ')[0]) for s in sections.order
                              for kind, text in s.markers if kind in ('missing', 'timeout'))),
        'stderr_lines': len((stderr or '').splitlines()),
    }
    return info


def assemble(stdout, options, target, stderr='', collected_at=None):
    """(inspection, collector info, warnings) for one server's collector output."""
    sections = Sections(stdout)
    found = collect_findings(sections, options)
    info = collector_info(sections, stderr)
    warnings = []
    if not info['complete']:
        if info['remote_rc'] in (124, 137, 143):
            warnings.append('collector stopped by its %d s timeout on %s: results are partial' % (options['timeout'], target))
        else:
            warnings.append('collector output from %s ended early (rc %s): results are partial' % (target, info['remote_rc']))
    facts = dict((k, v) for k, v in found.facts.items())
    inspection = make_inspection(target, DEVICE_CLASS, found.items, facts=facts, metrics=found.metrics,
                                 collected_at=collected_at, series=found.series)
    return inspection, info, warnings
