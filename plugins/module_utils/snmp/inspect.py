# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspect many SNMP devices concurrently in one controller-side task (medops.itops.snmp_inspect).

Per device: GET the system group (no answer -> `snmp.reach` critical fault; v3 credentials
refused -> `snmp.reach` critical), pick the profile (detect.py: host variable, task option,
sysObjectID rules checked by `requires`, else the standard MIBs it answers), read what it needs,
optionally read the counter columns again after `sample_interval` seconds, and build items,
metrics and facts. Each device runs under its own deadline; an
exception on one device becomes its finding, never an abort of the others.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.snmp import detect
from ansible_collections.medops.itops.plugins.module_utils.snmp import engine as eng
from ansible_collections.medops.itops.plugins.module_utils.snmp import items as builders
from ansible_collections.medops.itops.plugins.module_utils.snmp import state as counters
from ansible_collections.medops.itops.plugins.module_utils.snmp import transforms as tf
from ansible_collections.medops.itops.plugins.module_utils.snmp import walker
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
from ansible_collections.medops.itops.plugins.module_utils.snmp.schema import ProfileError

FALLBACK_PROFILE = detect.FALLBACK
RATE_KINDS = ('rate', 'if_util')

DEFAULT_OPTIONS = {
    'timeout': 5.0, 'retries': 1, 'concurrency': 64, 'per_device': 4, 'max_repetitions': 25,
    'samples': 2, 'sample_interval': 5.0, 'device_timeout': 120.0, 'profile': None, 'fallback_profile': FALLBACK_PROFILE,
    'state_file': None,
}


def status_columns(profile):
    """(table, column) pairs kept between runs to compare states: the oper status of if_oper items."""
    return set((item['table'], item['value']) for item in profile['items'] if item['kind'] == 'if_oper' and item.get('table'))


def rate_columns(profile):
    """(table, column) pairs read as counters by rate and if_util items."""
    cols = set()
    for item in profile['items']:
        if item['kind'] in RATE_KINDS and item.get('table'):
            values = item['value'] if isinstance(item['value'], list) else [item['value']]
            cols.update((item['table'], v) for v in values)
    return cols


def _subject(spec):
    return '%s:%s' % (spec['address'], spec['port'])


def unreachable(spec, detail, auth=False):
    """The inspection of a device that could not be read; `detail` from no_answer(), stopped(), gone() or rejected()."""
    if auth:
        item = make_item('snmp.reach', subject=_subject(spec), status='critical', detail=detail)
    else:
        item = make_item('snmp.reach', subject=_subject(spec), status='critical', fault=True, detail=detail)
    return make_inspection(spec['target'], spec.get('device_class') or 'switch', [item])


def rejected(exc):
    """The detail of a v3 agent that refused our credentials (the library's words quoted)."""
    return said('snmp.unreachable.rejected', 'answered, credentials rejected (SNMPv3 user, keys or protocols): {error!q}', error=str(exc))


def no_answer(exc):
    """The detail of a device whose first request (or engine) failed with `exc` (an SnmpError)."""
    return said('snmp.unreachable.no_answer', 'no response / authentication: {error} (device down, ACL, or wrong community/credentials)',
                error=eng.error_of(exc))


def stopped(exc):
    """The detail of a device whose poll timed out after it had answered (an SnmpTimeout)."""
    return said('snmp.unreachable.stopped', 'no response / authentication: stopped answering during the poll: {error} (device down, ACL, '
                'or wrong community/credentials)', error=eng.error_of(exc))


def gone(count, exc):
    """The detail of a device whose walks timed out (`count` of them) and which then did not answer sysUpTime (`exc`)."""
    return said('snmp.unreachable.gone', 'no response / authentication: stopped answering during the poll ({count:d} of its requests timed '
                'out, then sysUpTime: {error}) (device down, ACL, or wrong community/credentials)', count=count, error=eng.error_of(exc))


