# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Concurrent reachability sweep: many targets, one controller-side task.

Blocking probes (sockets, database drivers, HTTPS) run in the threads of the fan-out's loop; SNMP
runs on pysnmp's asyncio engine; module_utils/inspection/fanout.py bounds and isolates both.
Every target yields one inspection with one `reach.<protocol>` item, whatever happens to it: an
exception in one probe becomes that target's finding, never an abort.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.reach import probes
from ansible_collections.medops.itops.plugins.module_utils.reach import snmp_probe

DEFAULT_CLASS = {'ssh': 'linux_server', 'postgresql': 'postgresql', 'mysql': 'mysql', 'redfish': 'bmc', 'ipmi': 'bmc'}


def _blocking_probe(spec, timeout):
    proto = spec['protocol']
    host, port = spec['address'], spec['port']
    creds = spec.get('credentials') or {}
    if proto == 'ssh':
        return probes.probe_ssh(host, port, timeout)
    if proto == 'tcp':
        return probes.probe_tcp(host, port, timeout)
    if proto == 'postgresql':
        return probes.probe_postgresql(host, port, creds.get('user'), creds.get('password'), creds.get('database', 'postgres'), timeout)
    if proto == 'mysql':
        return probes.probe_mysql(host, port, creds.get('user'), creds.get('password'), timeout)
    if proto == 'redfish':
        return probes.probe_redfish(host, port, creds.get('user'), creds.get('password'), timeout,
                                    validate_certs=bool(creds.get('validate_certs', False)))
    if proto == 'ipmi':
        return probes.probe_ipmi(host, port, timeout)
    raise ValueError('unknown protocol %s' % proto)


def to_inspection(spec, probe):
    """One target's inspection from its probe outcome."""
    proto = spec['protocol']
    item_id = 'reach.%s' % proto
    subject = '%s:%s' % (spec['address'], spec['port'])
    if not probe.answered:
        # Not answering is an outage of whatever the device serves: a fault, graded by impact.
        item = make_item(item_id, subject=subject, status='critical', detail=probe.detail, fault=True)
    elif probe.authenticated is False:
        # It answers but refuses our credentials: nothing can be inspected until they are fixed.
        item = make_item(item_id, subject=subject, status='critical', detail=rejected(probe.detail))
    else:
        item = make_item(item_id, subject=subject, value=probe.latency_ms, unit='ms', status='ok', detail=probe.detail)
    facts = dict((k, v) for k, v in probe.facts.items() if v is not None)
    return make_inspection(spec['target'], spec['device_class'], [item], facts=facts)


async def _inspect_one(spec, timeout, retries, engine):
    if spec['protocol'] == 'snmp':
        probe = await snmp_probe.probe_snmp(engine, spec['address'], spec['port'], spec.get('credentials') or {}, timeout, retries)
    else:
        # The fan-out's own loop bounds these threads (fanout.own_loop(threads=...)).
        probe = await asyncio.get_running_loop().run_in_executor(None, _blocking_probe, spec, timeout)
    return to_inspection(spec, probe)


def rejected(detail):
    """'answered, credentials rejected: <what the peer said>' in one piece."""
    if getattr(detail, 'detail_id', None) == 'reach.redfish.login_rejected':
        return said('reach.rejected.redfish', 'answered, credentials rejected: Redfish login rejected (HTTP {code})', **detail.params)
    return said('reach.rejected', 'answered, credentials rejected: {error!q}', error=str(detail))


def _crashed(spec, exc):
    """A probe that raised: the target did not answer our probe (a finding, never an abort)."""
    return to_inspection(spec, probes.Probe(False, detail=said('reach.probe.crashed', '{protocol} probe failed: {error_type}: {error!q}',
                                                               protocol=spec['protocol'], error_type=type(exc).__name__, error=str(exc))))


async def _sweep(specs, timeout, retries, concurrency):
    engine = snmp_probe.snmp.SnmpEngine() if snmp_probe.HAS_PYSNMP and any(s['protocol'] == 'snmp' for s in specs) else None
    try:
        return await fanout.run_async(specs, lambda spec: _inspect_one(spec, timeout, retries, engine), concurrency, _crashed)
    finally:
        if engine is not None:
            engine.close_dispatcher()


def sweep(specs, timeout=5, retries=1, concurrency=50):
    """Probe every spec concurrently; returns inspections in the order of specs.

    A spec: {target, device_class, protocol, address, port, credentials}.
    """
    if not specs:
        return []
    return fanout.own_loop(_sweep(specs, timeout, retries, concurrency), threads=min(concurrency, 64))
