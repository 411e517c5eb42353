# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP(S) and TCP probes as data: validate the definitions, run them concurrently, make items.

A probe definition (in `itops_http_probes` of a host, or the action's `probes` option):

    - name: his-frontend          # the item subject (default: the URL or host:port)
      url: https://10.77.0.31/health
      status: [200]               # accepted status codes (default 200-399)
      content: '"status":"UP"'    # regular expression the body must match (optional)
      jmespath: status            # or: a JMESPath over the JSON body ...
      equals: UP                  #     ... whose result must equal this (default: be truthy)
      timeout: 5
      validate_certs: true
      ca_path: /etc/pki/hospital-ca.pem
    - name: his-db
      tcp: 10.77.0.21:5432        # a TCP connect instead of HTTP
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover
    urlsplit = None

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.middleware.http import days_left, failed, fetch, tcp_connect

try:
    import jmespath
    HAS_JMESPATH = True
except ImportError:  # pragma: no cover
    jmespath = None
    HAS_JMESPATH = False

KEYS = ('name', 'url', 'tcp', 'status', 'content', 'jmespath', 'equals', 'timeout', 'validate_certs', 'ca_path',
        'user', 'password')


class ProbeError(ValueError):
    """An unusable probe definition; the message names the probe and the key."""


def normalize(probe, index=0, defaults=None):
    """Check one definition and fill defaults; raises ProbeError."""
    label = 'probe %d' % (index + 1)
    if not isinstance(probe, dict):
        raise ProbeError('%s: must be a mapping, got %r' % (label, probe))
    label = 'probe %r' % probe.get('name', probe.get('url', probe.get('tcp', index + 1)))
    unknown = sorted(set(probe) - set(KEYS))
    if unknown:
        raise ProbeError('%s: unknown key %s (known: %s)' % (label, ', '.join(unknown), ', '.join(KEYS)))
    out = dict(defaults or {})
    out.update(probe)
    if bool(out.get('url')) == bool(out.get('tcp')):
        raise ProbeError('%s: give exactly one of url or tcp' % label)
    if out.get('url') and not re.match(r'^https?://[^/\s]+', str(out['url'])):
        raise ProbeError('%s: url must start with http:// or https://, got %r' % (label, out['url']))
    if out.get('tcp'):
        host, sep, port = str(out['tcp']).rpartition(':')
        if not sep or not host or not port.isdigit():
            raise ProbeError('%s: tcp must be host:port, got %r' % (label, out['tcp']))
        out['tcp_host'], out['tcp_port'] = host.strip('[]'), int(port)
    status = out.get('status')
    if status is not None:
        status = status if isinstance(status, list) else [status]
        try:
            out['status'] = [int(code) for code in status]
        except (TypeError, ValueError):
            raise ProbeError('%s: status must be a list of HTTP status codes, got %r' % (label, status))
    if out.get('content') is not None:
        try:
            out['content_re'] = re.compile(str(out['content']))
        except re.error as exc:
            raise ProbeError('%s: content is not a valid regular expression: %s' % (label, exc))
    if out.get('jmespath') is not None:
        if not HAS_JMESPATH:
            raise ProbeError('%s: jmespath needs the jmespath Python library on the controller' % label)
        try:
            out['jmespath_expr'] = jmespath.compile(str(out['jmespath']))
        except jmespath.exceptions.ParseError as exc:
            raise ProbeError('%s: jmespath is not a valid expression: %s' % (label, exc))
    try:
        out['timeout'] = float(out.get('timeout') or 5)
    except (TypeError, ValueError):
        raise ProbeError('%s: timeout must be a number of seconds, got %r' % (label, out.get('timeout')))
    out.setdefault('validate_certs', True)
    out['name'] = str(out.get('name') or out.get('url') or out.get('tcp'))
    return out


def match_body(probe, body):
    """(matched, what was seen) for the content / jmespath expectation, or None when none is set."""
    if probe.get('jmespath_expr') is not None:
        try:
            value = probe['jmespath_expr'].search(json.loads(body))
        except ValueError:
            return False, said('http.content.not_json', 'the body is not JSON')
        if 'equals' in probe and probe['equals'] is not None:
            return str(value) == str(probe['equals']), said('http.content.equals', '{expression} = {value!q} (expected {expected})',
                                                            expression=probe['jmespath'], value=repr(value), expected=repr(probe['equals']))
        return bool(value), said('http.content.value', '{expression} = {value!q}', expression=probe['jmespath'], value=repr(value))
    if probe.get('content_re') is not None:
        found = probe['content_re'].search(body or '')
        if found:
            return True, said('http.content.matched', 'matched {text!q}', text=repr(found.group(0)[:80]))
        return False, said('http.content.no_match', 'no match for {pattern}', pattern=repr(probe['content']))
    return None


def run_one(probe):
    """Run a normalised probe: the raw measurement."""
    if probe.get('tcp'):
        return tcp_connect(probe['tcp_host'], probe['tcp_port'], probe['timeout'])
    return fetch(probe['url'], timeout=probe['timeout'], user=probe.get('user'), password=probe.get('password'),
                 validate_certs=bool(probe['validate_certs']), ca_path=probe.get('ca_path'))


def probe_items(probe, result, overrides=None, now=None):
    """Items of one probe from its measurement (`now` for tests of the certificate age)."""
    subject = probe['name']
    if probe.get('tcp'):
        if result.get('error'):
            return [make_item('tcp.connect', subject, None, 'ms', 'critical', fault=True, detail=failed(probe['tcp'], result['error']))]
        return [make_item('tcp.connect', subject, result['elapsed_ms'], 'ms', 'ok',
                          detail=said('tcp.accepts', '{target} accepts connections', target=probe['tcp']))]
    items = []
    if result.get('not_after') is not None:
        # The certificate belongs to the endpoint, not to the URL: one item per host:port.
        left = days_left(result['not_after'], now)
        items.append(evaluate('tls.days_left', left, endpoint(probe['url']), overrides, 'd',
                              said('tls.valid_until', 'certificate valid until {until} (probe {probe})',
                                   until=result['not_after'].strftime('%Y-%m-%d %H:%M UTC'), probe=subject)))
        if result.get('cert_sha256'):
            items[-1]['cert_sha256'] = result['cert_sha256']
    if result.get('error'):
        items.insert(0, make_item('http.status', subject, None, None, 'critical', fault=not result.get('tls_error'),
                                  detail=failed(probe['url'], result['error'])))
        return items
    code = result['status']
    accepted = probe.get('status')
    good = code in accepted if accepted else 200 <= code < 400
    if good:
        detail = said('http.status.answered', 'HTTP {code} in {elapsed_ms} ms', code=code, elapsed_ms=result['elapsed_ms'])
    else:
        detail = said('http.status.unexpected', 'HTTP {code} in {elapsed_ms} ms (expected {expected})', code=code, elapsed_ms=result['elapsed_ms'],
                      expected=', '.join(str(c) for c in accepted) if accepted else '200-399')
    # A 5xx (or 502 from a front end whose back end is down) is an interrupted service.
    items.insert(0, make_item('http.status', subject, code, None, 'ok' if good else 'critical', fault=not good and code >= 500,
                              detail=detail))
    items.insert(1, evaluate('http.latency_ms', result['elapsed_ms'], subject, overrides, 'ms',
                             said('http.latency', 'whole response in {elapsed_ms} ms', elapsed_ms=result['elapsed_ms'])))
    matched = match_body(probe, result.get('body'))
    if matched is not None:
        items.append(make_item('http.content', subject, matched[0], None, 'ok' if matched[0] else 'critical', detail=matched[1]))
    return items


def endpoint(url):
    """host:port of an https URL (the TLS endpoint)."""
    parts = urlsplit(url)
    return '%s:%s' % (parts.hostname, parts.port or 443)


def dedupe_tls(items):
    """Keep the first tls.days_left item per endpoint (several URLs of one server share its certificate)."""
    seen, out = set(), []
    for item in items:
        if item['id'] == 'tls.days_left':
            if item['subject'] in seen:
                continue
            seen.add(item['subject'])
        out.append(item)
    return out


def crashed_items(probe, exc):
    """The item of a probe whose run raised: critical, naming the exception (not a fault: nothing says the service is down)."""
    item_id = 'tcp.connect' if probe.get('tcp') else 'http.status'
    detail = said('http.probe_failed', '{target}: probe failed: {error!q}', target=probe.get('tcp') or probe['url'], error=fanout.describe(exc))
    return [make_item(item_id, probe['name'], None, None, 'critical', detail=detail)]


def run_probes(probes, overrides=None, concurrency=20):
    """Run normalised probes concurrently: a list of item lists, in the order given; one probe's crash is its own item."""
    results = fanout.run_threads(probes, run_one, concurrency, lambda probe, exc: {'crashed': exc})
    return [crashed_items(p, r['crashed']) if 'crashed' in r else probe_items(p, r, overrides) for p, r in zip(probes, results)]