class Poller(object):
    """Shared state of one task: profile loader, global limit, pysnmp engine, counter state."""

    def __init__(self, options, loader=None):
        self.opts = dict(DEFAULT_OPTIONS)
        self.opts.update(dict((k, v) for k, v in (options or {}).items() if v is not None))
        self.loader = loader or Loader(self.opts.get('profile_dirs'))
        self.state = {}
        self.new_state = {}
        self.stats = {'requests': 0, 'varbinds': 0}
        self.engines = {}

    async def choose_profile(self, spec, engine, system):
        """(profile, how it was chosen, generic): named, by sysObjectID and `requires`, else by capability
        (detect.choose); raises ProfileError for a named profile that is broken."""
        name = spec.get('profile') or self.opts.get('profile')
        how = detect.HOST_VARIABLE if spec.get('profile') else detect.TASK_OPTION
        return await detect.choose(engine, self.loader, system, named=name, named_by=how, fallback=self.opts['fallback_profile'])

    def pysnmp_engine(self, creds):
        """The pysnmp engine shared by devices with these credentials (None when aiosnmp serves them)."""
        if not eng.HAS_PYSNMP or (eng.HAS_AIOSNMP and str(creds.get('version', '2c')) != '3'):
            return None
        key = eng.credentials_key(creds)
        if key not in self.engines:
            self.engines[key] = eng.pysnmp_api.SnmpEngine()
        return self.engines[key]

    def close(self):
        for shared in self.engines.values():
            try:
                shared.close_dispatcher()
            except Exception:  # pylint: disable=broad-except  # closing must not fail the run
                pass
        self.engines = {}

    async def inspect(self, spec):
        """One device's inspection; the fan-out bounds, times (device_timeout) and isolates it (failed())."""
        return await self._inspect(spec, self.pysnmp_engine(spec.get('credentials') or {}))

    def failed(self, spec, exc):
        """on_error of the fan-out: one device's timeout or error is that device's finding."""
        if isinstance(exc, fanout.TargetTimeout):
            return unreachable(spec, said('snmp.unreachable.device_timeout', 'no response / authentication: the whole poll took longer than '
                                          'device_timeout {seconds}s (device down, ACL, or wrong community/credentials)',
                                          seconds=self.opts['device_timeout']))
        if isinstance(exc, eng.SnmpAuthError):
            return unreachable(spec, rejected(exc), auth=True)
        if isinstance(exc, eng.SnmpTimeout):
            # It answered when the poll began (get_system), then went silent: graded like a dead device.
            return unreachable(spec, stopped(exc))
        if isinstance(exc, ProfileError):
            return make_inspection(spec['target'], spec.get('device_class') or 'switch', [
                make_item('snmp.profile', subject=spec.get('profile') or self.opts.get('profile'), status='unknown',
                          detail=said('snmp.profile.error', 'profile error: {error!q}', error=str(exc)))])
        return make_inspection(spec['target'], spec.get('device_class') or 'switch', [
            make_item('snmp.reach', subject=_subject(spec), status='unknown',
                      detail=said('snmp.inspection.crashed', 'SNMP inspection failed: {error_type}: {error!q}', error_type=type(exc).__name__,
                                  error=str(exc)))])

    async def _inspect(self, spec, pysnmp_engine):
        creds = spec.get('credentials') or {}
        try:
            engine = eng.make_engine(spec['address'], spec['port'], creds, self.opts['timeout'], self.opts['retries'],
                                     self.opts['max_repetitions'], snmp_engine=pysnmp_engine)
        except eng.SnmpError as exc:
            return unreachable(spec, no_answer(exc))
        try:
            return await self._poll(spec, engine)
        finally:
            self.stats['requests'] += engine.requests
            self.stats['varbinds'] += engine.varbinds
            engine.close()

    async def _poll(self, spec, engine):
        started = time.monotonic()
        try:
            system = await walker.get_system(engine)
        except eng.SnmpAuthError as exc:
            return unreachable(spec, rejected(exc), auth=True)
        except eng.SnmpError as exc:
            return unreachable(spec, no_answer(exc))
        latency_ms = round((time.monotonic() - started) * 1000.0, 1)
        profile, how, generic = await self.choose_profile(spec, engine, system)
        snap = walker.new_snapshot()
        snap['scalars'].update(system)
        await walker.poll(engine, profile, self.opts['per_device'], snapshot=snap)
        gone = await _stopped_answering(engine, snap)
        if gone:
            return unreachable(spec, gone)
        previous_run = counters.previous_snapshot(self.state, spec['target'])
        ctx = builders.Context(spec.get('thresholds'), spec.get('uplinks'), must_be_up=spec.get('must_be_up'),
                               previous_run=previous_run)
        counter_cols = rate_columns(profile)
        if counter_cols and self.opts['samples'] >= 2:
            await asyncio.sleep(self.opts['sample_interval'])
            second = walker.new_snapshot()
            second['scalars']['sysUpTime'] = (await engine.get(['1.3.6.1.2.1.1.3.0']))[0][1]
            await walker.poll(engine, profile, self.opts['per_device'], only=counter_cols, snapshot=second)
            gone = await _stopped_answering(engine, second)
            if gone:
                return unreachable(spec, gone)
            ctx.previous = snap
            rate_snap = dict(snap, tables=dict(snap['tables']), errors=dict(snap['errors']))
            rate_snap['time'], rate_snap['scalars'] = second['time'], dict(snap['scalars'], sysUpTime=second['scalars']['sysUpTime'])
            for table in set(t for t, _c in counter_cols):
                merged = {}
                for index, row in snap['tables'].get(table, {}).items():
                    merged[index] = dict(row, **second['tables'].get(table, {}).get(index, {}))
                rate_snap['tables'][table] = merged
            rate_snap['errors'].update(second['errors'])
            build_snap = rate_snap
        else:
            ctx.previous = previous_run
            ctx.rate_reason = said('snmp.rate.first_sample', 'first sample of this device: rates need the previous run or samples: 2')
            build_snap = snap
        kept = counter_cols | status_columns(profile)
        if kept:
            self.new_state[spec['target']] = counters.sample_of(build_snap, kept)
        items, metrics = builders.build(profile, build_snap, ctx)
        facts = builders.build_facts(profile, snap)
        facts.update(_system_facts(system, profile['name']))
        reach = make_item('snmp.reach', subject=_subject(spec), value=latency_ms, unit='ms', status='ok',
                          detail=detect.reach_detail(spec.get('credentials', {}).get('version', '2c'), profile['name'], how))
        # A device no model profile reads is itself a finding: never shown as fully inspected.
        generic_items = [detect.generic_item(system, profile, how)] if generic else []
        return make_inspection(spec['target'], spec.get('device_class') or profile['device_class'], [reach] + generic_items + items,
                               facts=facts, metrics=metrics)


