# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run user-defined checks and turn their values into items.

`sql` and `http` checks run on the controller (psycopg / PyMySQL, http.client); `log` and
`command` checks run on the host in ONE POSIX sh script (build_host_script) whose sectioned
output parse_host_output reads back. Every failure becomes an item with a reason, never a crash.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import ThresholdError, status_for
from ansible_collections.medops.itops.plugins.module_utils.middleware.http import fetch

try:
    import jmespath
    HAS_JMESPATH = True
except ImportError:  # pragma: no cover
    jmespath = None
    HAS_JMESPATH = False

MARK = '@@medops-custom'
NUMBER_RE = re.compile(r'-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?')
OUTPUT_LIMIT = 4096


def _first_line(exc):
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def to_number(value):
    """int/float/Decimal/numeric text -> float or int; anything else -> None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and abs(number) < 1e15 else round(number, 3)


def rule_for(check, subject, overrides):
    """DEFAULTS[id] < the definition's thresholds < itops_thresholds[id] < itops_thresholds[id@subject]."""
    rule = dict(DEFAULTS.get(check['id'], {}))
    rule.pop('source', None)
    rule.update(check.get('thresholds') or {})
    overrides = overrides or {}
    for key in (check['id'], '%s@%s' % (check['id'], subject)):
        if key in overrides:
            if not isinstance(overrides[key], dict):
                raise ThresholdError('itops_thresholds[%r] must be a mapping with warning/critical' % key)
            rule.update(overrides[key])
    return rule or None


