# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspections of NTP clocks from one SNTP query each (medops.itops.ntp_inspect).

Items per clock: `ntp.reach` (critical fault when it does not answer), `ntp.stratum` (16 or a
leap alarm means unsynchronised) and `ntp.offset_ms` (absolute offset from the controller's
clock, thresholds in DEFAULTS). The controller's own clock is the reference: inspect it too.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.ntp import sntp
from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout, validate
from ansible_collections.medops.itops.plugins.module_utils.inspection import specs as inspection_specs
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar

DEVICE_CLASS = 'ntp'


def no_answer(error):
    """The ntp.reach detail of a clock that gave no usable answer (`error`: sntp's said() reason)."""
    if getattr(error, 'detail_id', None) is not None:
        return said('ntp.reach.failed', 'no NTP answer: {error} (clock down, UDP 123 filtered, or not an NTP server)', error=error)
    return said('ntp.reach.error', 'no NTP answer: {error!q} (clock down, UDP 123 filtered, or not an NTP server)', error=str(error))


def inspection(spec, answer, error):
    """One clock's inspection from its answer (or the reason there is none)."""
    target, where = spec['target'], '%s:%s' % (spec['address'], spec['port'])
    if answer is None:
        item = make_item('ntp.reach', subject=where, status='critical', fault=True,
                         detail=no_answer(error))
        return make_inspection(target, spec.get('device_class') or DEVICE_CLASS, [item])
    overrides = spec.get('thresholds') or {}
    reach = make_item('ntp.reach', subject=where, value=answer['delay_ms'], unit='ms', status='ok',
                      detail=said('ntp.reach.answered', 'NTPv{version:d} server, refid {refid}, round trip {delay_ms:.1f} ms',
                                  version=answer['version'], refid=answer['refid'], delay_ms=answer['delay_ms']))
    unsynced = answer['stratum'] >= 16 or answer['leap'] == sntp.LEAP_ALARM
    if unsynced:
        stratum = make_item('ntp.stratum', subject=target, value=answer['stratum'], status='critical',
                            detail=said('ntp.stratum.unsynchronised', 'the clock says it is not synchronised (stratum {stratum:d}, leap indicator {leap:d})',
                                        stratum=answer['stratum'], leap=answer['leap']))
    else:
        stratum = evaluate('ntp.stratum', answer['stratum'], subject=target, overrides=overrides,
                           detail=said('ntp.stratum.refid', 'refid {refid}', refid=answer['refid']))
    if answer['offset_ms'] >= 0:
        said_offset = said('ntp.offset.ahead', 'clock is {offset_ms:+.1f} ms ahead of the controller', offset_ms=answer['offset_ms'])
    else:
        said_offset = said('ntp.offset.behind', 'clock is {offset_ms:+.1f} ms behind the controller', offset_ms=answer['offset_ms'])
    offset = evaluate('ntp.offset_ms', abs(answer['offset_ms']), subject=target, overrides=overrides, unit='ms', detail=said_offset)
    metrics = {'ntp.offset_ms': answer['offset_ms'], 'ntp.delay_ms': answer['delay_ms'], 'ntp.stratum': answer['stratum']}
    facts = {'stratum': answer['stratum'], 'refid': answer['refid'], 'version': answer['version'],
             'root_dispersion_ms': answer['root_dispersion_ms']}
    return make_inspection(target, spec.get('device_class') or DEVICE_CLASS, [reach, stratum, offset], facts=facts, metrics=metrics)


def inspect_many(specs, timeout=2.0, retries=1, concurrency=64):
    """One inspection per spec ({target, address, port, device_class, thresholds}), in order."""
    answers = fanout.own_loop(sntp.query_many([(s['address'], s['port']) for s in specs], timeout, retries, concurrency))
    return [inspection(spec, answer, error) for spec, (answer, error) in zip(specs, answers)]


def build_specs(targets, all_hostvars, port=123, templar=None):
    """(specs, inspections of hosts whose variables are unusable); address from ansible_host,
    port from itops_ntp_port, threshold overrides from itops_thresholds (validated: a wrong one is
    a warning in spec['warnings'] and its default applies)."""
    def one(name, hv, templar):
        host_settings, warnings = validate.settings(name, hv, templar, only=('thresholds', 'impact'))
        return {'target': name, 'address': validate.address(name, 'ansible_host', hostvar(hv, 'ansible_host', templar) or name),
                'port': validate.port(name, 'itops_ntp_port', hostvar(hv, 'itops_ntp_port', templar), port),
                'device_class': hostvar(hv, 'itops_device_class', templar) or DEVICE_CLASS,
                'thresholds': host_settings['thresholds'], 'warnings': warnings}
    specs, broken, _warnings = inspection_specs.build(targets, all_hostvars, one, DEVICE_CLASS, 'ntp', templar)
    return specs, broken