async def _stopped_answering(engine, snap):
    """Why a device that answered at first is gone (its walks timed out and it no longer answers), or None.

    A device that dies during its poll is graded like one dead from the start (a fault), not left
    with a handful of 'unknown' items.
    """
    timeouts = sorted(k for k, v in snap['errors'].items() if str(v).startswith('timeout'))
    if not timeouts:
        return None
    try:
        await engine.get(['1.3.6.1.2.1.1.3.0'])
    except eng.SnmpError as exc:
        return gone(len(timeouts), exc)
    return None


def _system_facts(system, profile_name):
    facts = {'snmp_profile': profile_name}
    for name in ('sysDescr', 'sysObjectID', 'sysName'):
        text = tf.to_text(system.get(name))
        if text:
            facts[name] = text[:300]
    uptime, reason = tf.to_number(system.get('sysUpTime'))
    if reason is None:
        facts['uptime_s'] = int(uptime // 100)
    return facts


async def _run(poller, specs):
    try:
        return await fanout.run_async(specs, poller.inspect, poller.opts['concurrency'], poller.failed, timeout=poller.opts['device_timeout'])
    finally:
        poller.close()


def inspect_many(specs, options=None, loader=None):
    """One inspection per spec ({target, address, port, credentials, device_class, profile,
    uplinks, thresholds}); returns (inspections, stats)."""
    poller = Poller(options, loader)
    state_file = poller.opts.get('state_file')
    if state_file:
        # the previous run's sample: counters (rates when samples is 1) and interface states
        poller.state = counters.load(state_file)
    inspections = fanout.own_loop(_run(poller, specs))
    if state_file and poller.new_state:
        merged = counters.load(state_file)
        merged.update(poller.new_state)
        try:
            counters.save(state_file, merged)
        except (OSError, IOError) as exc:
            poller.stats['state_error'] = 'counter state not saved to %s: %s' % (state_file, exc)
    return list(inspections), poller.stats
