# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One database server's inspection: collect (network or ssh), then checks -> inspection envelope."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.db import collect, mysql_checks, pg_checks
from ansible_collections.medops.itops.plugins.module_utils.db.common import DEFAULT_OPTIONS
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout, validate

ENGINES = {
    'postgresql': {'prefix': 'pg', 'checks': pg_checks, 'network': collect.pg_network, 'port': 5432, 'name': 'PostgreSQL'},
    'mysql': {'prefix': 'mysql', 'checks': mysql_checks, 'network': collect.mysql_network, 'port': 3306, 'name': 'MariaDB/MySQL'},
}
HOSTVARS = {'address': 'itops_db_host', 'port': 'itops_db_port', 'user': 'itops_db_user',
            'password': 'itops_db_password', 'database': 'itops_db_name', 'os_user': 'itops_db_os_user'}


def check_options(options):
    """The user's `options` with unknown keys refused (ValueError names them)."""
    unknown = sorted(set(options or {}) - set(DEFAULT_OPTIONS))
    if unknown:
        raise ValueError('unknown options: %s (known: %s)' % (', '.join(unknown), ', '.join(sorted(DEFAULT_OPTIONS))))
    return dict(options or {})


def spec_for(target, hostvars, args, engine, templar=None):
    """Address, port and credentials of one target: task arguments first, then the host's itops_db_* vars.

    Raises validate.ConfigError (host, variable and value) for an unusable address, port, user or
    database; wrong settings (thresholds, impact) are dropped and named in spec['warnings'].
    """
    def value(name):
        return hostvar(hostvars, name, templar)
    spec = {'target': target}
    for key, var in HOSTVARS.items():
        arg = args.get('host' if key == 'address' else key)
        spec[key] = arg if arg is not None else value(var)
    var_of = dict((key, var if args.get('host' if key == 'address' else key) is None else key) for key, var in HOSTVARS.items())
    if spec['address']:
        spec['address'] = validate.address(target, var_of['address'], spec['address'])
    else:
        spec['address'] = validate.address(target, 'ansible_host', value('ansible_host') or target)
    spec['port'] = validate.port(target, var_of['port'], spec['port'], ENGINES[engine]['port'])
    spec['user'] = validate.name(target, var_of['user'], spec['user'])
    spec['database'] = validate.name(target, var_of['database'], spec['database'])
    spec['os_user'] = validate.name(target, var_of['os_user'], spec['os_user'])
    host_settings, spec['warnings'] = validate.settings(target, hostvars, templar)
    spec['thresholds'] = host_settings['thresholds']
    return spec


def not_inspected(engine, target, error):
    """The inspection of a server whose connection variables are unusable (validate.ConfigError)."""
    return validate.not_inspected(target, engine, engine, '%s: %s' % (ENGINES[engine]['name'], error))


DETAIL_MAX = 400


def failure_detail(name, down, text):
    """The reach detail of a server no query ran on: the driver's or client's words quoted, ours said (<= DETAIL_MAX)."""
    ours = getattr(text, 'detail_id', None)
    if ours == 'db.client.no_library' and not down:
        return said('db.reach.no_library', '{engine} refused the inspection login: the Python library {library} is not installed on the controller',
                    engine=name, library=text.params['library'])
    if ours == 'db.client.no_output' and not down:
        return said('db.reach.no_output', '{engine} refused the inspection login: no output from {client}', engine=name, client=text.params['client'])
    if down:
        return _within(lambda error: said('db.reach.down', '{engine} does not answer: {error!q}', engine=name, error=error), str(text))
    return _within(lambda error: said('db.reach.refused', '{engine} refused the inspection login: {error!q}', engine=name, error=error),
                   str(text))


def _within(build, text):
    """build(text), with text cut so that the detail keeps to DETAIL_MAX characters."""
    detail = build(text)
    if len(detail) > DETAIL_MAX:
        detail = build(text[:max(0, len(text) - (len(detail) - DETAIL_MAX))])
    return detail


def assemble(engine, spec, results, stats, failure, transport, options=None, overrides=None, today=None):
    """The inspection of one server from what collect returned."""
    eng = ENGINES[engine]
    where = '%s:%s' % (spec['address'], spec['port']) if transport == 'network' else '%s (local client)' % spec['target']
    if failure is not None:
        down = bool(failure.get('down'))
        item = make_item('%s.reach' % eng['prefix'], subject=where, status='critical', fault=down,
                         detail=failure_detail(eng['name'], down, failure.get('detail')))
        return make_inspection(spec['target'], engine, [item])
    if overrides is None:
        overrides = spec.get('thresholds')
    items, facts, metrics = eng['checks'].build(results, options, overrides, today=today)
    reach = make_item('%s.reach' % eng['prefix'], subject=where, value=round(stats.get('seconds') or 0, 3), unit='s', status='ok',
                      detail=said('db.reach.ok', '{connections:d} connection(s), {queries:d} queries over {transport!w}',
                                  connections=int(stats.get('connections', 0)), queries=int(stats.get('queries', 0)), transport=transport))
    facts['transport'] = transport
    return make_inspection(spec['target'], engine, [reach] + items, facts=facts, metrics=metrics)


def inspect_network(engine, specs, timeout, concurrency, options=None, overrides=None):
    """[(inspection, stats)] for specs, concurrently, one connection per server.

    A server whose collection raises is that server's critical reach item (not a fault: we do not
    know it is down); the other servers of the task are inspected all the same.
    """
    def one(spec):
        results, stats, failure = ENGINES[engine]['network'](spec, timeout)
        return assemble(engine, spec, results, stats, failure, 'network', options, overrides), stats

    def crashed(spec, exc):
        eng = ENGINES[engine]
        detail = _within(lambda error: said('db.reach.crashed', '{engine} inspection failed: {error!q}', engine=eng['name'], error=error),
                         fanout.describe(exc))
        item = make_item('%s.reach' % eng['prefix'], subject='%s:%s' % (spec['address'], spec['port']), status='critical', fault=False,
                         detail=detail)
        return make_inspection(spec['target'], engine, [item]), {'connections': 0, 'queries': 0, 'seconds': 0}
    return fanout.run_threads(specs, one, concurrency, crashed)


def inspect_ssh(engine, spec, run, ssh_auth, timeout, options=None, overrides=None):
    results, stats, failure = collect.ssh_collect(engine, spec, run, ssh_auth=ssh_auth, timeout=timeout)
    return assemble(engine, spec, results, stats, failure, 'ssh', options, overrides), stats
