# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspect Tomcat servers and run HTTP/TCP probes for many inventory hosts, concurrently.

Variables read per host (see docs/variables.md):
  itops_tomcat_url               base URL of the manager, e.g. https://10.77.0.31 (the front end)
  itops_tomcat_user / itops_tomcat_password   a user with the manager-status role (and
                                 manager-jmx for the JDBC pools and garbage collectors)
  itops_tomcat_validate_certs, itops_tomcat_ca_path
  itops_http_probes              list of probe definitions (module_utils/middleware/probes.py)
  itops_device_class             class of the inspection (default middleware)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    quote = None

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.middleware import tomcat
from ansible_collections.medops.itops.plugins.module_utils.middleware.http import failed, fetch
from ansible_collections.medops.itops.plugins.module_utils.middleware.probes import ProbeError, dedupe_tls, normalize, run_probes
from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout, specs, validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

TOMCAT_VARS = {'url': 'itops_tomcat_url', 'user': 'itops_tomcat_user', 'password': 'itops_tomcat_password',
               'validate_certs': 'itops_tomcat_validate_certs', 'ca_path': 'itops_tomcat_ca_path'}


def tomcat_specs(targets, all_hostvars, templar=None):
    """(specs, not-inspected inspections, warnings) of targets (the policy of inspection/specs.py)."""
    return specs.build(targets, all_hostvars, tomcat_spec, 'middleware', 'tomcat', templar)


def tomcat_spec(name, hv, templar=None):
    """One Tomcat's spec; validate.ConfigError (a ValueError) names the host, the variable and the value."""
    spec = {'target': name, 'device_class': hostvar(hv, 'itops_device_class', templar) or 'middleware'}
    if spec['device_class'] == 'linux_server':
        spec['device_class'] = 'middleware'
    for key, var in TOMCAT_VARS.items():
        spec[key] = hostvar(hv, var, templar)
    if not spec['url']:
        raise validate.ConfigError(name, 'itops_tomcat_url', spec['url'], 'is not set')
    spec['url'] = validate.url(name, 'itops_tomcat_url', str(spec['url'])).rstrip('/')
    spec['user'] = validate.name(name, 'itops_tomcat_user', spec['user'])
    spec['validate_certs'] = spec['validate_certs'] not in (False, 'false', 'False', 'no', 0)
    host_settings, spec['warnings'] = validate.settings(name, hv, templar, only=('thresholds', 'impact'))
    spec['thresholds'] = host_settings['thresholds']
    return spec


def probe_specs(targets, all_hostvars, templar=None, extra=None):
    """(groups, not-inspected inspections, warnings) of targets having probes (inspection/specs.py):
    a group is {target, group: (target, device_class, [normalised probes]), thresholds, warnings}."""
    return specs.build(targets, all_hostvars, lambda name, hv, tpl: probe_spec(name, hv, tpl, extra),
                       lambda name: (all_hostvars.get(name) or {}).get('itops_device_class') or 'middleware', 'http', templar)


def probe_spec(name, hv, templar=None, extra=None):
    """One host's probe group, or None when it has no probes; validate.ConfigError names the host and
    the probe (a probe is a URL: it never falls back)."""
    probes = hostvar(hv, 'itops_http_probes', templar) or []
    if not isinstance(probes, list):
        raise validate.ConfigError(name, 'itops_http_probes', probes, 'is not a list')
    probes = list(probes) + list(extra or [])
    if not probes:
        return None
    normalised = []
    for index, probe in enumerate(probes):
        try:
            normalised.append(normalize(probe, index))
        except ProbeError as exc:
            raise validate.ConfigError(name, 'itops_http_probes[%d]' % index, _shown(probe), 'is not usable: %s' % str(exc).split(': ', 1)[-1])
    device_class = hostvar(hv, 'itops_device_class', templar) or 'middleware'
    host_settings, warnings = validate.settings(name, hv, templar, only=('thresholds', 'impact'))
    return {'target': name, 'group': (name, device_class, normalised), 'thresholds': host_settings['thresholds'], 'warnings': warnings}


