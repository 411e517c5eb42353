# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Getting the rows: over the network (psycopg / PyMySQL, ONE connection per server) or through the
database host's own client (`psql` / `mysql`) run over the host's Ansible connection.

Both return (results, stats, failure): results {query name: result set}; stats
{'connections': n, 'queries': n, 'round_trips': n, 'seconds': s}; failure None or
{'down': bool, 'detail': text} when no query could run (server down, login refused).

SSH transport, how the client logs in:
  ssh_auth=socket    the client runs as the database's OS account (postgres for PostgreSQL via
                     runuser when root or `sudo -n -u postgres` otherwise; root for MariaDB/MySQL
                     via unix_socket) and logs in over the local socket: no password anywhere.
  ssh_auth=password  the monitoring login (itops_db_user / itops_db_password) over TCP to
                     127.0.0.1; the password goes down the connection's stdin as the first line
                     and is exported to the client's environment by the remote shell, so it never
                     appears in a command line (ps) or in Ansible's logs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.medops.itops.plugins.module_utils.db import mysql_queries, pg_queries
from ansible_collections.medops.itops.plugins.module_utils.db.results import (PG_NULL, mysql_script, parse_mysql, parse_psql, pg_script,
                                                                              records, run_dbapi)
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

APPLICATION_NAME = 'medops.itops'
_PG_DOWN = ('connection refused', 'could not connect', 'no such file or directory', 'timeout expired', 'timed out',
            'could not translate host name', 'no route to host', 'network is unreachable', 'the database system is',
            'server closed the connection', 'connection to server')
_PG_AUTH = ('password authentication failed', 'no pg_hba.conf entry', 'authentication failed', 'role "',
            'permission denied', 'peer authentication failed')
_MYSQL_DOWN_CODES = (2002, 2003, 2005, 2006, 2013)


def pg_failure(text):
    low = (text or '').lower()
    if any(k in low for k in _PG_AUTH):
        return {'down': False, 'detail': text}
    return {'down': any(k in low for k in _PG_DOWN), 'detail': text}


def mysql_failure(code, text):
    low = (text or '').lower()
    down = code in _MYSQL_DOWN_CODES or "can't connect" in low or 'lost connection' in low
    return {'down': down, 'detail': text}


def no_library(library):
    """The failure detail of a driver missing on the controller (our words, not the server's: see inspect.assemble)."""
    return said('db.client.no_library', 'the Python library {library} is not installed on the controller', library=library)


def _first_line(exc):
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


# --- network ------------------------------------------------------------------------------

def pg_network(spec, timeout):
    """One psycopg connection to spec's server; SERVER then the version's plan."""
    started = time.monotonic()
    stats = {'connections': 0, 'queries': 0, 'round_trips': 0, 'seconds': 0.0}
    try:
        import psycopg
    except ImportError:
        return {}, stats, {'down': False, 'detail': no_library('psycopg')}
    try:
        conn = psycopg.connect(host=spec['address'], port=spec['port'], user=spec.get('user'), password=spec.get('password'),
                               dbname=spec.get('database') or 'postgres', connect_timeout=max(1, int(timeout)),
                               application_name=APPLICATION_NAME, autocommit=True,
                               options='-c statement_timeout=%d' % int(timeout * 1000))
    except psycopg.Error as exc:
        stats['seconds'] = round(time.monotonic() - started, 3)
        return {}, stats, pg_failure(_first_line(exc))
    stats['connections'] = 1
    try:
        results = run_dbapi(conn, [pg_queries.SERVER], error_types=(psycopg.Error,))
        server = records(results['server'])
        if server:
            results.update(run_dbapi(conn, pg_queries.plan(server[0]), error_types=(psycopg.Error,)))
    finally:
        conn.close()
    stats.update(queries=len(results), round_trips=len(results), seconds=round(time.monotonic() - started, 3))
    return results, stats, None


def mysql_network(spec, timeout):
    """One PyMySQL connection to spec's server; SERVER then the flavour's plan."""
    started = time.monotonic()
    stats = {'connections': 0, 'queries': 0, 'round_trips': 0, 'seconds': 0.0}
    try:
        import pymysql
    except ImportError:
        return {}, stats, {'down': False, 'detail': no_library('PyMySQL')}
    try:
        conn = pymysql.connect(host=spec['address'], port=spec['port'], user=spec.get('user'), password=spec.get('password') or '',
                               connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout,
                               charset='utf8mb4', autocommit=True, program_name=APPLICATION_NAME)
    except pymysql.err.MySQLError as exc:
        stats['seconds'] = round(time.monotonic() - started, 3)
        code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
        text = exc.args[1] if len(exc.args) > 1 else _first_line(exc)
        return {}, stats, mysql_failure(code, str(text)[:300])
    stats['connections'] = 1
    try:
        results = run_dbapi(conn, [mysql_queries.SERVER], error_types=(pymysql.err.MySQLError,))
        server = records(results['server'])
        if server:
            results.update(run_dbapi(conn, mysql_queries.plan(server[0]), error_types=(pymysql.err.MySQLError,)))
    finally:
        conn.close()
    stats.update(queries=len(results), round_trips=len(results), seconds=round(time.monotonic() - started, 3))
    return results, stats, None