def _described(description, note, outcome, **p):
    """The detail of a value item: the check's description (the hospital's own words), our note of how the
    value was read (a said(): custom.sql.no_row, custom.http.answered, custom.http.value, custom.log.matching)
    and the outcome (plain, expect: value and expected, nan: the value that is not a number), '; '-joined."""
    if note is not None:
        p.update(note.params or {})
        note_id = note.detail_id
    else:
        note_id = None
    note = note_id
    if outcome == 'plain' and not description:
        return None
    if outcome == 'plain' and note is None and description:
        return said('custom.value.described',
                    '{description}',
                    description=description)
    if outcome == 'plain' and note == 'custom.sql.no_row' and description:
        return said('custom.value.described.no_row',
                    '{description}; the query returned no row',
                    description=description)
    if outcome == 'plain' and note == 'custom.http.answered' and description:
        return said('custom.value.described.http_answered',
                    '{description}; HTTP {code} in {elapsed_ms} ms',
                    description=description, code=p['code'], elapsed_ms=p['elapsed_ms'])
    if outcome == 'plain' and note == 'custom.http.value' and description:
        return said('custom.value.described.http_value',
                    '{description}; HTTP {code}, {expression}',
                    description=description, code=p['code'], expression=p['expression'])
    if outcome == 'plain' and note == 'custom.log.matching' and description:
        return said('custom.value.described.log',
                    '{description}; last {lines:d} lines of {path} matching {pattern}',
                    description=description, lines=p['lines'], path=p['path'], pattern=p['pattern'])
    if outcome == 'expect' and note is None and not description:
        return said('custom.value.expect',
                    '{value!q} (expected {expected})',
                    value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note is None and description:
        return said('custom.value.described.expect',
                    '{description}; {value!q} (expected {expected})',
                    description=description, value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note == 'custom.http.answered' and not description:
        return said('custom.value.http_answered.expect',
                    'HTTP {code} in {elapsed_ms} ms; {value!q} (expected {expected})',
                    code=p['code'], elapsed_ms=p['elapsed_ms'], value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note == 'custom.http.answered' and description:
        return said('custom.value.described.http_answered.expect',
                    '{description}; HTTP {code} in {elapsed_ms} ms; {value!q} (expected {expected})',
                    description=description, code=p['code'], elapsed_ms=p['elapsed_ms'], value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note == 'custom.http.value' and not description:
        return said('custom.value.http_value.expect',
                    'HTTP {code}, {expression}; {value!q} (expected {expected})',
                    code=p['code'], expression=p['expression'], value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note == 'custom.http.value' and description:
        return said('custom.value.described.http_value.expect',
                    '{description}; HTTP {code}, {expression}; {value!q} (expected {expected})',
                    description=description, code=p['code'], expression=p['expression'], value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note == 'custom.log.matching' and not description:
        return said('custom.value.log.expect',
                    'last {lines:d} lines of {path} matching {pattern}; {value!q} (expected {expected})',
                    lines=p['lines'], path=p['path'], pattern=p['pattern'], value=p['value'], expected=p['expected'])
    if outcome == 'expect' and note == 'custom.log.matching' and description:
        return said('custom.value.described.log.expect',
                    '{description}; last {lines:d} lines of {path} matching {pattern}; {value!q} (expected {expected})',
                    description=description, lines=p['lines'], path=p['path'], pattern=p['pattern'], value=p['value'], expected=p['expected'])
    if outcome == 'nan' and note is None and not description:
        return said('custom.value.nan',
                    'not a number: {value!q}',
                    value=p['value'])
    if outcome == 'nan' and note is None and description:
        return said('custom.value.described.nan',
                    '{description}; not a number: {value!q}',
                    description=description, value=p['value'])
    if outcome == 'nan' and note == 'custom.http.answered' and not description:
        return said('custom.value.http_answered.nan',
                    'HTTP {code} in {elapsed_ms} ms; not a number: {value!q}',
                    code=p['code'], elapsed_ms=p['elapsed_ms'], value=p['value'])
    if outcome == 'nan' and note == 'custom.http.answered' and description:
        return said('custom.value.described.http_answered.nan',
                    '{description}; HTTP {code} in {elapsed_ms} ms; not a number: {value!q}',
                    description=description, code=p['code'], elapsed_ms=p['elapsed_ms'], value=p['value'])
    if outcome == 'nan' and note == 'custom.http.value' and not description:
        return said('custom.value.http_value.nan',
                    'HTTP {code}, {expression}; not a number: {value!q}',
                    code=p['code'], expression=p['expression'], value=p['value'])
    if outcome == 'nan' and note == 'custom.http.value' and description:
        return said('custom.value.described.http_value.nan',
                    '{description}; HTTP {code}, {expression}; not a number: {value!q}',
                    description=description, code=p['code'], expression=p['expression'], value=p['value'])
    if outcome == 'nan' and note == 'custom.log.matching' and not description:
        return said('custom.value.log.nan',
                    'last {lines:d} lines of {path} matching {pattern}; not a number: {value!q}',
                    lines=p['lines'], path=p['path'], pattern=p['pattern'], value=p['value'])
    if outcome == 'nan' and note == 'custom.log.matching' and description:
        return said('custom.value.described.log.nan',
                    '{description}; last {lines:d} lines of {path} matching {pattern}; not a number: {value!q}',
                    description=description, lines=p['lines'], path=p['path'], pattern=p['pattern'], value=p['value'])
    raise ValueError('no detail of shape %s/%s' % (outcome, note))


def value_item(check, subject, value, overrides=None, detail=None):
    """The item for one (subject, value) of a check; `detail` is our note of how the value was read (a said())."""
    subject = subject if subject not in (None, '') else check.get('subject') or check['name']
    subject = str(subject)
    description = str(check['description']) if check.get('description') else None
    if value is None:
        described = _described(description, detail, 'plain') or detail or said('custom.value.none', 'no value')
        return make_item(check['id'], subject, None, check.get('unit'), 'unknown', detail=described)
    if check.get('expect') is not None:
        good = str(value) == str(check['expect'])
        status = 'ok' if good else 'critical'
        return make_item(check['id'], subject, value, check.get('unit'), status, fault=not good and check['fault'],
                         detail=_described(description, detail, 'expect', value=str(value), expected=str(check['expect'])))
    number = to_number(value)
    if number is None:
        return make_item(check['id'], subject, str(value)[:200], check.get('unit'), 'unknown',
                         detail=_described(description, detail, 'nan', value=repr(str(value)[:80])))
    rule = rule_for(check, subject, overrides)
    status = status_for(number, rule)
    threshold = None
    if rule:
        threshold = dict((k, rule[k]) for k in ('warning', 'critical') if rule.get(k) is not None)
        if rule.get('direction') == 'below':
            threshold['direction'] = 'below'
    return make_item(check['id'], subject, number, check.get('unit'), status, threshold=threshold,
                     fault=status == 'critical' and check['fault'], detail=_described(description, detail, 'plain') or detail)


def failure_item(check, detail, outage=False):
    """The check could not produce a value: unknown (or critical when the check is an outage check).

    `detail` (a said()) begins with the check's kind: 'http: https://...: no answer within 10 s'."""
    status = 'critical' if outage and check['fault'] else 'unknown'
    return make_item(check['id'], str(check.get('subject') or check['name']), None, check.get('unit'), status,
                     fault=status == 'critical', detail=detail)


def no_library(library):
    """A driver missing on the controller (our words; sql_items and http_items say where)."""
    return said('custom.no_library', 'the Python library {library} is not installed on the controller', library=library)


# --- sql ------------------------------------------------------------------------------------

def sql_rows(check, conn_spec):
    """Run the query; (rows, error). Rows are tuples."""
    timeout = check['timeout']
    if check['engine'] == 'mysql':
        try:
            import pymysql
        except ImportError:
            return None, no_library('PyMySQL')
        try:
            conn = pymysql.connect(host=conn_spec['host'], port=int(conn_spec.get('port') or 3306), user=conn_spec.get('user'),
                                   password=conn_spec.get('password') or '', database=conn_spec.get('database'),
                                   connect_timeout=timeout, read_timeout=timeout, charset='utf8mb4', autocommit=True)
            try:
                with conn.cursor() as cur:
                    cur.execute(check['query'])
                    return list(cur.fetchall()), None
            finally:
                conn.close()
        except pymysql.err.MySQLError as exc:
            return None, _first_line(exc)
    try:
        import psycopg
    except ImportError:
        return None, no_library('psycopg')
    try:
        with psycopg.connect(host=conn_spec['host'], port=int(conn_spec.get('port') or 5432), user=conn_spec.get('user'),
                             password=conn_spec.get('password'), dbname=conn_spec.get('database') or 'postgres',
                             connect_timeout=max(1, int(timeout)), application_name='medops.itops custom check',
                             autocommit=True, options='-c statement_timeout=%d -c default_transaction_read_only=on' % int(timeout * 1000)) as conn:
            with conn.cursor() as cur:
                cur.execute(check['query'])
                return list(cur.fetchall()), None
    except psycopg.Error as exc:
        return None, _first_line(exc)


def sql_items(check, conn_spec, overrides=None):
    rows, error = sql_rows(check, conn_spec)
    where = {'engine': check['engine'], 'host': conn_spec.get('host'), 'database': conn_spec.get('database') or ''}
    if getattr(error, 'detail_id', None) == 'custom.no_library':
        return [failure_item(check, said('custom.sql.no_library', 'sql: {engine!w} {host}/{database}: the Python library {library} is not '
                                         'installed on the controller', library=error.params['library'], **where))]
    if error:
        return [failure_item(check, said('custom.sql.failed', 'sql: {engine!w} {host}/{database}: {error!q}', error=str(error), **where))]
    if not rows:
        return [value_item(check, None, None, overrides, said('custom.sql.no_row', 'the query returned no row'))]
    if len(rows[0]) == 1:
        return [value_item(check, None, rows[0][0], overrides)]
    return [value_item(check, row[0], row[1], overrides) for row in rows]


# --- http -----------------------------------------------------------------------------------

def http_items(check, overrides=None):
    res = fetch(check['url'], timeout=check['timeout'], user=check.get('user'), password=check.get('password'),
                validate_certs=check['validate_certs'], ca_path=check.get('ca_path'))
    if res['error']:
        return [failure_item(check, _http_failed(check['url'], res['error']), outage=True)]
    if not check.get('jmespath'):
        return [value_item(check, None, res['status'], overrides,
                           said('custom.http.answered', 'HTTP {code} in {elapsed_ms} ms', code=res['status'], elapsed_ms=res['elapsed_ms']))]
    if not HAS_JMESPATH:
        return [failure_item(check, said('custom.http.no_library', 'http: the Python library {library} is not installed on the controller',
                                         library='jmespath'))]
    try:
        value = jmespath.search(check['jmespath'], json.loads(res['body']))
    except ValueError as exc:
        return [failure_item(check, said('custom.http.not_json', 'http: {url}: HTTP {code}, body is not JSON or the expression fails: {error!q}',
                                         url=check['url'], code=res['status'], error=_first_line(exc)))]
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)[:200]
    return [value_item(check, None, value, overrides,
                       said('custom.http.value', 'HTTP {code}, {expression}', code=res['status'], expression=str(check['jmespath'])))]


def _http_failed(url, error):
    """'http: <url>: <error>' of a fetch() error: ours translated, the system's quoted."""
    ours, params = getattr(error, 'detail_id', None), getattr(error, 'params', None) or {}
    if ours == 'http.error.no_answer':
        return said('custom.http.no_answer', 'http: {url}: no answer within {timeout:g} s', url=url, timeout=params['timeout'])
    if ours == 'http.error.cert_verify':
        return said('custom.http.cert_verify', 'http: {url}: certificate verification failed: {reason!q}', url=url, reason=params['reason'])
    if ours == 'http.error.tls':
        return said('custom.http.tls', 'http: {url}: TLS handshake failed: {reason!q}', url=url, reason=params['reason'])
    if ours == 'http.error.not_url':
        return said('custom.http.not_url', 'http: {url}: not an http(s) URL', url=url)
    return said('custom.http.failed', 'http: {url}: {error!q}', url=url, error=str(error))


def controller_items(checks, connections, db_vars, overrides=None, concurrency=8):
    """Items of the sql/http checks, in definition order, run concurrently; a check that raises is its own unknown item."""
    def one(check):
        if check['kind'] == 'http':
            return http_items(check, overrides)
        spec = dict(connections.get(check.get('connection')) or db_vars or {})
        if check.get('database'):
            spec['database'] = check['database']
        if not spec.get('host'):
            return [failure_item(check, said('custom.sql.no_connection', 'sql: no connection: set connection (itops_custom_connections) or itops_db_host'))]
        return sql_items(check, spec, overrides)

    def crashed(check, exc):
        if isinstance(exc, ThresholdError):   # the user's threshold is wrong: the task fails, as before
            raise exc
        return [failure_item(check, said('custom.crashed', '{kind!w}: check failed: {error!q}', kind=check['kind'], error=fanout.describe(exc)))]
    todo = [c for c in checks if c['kind'] in ('sql', 'http')]
    return [i for chunk in fanout.run_threads(todo, one, concurrency, crashed) for i in chunk]


# --- log and command: one script on the host --------------------------------------------------

def _quote(text):
    return "'" + str(text).replace("'", "'\"'\"'") + "'"


def build_host_script(checks):
    """One POSIX sh script for the log/command checks; each prints a marked section with its exit code."""
    parts = ['LC_ALL=C; export LC_ALL',
             'if command -v timeout >/dev/null 2>&1; then T=timeout; else T=; fi']
    for index, check in enumerate(checks):
        if check['kind'] == 'log':
            body = ('if [ -r %(p)s ]; then tail -n %(n)d %(p)s | grep -c -E -e %(re)s; [ $? -le 1 ]; '
                    'else echo "cannot read %(raw)s" >&2; exit 3; fi'
                    % {'p': _quote(check['path']), 'n': check['lines'], 're': _quote(check['pattern']),
                       'raw': str(check['path']).replace('"', '')})
        elif check['kind'] == 'command':
            body = check['command']
        else:
            continue
        parts.append("echo '%s %d'; ${T:+$T %d} sh -c %s 2>&1 | head -c %d; echo; echo \"%s rc=$?\""
                     % (MARK, index, int(check['timeout']), _quote(body), OUTPUT_LIMIT, MARK))
    return '\n'.join(parts) + '\n'


def parse_host_output(text):
    """The script's output -> {index: output text}; the pipeline's status is checked by the content."""
    sections, current = {}, None
    for line in (text or '').splitlines():
        if line.startswith(MARK + ' rc='):
            current = None
            continue
        if line.startswith(MARK + ' '):
            try:
                current = int(line.split()[1])
            except (IndexError, ValueError):
                current = None
            if current is not None:
                sections[current] = []
            continue
        if current is not None:
            sections[current].append(line)
    return dict((k, '\n'.join(v).strip()) for k, v in sections.items())


def host_items(checks, outputs, overrides=None):
    """Items of the log/command checks from parse_host_output's sections (keyed by index in `checks`)."""
    items = []
    for index, check in enumerate(checks):
        if check['kind'] not in ('log', 'command'):
            continue
        if index not in outputs:
            items.append(failure_item(check, said('custom.host.no_output', '{kind!w}: no output from the host', kind=check['kind'])))
            continue
        out = outputs[index]
        found = NUMBER_RE.search(out) if check['kind'] == 'command' else re.match(r'^\s*(\d+)\s*$', out)
        if not found:
            if out:
                detail = said('custom.host.no_number', '{kind!w}: no number in the output: {output!q}', kind=check['kind'], output=out[:200])
            else:
                detail = said('custom.host.no_number_empty', '{kind!w}: no number in the output: empty', kind=check['kind'])
            items.append(failure_item(check, detail))
            continue
        detail = None
        if check['kind'] == 'log':
            detail = said('custom.log.matching', 'last {lines:d} lines of {path} matching {pattern}',
                          lines=int(check['lines']), path=str(check['path']), pattern=str(check['pattern']))
        items.append(value_item(check, None, found.group(0), overrides, detail))
    return items
