# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Query results in one shape, whichever transport produced them.

A result set is {'columns': [names], 'rows': [[text or None, ...]], 'error': text or None}.
Values are text (as the command-line clients print them), so the checks parse numbers the
same way whether the rows came from a DB-API cursor (psycopg / PyMySQL) or from the output of
`psql -A` / `mysql -B` run on the database host. Results of one inspection are a dict
{query name: result set}.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math
import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import mask_sql_comments, redact_text
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

MARKER = '@@medops@@ '
PG_SEPARATOR = '\x1f'
PG_NULL = '@NULL@'
_PSQL_ERROR = re.compile(r'^(?:psql:[^:]*:\d+: )?(?:ERROR|FATAL):\s+(.*)$')
_MYSQL_ERROR = re.compile(r'^ERROR (\d+) \(\w+\)(?: at line \d+)?: (.*)$')


def result(columns=None, rows=None, error=None):
    return {'columns': list(columns or []), 'rows': [list(r) for r in rows or []], 'error': error}


def to_text(value):
    """A DB-API value as the command-line client would print it (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return '1' if value else '0'
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode('utf-8', 'replace')
    return str(value)


def records(res):
    """The rows of a result set as dicts keyed by column name (empty for an error or no result)."""
    if not res or res.get('error'):
        return []
    cols = res.get('columns') or []
    return [dict(zip(cols, row)) for row in res.get('rows') or []]


def num(value):
    """A number from text or a number; None when it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) else number


# --- DB-API (network) ---------------------------------------------------------------------

def run_dbapi(conn, queries, error_types=(Exception,)):
    """Run [(name, sql)] on one open connection; one result set per name, errors kept per query.

    The connection must be in autocommit mode (a failed statement must not poison the next).
    """
    out = {}
    for name, sql in queries:
        cur = conn.cursor()
        try:
            cur.execute(sql)
            columns = [d[0] for d in cur.description or []]
            rows = [[to_text(v) for v in row] for row in (cur.fetchall() if cur.description else [])]
            out[name] = result(columns, rows)
        except error_types as exc:
            text = str(exc).strip().splitlines()
            out[name] = result(error=(text[0] if text else type(exc).__name__)[:300])
        finally:
            try:
                cur.close()
            except error_types:
                pass
    return out


# --- command-line clients (ssh) -----------------------------------------------------------

def pg_script(queries):
    """psql input: a marker line before each query (psql prints it with \\echo)."""
    lines = []
    for name, sql in queries:
        lines.append('\\echo %s%s' % (MARKER, name))
        lines.append(sql.strip().rstrip(';') + ';')
    return '\n'.join(lines) + '\n'


def mysql_script(queries):
    """mysql input: a marker SELECT before each query (printed as header and value)."""
    lines = []
    for name, sql in queries:
        lines.append("SELECT '%s%s';" % (MARKER, name))
        lines.append(sql.strip().rstrip(';') + ';')
    return '\n'.join(lines) + '\n'


def _split_sections(text):
    """(lines before the first marker, [(name, lines)]) from a client's combined output."""
    preamble, sections, current = [], [], None
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(MARKER):
            current = (line[len(MARKER):].strip(), [])
            sections.append(current)
            # mysql prints the marker twice (column header and value).
            if i + 1 < len(lines) and lines[i + 1] == line:
                i += 1
        elif current is None:
            preamble.append(line)
        else:
            current[1].append(line)
        i += 1
    return preamble, sections


def no_output(client):
    """The connect error of a client that printed nothing (our words, not the client's: see inspect.assemble)."""
    return said('db.client.no_output', 'no output from {client}', client=client)


def no_rows():
    """The error of a query whose section is missing from the client's output (ours, not the server's)."""
    return said('db.result.no_output', 'no output for this query')


def parse_psql(text, expected):
    """Result sets from `psql -X -q -A -F<US> -P footer=off -P null=@NULL@ -f -` output (stderr merged).

    Returns (results, connect_error): connect_error is the client's message when no query ran.
    """
    preamble, sections = _split_sections(text or '')
    if not sections:
        return {}, ' '.join(line.strip() for line in preamble if line.strip())[:400] or no_output('psql')
    out = {}
    for name, lines in sections:
        errors = [m.group(1) for m in (_PSQL_ERROR.match(line) for line in lines) if m]
        data = [line for line in lines if not line.startswith('psql:') and not _PSQL_ERROR.match(line)]
        if errors:
            out[name] = result(error=errors[0][:300])
            continue
        if not data:
            out[name] = result(error=said('db.result.none_printed', 'no result printed'))
            continue
        columns = data[0].split(PG_SEPARATOR)
        rows = []
        for line in data[1:]:
            cells = line.split(PG_SEPARATOR)
            if len(cells) != len(columns):
                continue        # a stray line (notice, wrapped text) is not a row
            rows.append([None if c == PG_NULL else c for c in cells])
        out[name] = result(columns, rows)
    for name in expected:
        out.setdefault(name, result(error=no_rows()))
    return out, None


_MYSQL_ESCAPES = {'\\': '\\', 't': '\t', 'n': '\n', '0': '\0', 'r': '\r', 'b': '\b', 'Z': '\x1a'}


def _mysql_cell(cell):
    if cell == 'NULL':
        return None
    if '\\' not in cell:
        return cell
    out, i = [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == '\\' and i + 1 < len(cell):
            out.append(_MYSQL_ESCAPES.get(cell[i + 1], cell[i + 1]))
            i += 2
            continue
        out.append(ch)
        i += 1
    return ''.join(out)


def parse_mysql(text, expected):
    """Result sets from `mysql -B --force --unbuffered` output (column names on, stderr merged).

    mysql prints nothing for a result without rows, so an empty section is an empty result.
    """
    preamble, sections = _split_sections(text or '')
    if not sections:
        return {}, ' '.join(line.strip() for line in preamble if line.strip())[:400] or no_output('mysql')
    out = {}
    for name, lines in sections:
        errors = [m.group(2) for m in (_MYSQL_ERROR.match(line) for line in lines) if m]
        data = [line for line in lines if not _MYSQL_ERROR.match(line) and not line.startswith(('mysql: [Warning]', 'mariadb: [Warning]'))]
        if errors:
            out[name] = result(error=errors[0][:300])
            continue
        if not data:
            out[name] = result()
            continue
        columns = [_mysql_cell(c) for c in data[0].split('\t')]
        rows = []
        for line in data[1:]:
            cells = line.split('\t')
            if len(cells) != len(columns):
                continue
            rows.append([_mysql_cell(c) for c in cells])
        out[name] = result(columns, rows)
    for name in expected:
        out.setdefault(name, result(error=no_rows()))
    return out, None


_STRING_LITERAL = re.compile(r"(?:[EeBbXxNn])?'(?:[^']|'')*'")
_DQ_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_NUMBER = re.compile(r'(?<![\w$.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b')


def mask_sql(text, limit=200, mysql=False):
    """Statement text safe for a report: literals masked as ?, comments and secrets masked, whitespace folded, truncated."""
    if text is None:
        return None
    masked = _STRING_LITERAL.sub('?', str(text))
    masked = redact_text(mask_sql_comments(masked))      # comments and secret contexts: docs/redaction.md
    if mysql:
        masked = _DQ_LITERAL.sub('?', masked)
    masked = _NUMBER.sub('?', masked)
    masked = ' '.join(masked.split())
    if len(masked) > limit:
        masked = masked[:limit - 3].rstrip() + '...'
    return masked