# --- ssh: the host's client ---------------------------------------------------------------

def _as_user(os_user):
    """Shell words that run the rest of the line as os_user (nothing when already that user)."""
    if not os_user:
        return 'set --'
    return ('if [ "$(id -un)" = %(u)s ]; then set --; elif [ "$(id -u)" = 0 ]; then set -- runuser -u %(u)s --; '
            'else set -- sudo -n -u %(u)s; fi' % {'u': os_user})


def _quote(text):
    return "'" + str(text).replace("'", "'\"'\"'") + "'"


def pg_command(spec, ssh_auth, timeout):
    """(command, stdin prefix) for psql on the database host; the SQL follows the prefix on stdin."""
    common = ('-X -q -A -F "$(printf \'\\037\')" -P footer=off -P null=%s -v ON_ERROR_STOP=0 -d %s -f -'
              % (PG_NULL, _quote(spec.get('database') or 'postgres')))
    env = 'env PGAPPNAME=%s PGCONNECT_TIMEOUT=%d PGOPTIONS=%s' % (APPLICATION_NAME, max(1, int(timeout)),
                                                                  _quote('-c statement_timeout=%d' % int(timeout * 1000)))
    if ssh_auth == 'password':
        cmd = ('IFS= read -r PGPASSWORD; export PGPASSWORD; exec %s psql -h 127.0.0.1 -p %d -U %s %s 2>&1'
               % (env, int(spec['port']), _quote(spec.get('user') or 'postgres'), common))
        return cmd, (spec.get('password') or '') + '\n'
    cmd = '%s; exec "$@" %s psql %s 2>&1' % (_as_user(spec.get('os_user') or 'postgres'), env, common)
    return cmd, ''


def mysql_command(spec, ssh_auth, timeout):
    client = 'c=$(command -v mariadb || command -v mysql) || { echo "ERROR 2002 (HY000): no mysql client on the host"; exit 127; }'
    common = '-B --force --unbuffered --connect-timeout=%d --default-character-set=utf8mb4' % max(1, int(timeout))
    if ssh_auth == 'password':
        cmd = ('%s; IFS= read -r MYSQL_PWD; export MYSQL_PWD; exec "$c" --protocol=tcp -h 127.0.0.1 -P %d -u %s %s 2>&1'
               % (client, int(spec['port']), _quote(spec.get('user') or 'root'), common))
        return cmd, (spec.get('password') or '') + '\n'
    cmd = '%s; %s; exec "$@" "$c" --protocol=socket %s 2>&1' % (client, _as_user(spec.get('os_user') or 'root'), common)
    return cmd, ''


def ssh_collect(engine, spec, run, ssh_auth='socket', timeout=10):
    """Two round trips over the host's connection: SERVER, then the plan it implies.

    run(command, stdin_text) -> (rc, stdout text) executes on the database host.
    """
    started = time.monotonic()
    stats = {'connections': 0, 'queries': 0, 'round_trips': 0, 'seconds': 0.0}
    if engine == 'postgresql':
        queries, build, script, parse, failure = pg_queries, pg_command, pg_script, parse_psql, pg_failure
    else:
        queries, build, script, parse, failure = mysql_queries, mysql_command, mysql_script, parse_mysql, None
    command, prefix = build(spec, ssh_auth, timeout)
    results = {}
    for batch_no in (1, 2):
        batch = [queries.SERVER] if batch_no == 1 else queries.plan(records(results['server'])[0])
        _rc, out = run(command, prefix + script(batch))
        stats['round_trips'] += 1
        stats['connections'] += 1
        parsed, connect_error = parse(out, [name for name, _sql in batch])
        if connect_error:
            stats['seconds'] = round(time.monotonic() - started, 3)
            return results, stats, failure(connect_error) if failure else _mysql_text_failure(connect_error)
        results.update(parsed)
        stats['queries'] += len(batch)
        if batch_no == 1 and not records(results.get('server')):
            break
    stats['seconds'] = round(time.monotonic() - started, 3)
    return results, stats, None


def _mysql_text_failure(text):
    code = None
    if text.startswith('ERROR '):
        try:
            code = int(text.split()[1])
        except (IndexError, ValueError):
            code = None
    return mysql_failure(code, text)