def _shown(probe):
    """A probe definition as named in a message: its name, URL or TCP target, never its password."""
    if isinstance(probe, dict):
        return probe.get('name') or probe.get('url') or probe.get('tcp')
    return probe


def _get(spec, path, timeout):
    return fetch(spec['url'] + path, timeout=timeout, user=spec.get('user'), password=spec.get('password'),
                 validate_certs=spec['validate_certs'], ca_path=spec.get('ca_path'))


def _reach_failure(spec, res):
    """The tomcat.reach item when the status page could not be read, else None."""
    where = spec['url'] + tomcat.STATUS_PATH
    if res['error']:
        return make_item('tomcat.reach', 'manager', None, None, 'critical', fault=not res.get('tls_error'),
                         detail=failed(where, res['error']))
    if res['status'] in (401, 403):
        return make_item('tomcat.reach', 'manager', res['status'], None, 'critical',
                         detail=said('tomcat.reach.refused', '{url}: HTTP {code}: the monitor user is refused (role manager-status needed)',
                                     url=where, code=res['status']))
    if res['status'] != 200:
        # 502/503/504 from the HTTPS front end: Tomcat behind it does not answer.
        return make_item('tomcat.reach', 'manager', res['status'], None, 'critical', fault=res['status'] >= 500,
                         detail=said('tomcat.reach.http', '{url}: HTTP {code}', url=where, code=res['status']))
    return None


def inspect_tomcat(spec, timeout=10.0, overrides=None, sample_seconds=0.0, jdbc=True, min_requests=20):
    """One Tomcat -> one inspection; never raises for what the server answers."""
    res = _get(spec, tomcat.STATUS_PATH, timeout)
    failed = _reach_failure(spec, res)
    if failed:
        return make_inspection(spec['target'], spec['device_class'], [failed])
    try:
        first = tomcat.parse_status(res['body'])
        previous = None
        if sample_seconds and sample_seconds > 0:
            time.sleep(sample_seconds)
            again = _get(spec, tomcat.STATUS_PATH, timeout)
            if not again['error'] and again['status'] == 200:
                previous, first = first, tomcat.parse_status(again['body'])
    except tomcat.StatusError as exc:
        return make_inspection(spec['target'], spec['device_class'], [
            make_item('tomcat.reach', 'manager', 200, None, 'critical', detail=_unreadable(spec['url'] + tomcat.STATUS_PATH, exc.reason))])
    items = [make_item('tomcat.reach', 'manager', 200, None, 'ok',
                       detail=said('tomcat.reach.ok', 'status read in {elapsed_ms} ms', elapsed_ms=res['elapsed_ms']))]
    found, metrics = tomcat.status_items(first, overrides, min_requests=min_requests, previous=previous)
    items += found
    facts = {'tomcat_connectors': [c['name'] for c in first['connectors']]}
    if jdbc:
        items_jdbc, metrics_jdbc, gc = _jmx(spec, timeout, overrides)
        items += items_jdbc
        metrics.update(metrics_jdbc)
        for name, values in gc.items():
            metrics['tomcat.gc.count.%s' % name] = values['count']
            metrics['tomcat.gc.time_ms.%s' % name] = values['time_ms']
    return make_inspection(spec['target'], spec['device_class'], items, facts=facts, metrics=metrics)


def _unreadable(url, reason):
    """The tomcat.reach detail of a status page that is not a status (reason: a StatusError's)."""
    ours, params = getattr(reason, 'detail_id', None), getattr(reason, 'params', None) or {}
    if ours == 'tomcat.status.malformed':
        return said('tomcat.reach.malformed', '{url}: malformed status XML: {error!q}', url=url, error=params['error'])
    if ours == 'tomcat.status.root':
        return said('tomcat.reach.root', '{url}: unexpected root element <{tag}>', url=url, tag=params['tag'])
    if ours == 'tomcat.status.not_status':
        return said('tomcat.reach.not_status', '{url}: not a Tomcat manager status document', url=url)
    return said('tomcat.reach.unreadable', '{url}: {error!q}', url=url, error=str(reason))


