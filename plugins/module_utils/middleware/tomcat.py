# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tomcat pressure from the manager application: parse /manager/status?XML=true and the JMX proxy.

The status XML (documented in Tomcat's manager-howto, "Server Status") carries the JVM memory
(`<jvm><memory free total max/>`) and one `<connector>` per protocol handler with `<threadInfo>`
(maxThreads, currentThreadsBusy) and `<requestInfo>` (requestCount, errorCount). JDBC pools are
not in it: they are read from /manager/jmxproxy?qry=Catalina:type=DataSource,* (text, one
`Name:` block per MBean, `attribute: value` lines), as is the garbage collector.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import xml.etree.ElementTree as ET

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate

STATUS_PATH = '/manager/status?XML=true'
JMX_DATASOURCE_QUERY = 'Catalina:type=DataSource,*'
JMX_GC_QUERY = 'java.lang:type=GarbageCollector,*'


class StatusError(ValueError):
    """The status document cannot be read; the message (a said(), also in `reason`) says why."""

    def __init__(self, reason):
        super(StatusError, self).__init__(reason)
        self.reason = reason


def _int(value):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _pct(part, whole):
    if part is None or not whole or whole <= 0:
        return None
    return round(100.0 * part / whole, 1)


def parse_status(text):
    """The manager's XML status -> {'jvm': {...}, 'connectors': [{...}]}; raises StatusError."""
    if not text or '<status' not in text:
        raise StatusError(said('tomcat.status.not_status', 'not a Tomcat manager status document'))
    try:
        root = ET.fromstring(text.encode('utf-8') if isinstance(text, str) else text)
    except ET.ParseError as exc:
        raise StatusError(said('tomcat.status.malformed', 'malformed status XML: {error!q}', error=str(exc)))
    if root.tag != 'status':
        raise StatusError(said('tomcat.status.root', 'unexpected root element <{tag}>', tag=str(root.tag)))
    jvm = {}
    memory = root.find('./jvm/memory')
    if memory is not None:
        jvm = dict((k, _int(memory.get(k))) for k in ('free', 'total', 'max'))
    pools = []
    for pool in root.findall('./jvm/memorypool'):
        pools.append({'name': pool.get('name'), 'type': pool.get('type'),
                      'used': _int(pool.get('usageUsed')), 'max': _int(pool.get('usageMax'))})
    jvm['pools'] = pools
    connectors = []
    for conn in root.findall('./connector'):
        threads = conn.find('threadInfo')
        requests = conn.find('requestInfo')
        entry = {'name': (conn.get('name') or '').strip('"\'')}
        if threads is not None:
            entry.update(max_threads=_int(threads.get('maxThreads')), busy=_int(threads.get('currentThreadsBusy')),
                         current=_int(threads.get('currentThreadCount')))
        if requests is not None:
            entry.update(requests=_int(requests.get('requestCount')), errors=_int(requests.get('errorCount')),
                         processing_ms=_int(requests.get('processingTime')), max_ms=_int(requests.get('maxTime')))
        connectors.append(entry)
    return {'jvm': jvm, 'connectors': connectors}


def parse_jmxproxy(text):
    """The JMX proxy's text answer -> list of {'name': mbean name, attribute: value}.

    The first line is `OK - Number of results: N` or `Error - ...`; raises StatusError on an error.
    """
    text = text or ''
    first = text.lstrip().split('\n', 1)[0]
    if not first.startswith('OK'):
        if not first.strip():
            raise StatusError(said('tomcat.jmx.empty', 'JMX proxy: empty answer'))
        raise StatusError(said('tomcat.jmx.error', 'JMX proxy: {answer!q}', answer=first.strip()[:200]))
    beans = []
    current = None
    for line in text.splitlines()[1:]:
        if line.startswith('Name: '):
            current = {'name': line[6:].strip()}
            beans.append(current)
        elif current is not None and ': ' in line and not line.startswith(' '):
            key, value = line.split(': ', 1)
            current[key.strip()] = value.strip()
    return beans


def _mbean_key(name, key):
    for part in name.split(':', 1)[-1].split(','):
        if part.startswith(key + '='):
            return part[len(key) + 1:].strip('"')
    return None


def datasources(beans):
    """DataSource MBeans -> [{'subject', 'active', 'max', 'idle'}] (DBCP2 maxTotal or tomcat-jdbc maxActive).

    Tomcat registers a JNDI DataSource twice (the `class=javax.sql.DataSource` one and, for
    tomcat-jdbc, a `connectionpool` child); the first per context/name is kept.
    """
    found = {}
    for bean in beans:
        name = bean.get('name', '')
        if 'type=DataSource' not in name or _mbean_key(name, 'connectionpool'):
            continue
        active = _int(bean.get('numActive', bean.get('active')))
        limit = _int(bean.get('maxTotal', bean.get('maxActive')))
        if active is None and limit is None:
            continue
        context = _mbean_key(name, 'context') or ''
        subject = '%s%s' % (context + ':' if context else '', _mbean_key(name, 'name') or name)
        found.setdefault(subject, {'subject': subject, 'active': active, 'max': limit,
                                   'idle': _int(bean.get('numIdle', bean.get('idle')))})
    return list(found.values())


def garbage_collectors(beans):
    """GarbageCollector MBeans -> {collector name: {'count', 'time_ms'}}."""
    out = {}
    for bean in beans:
        name = _mbean_key(bean.get('name', ''), 'name')
        if name and 'type=GarbageCollector' in bean.get('name', ''):
            out[name] = {'count': _int(bean.get('CollectionCount')), 'time_ms': _int(bean.get('CollectionTime'))}
    return out


def status_items(status, overrides=None, min_requests=20, previous=None):
    """Items and metrics from a parsed status; `previous` (an earlier parse) makes the error rate a delta."""
    items, metrics = [], {}
    jvm = status.get('jvm') or {}
    used = jvm['total'] - jvm['free'] if jvm.get('total') is not None and jvm.get('free') is not None else None
    pct = _pct(used, jvm.get('max'))
    if pct is None:
        items.append(unknown_item('tomcat.heap.used_pct', 'heap', said('tomcat.heap.no_figures', 'the status has no JVM memory figures')))
    else:
        items.append(evaluate('tomcat.heap.used_pct', pct, 'heap', overrides, '%',
                              said('tomcat.heap.used', 'heap {used:d} MiB used of {limit:d} MiB max',
                                   used=int(used // 1048576), limit=int(jvm['max'] // 1048576))))
        metrics.update({'tomcat.heap.used_pct': pct, 'tomcat.heap.used_bytes': used})
    before = dict((c['name'], c) for c in (previous or {}).get('connectors', []))
    if not status.get('connectors'):
        items.append(unknown_item('tomcat.threads.busy_pct', 'connectors', said('tomcat.threads.no_connector', 'the status lists no connector')))
    for conn in status.get('connectors', []):
        name = conn['name']
        busy_pct = _pct(conn.get('busy'), conn.get('max_threads'))
        if busy_pct is None:
            items.append(unknown_item('tomcat.threads.busy_pct', name,
                                      said('tomcat.threads.no_figures', 'no thread pool figures (an executor-less connector?)')))
        else:
            items.append(evaluate('tomcat.threads.busy_pct', busy_pct, name, overrides, '%',
                                  said('tomcat.threads.busy', '{busy} of {limit} threads busy ({started} started)',
                                       busy=conn['busy'], limit=conn['max_threads'], started=conn.get('current'))))
            metrics['tomcat.threads.busy_pct.%s' % name] = busy_pct
        requests, errors = conn.get('requests'), conn.get('errors')
        if requests is None or errors is None:
            continue
        sampled = False
        if name in before and before[name].get('requests') is not None and requests >= before[name]['requests']:
            requests, errors = requests - before[name]['requests'], errors - (before[name].get('errors') or 0)
            sampled = True
        if requests < min_requests:
            if sampled:
                detail = said('tomcat.requests.few_sampled', '{requests:d} requests during the sample (fewer than {minimum:d}): no rate',
                              requests=int(requests), minimum=int(min_requests))
            else:
                detail = said('tomcat.requests.few', '{requests:d} requests since Tomcat started (fewer than {minimum:d}): no rate',
                              requests=int(requests), minimum=int(min_requests))
            items.append(make_item('tomcat.requests.error_pct', name, None, '%', 'ok', detail=detail))
            continue
        err_pct = _pct(errors, requests)
        if sampled:
            detail = said('tomcat.requests.errors_sampled', '{errors:d} errors in {requests:d} requests during the sample',
                          errors=int(errors), requests=int(requests))
        else:
            detail = said('tomcat.requests.errors', '{errors:d} errors in {requests:d} requests since Tomcat started',
                          errors=int(errors), requests=int(requests))
        items.append(evaluate('tomcat.requests.error_pct', err_pct, name, overrides, '%', detail))
        metrics['tomcat.requests.error_pct.%s' % name] = err_pct
    return items, metrics


def datasource_items(pools, overrides=None):
    """One tomcat.jdbc.active_pct item per pool."""
    items, metrics = [], {}
    for pool in pools:
        pct = _pct(pool['active'], pool['max'])
        if pct is None:
            items.append(unknown_item('tomcat.jdbc.active_pct', pool['subject'],
                                      said('tomcat.jdbc.no_maximum', 'pool without a maximum size (maxTotal {limit})', limit=pool['max'])))
            continue
        items.append(evaluate('tomcat.jdbc.active_pct', pct, pool['subject'], overrides, '%',
                              said('tomcat.jdbc.active', '{active} of {limit} connections in use, {idle} idle',
                                   active=pool['active'], limit=pool['max'], idle=pool.get('idle'))))
        metrics['tomcat.jdbc.active_pct.%s' % pool['subject']] = pct
    return items, metrics