def _jmx_failed(error):
    """'JMX proxy: <error>' of a fetch() error."""
    ours, params = getattr(error, 'detail_id', None), getattr(error, 'params', None) or {}
    if ours == 'http.error.no_answer':
        return said('tomcat.jmx.no_answer', 'JMX proxy: no answer within {timeout:g} s', timeout=params['timeout'])
    if ours == 'http.error.cert_verify':
        return said('tomcat.jmx.cert_verify', 'JMX proxy: certificate verification failed: {reason!q}', reason=params['reason'])
    if ours == 'http.error.tls':
        return said('tomcat.jmx.tls', 'JMX proxy: TLS handshake failed: {reason!q}', reason=params['reason'])
    if ours == 'http.error.not_url':
        return said('tomcat.jmx.not_url', 'JMX proxy: not an http(s) URL')
    return said('tomcat.jmx.failed', 'JMX proxy: {error!q}', error=str(error))


def _jmx(spec, timeout, overrides):
    """JDBC pool items and GC figures from the JMX proxy; an unknown item when it cannot be read."""
    items, metrics, gc = [], {}, {}
    res = _get(spec, '/manager/jmxproxy?qry=' + quote(tomcat.JMX_DATASOURCE_QUERY, safe=''), timeout)
    if res['error'] or res['status'] != 200:
        detail = _jmx_failed(res['error']) if res['error'] else said(
            'tomcat.jmx.http', 'JMX proxy: HTTP {code} (the monitor user needs the manager-jmx role)', code=res['status'])
        items.append(make_item('tomcat.jdbc.active_pct', 'jmxproxy', None, '%', 'unknown', detail=detail))
        return items, metrics, gc
    try:
        pools = tomcat.datasources(tomcat.parse_jmxproxy(res['body']))
    except tomcat.StatusError as exc:
        items.append(make_item('tomcat.jdbc.active_pct', 'jmxproxy', None, '%', 'unknown', detail=exc.reason))
        return items, metrics, gc
    items, metrics = tomcat.datasource_items(pools, overrides)
    res = _get(spec, '/manager/jmxproxy?qry=' + quote(tomcat.JMX_GC_QUERY, safe=''), timeout)
    if not res['error'] and res['status'] == 200:
        try:
            gc = tomcat.garbage_collectors(tomcat.parse_jmxproxy(res['body']))
        except tomcat.StatusError:
            gc = {}
    return items, metrics, gc


def inspect_many(specs, concurrency=20, **kwargs):
    """Inspect Tomcat specs concurrently, in the order given (keywords of inspect_tomcat; without
    `overrides` each spec's own thresholds apply). A server whose inspection raises is that server's
    critical tomcat.reach item; the others are inspected all the same."""
    def one(spec):
        options = dict(kwargs)
        options.setdefault('overrides', spec.get('thresholds'))
        return inspect_tomcat(spec, **options)

    def crashed(spec, exc):
        item = make_item('tomcat.reach', 'manager', None, None, 'critical',
                         detail=said('tomcat.reach.crashed', '{url}: inspection failed: {error!q}', url=spec['url'], error=fanout.describe(exc)))
        return make_inspection(spec['target'], spec['device_class'], [item])
    return fanout.run_threads(specs, one, concurrency, crashed)


def probe_many(groups, overrides=None, concurrency=20):
    """(target, class, probes) groups -> one inspection per target, all probes run concurrently."""
    flat = [p for group in groups for p in group[2]]
    results = run_probes(flat, overrides, concurrency)
    out, pos = [], 0
    for target, device_class, probes in (g[:3] for g in groups):
        items = dedupe_tls([i for chunk in results[pos:pos + len(probes)] for i in chunk])
        pos += len(probes)
        metrics = dict(('http.latency_ms.%s' % i['subject'], i['value']) for i in items
                       if i['id'] == 'http.latency_ms' and i['value'] is not None)
        out.append(make_inspection(target, device_class, items, metrics=metrics))
    return out
