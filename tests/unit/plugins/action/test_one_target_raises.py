# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every many-target action: one target's collector raises, the other targets are still inspected.

The per-target function of each action is wrapped to raise for one target name only; the real
collector runs for the others (against closed loopback ports or local servers). Under test are
the fan-out (module_utils/inspection/fanout.py) and each action's assembly, not the devices.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import socket

from unittest.mock import MagicMock

from ansible.playbook.play_context import PlayContext

BOOM = 'planted failure of one target'


def closed_port():
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def make_action(name, args):
    """A real ActionModule of plugins/action/<name>.py; task, connection and templar are stand-ins."""
    module = importlib.import_module('ansible_collections.medops.itops.plugins.action.%s' % name)
    task = MagicMock()
    task.args = dict(args)
    task.async_val = 0
    task.check_mode = False
    task.environment = None
    connection = MagicMock()
    connection._shell.tmpdir = None
    action = module.ActionModule(task, connection, PlayContext(), loader=MagicMock(), templar=MagicMock(), shared_loader_obj=None)
    action._templar.template.side_effect = lambda value, **kw: value
    return action


def raising_for(victim, original, key='target'):
    """original(spec, ...) except that it raises for the spec whose `key` is victim."""
    def wrapped(spec, *args, **kwargs):
        if spec[key] == victim:
            raise RuntimeError(BOOM)
        return original(spec, *args, **kwargs)
    return wrapped


def by_target(result):
    return dict((i['target'], i) for i in result['inspections'])


def assert_isolated(result, victim, others):
    """The victim is a finding naming the exception; every other target came back from its collector."""
    assert not result.get('failed'), result.get('msg')
    found = by_target(result)
    assert sorted(found) == sorted([victim] + list(others))
    first = found[victim]['items'][0]
    assert first['status'] in ('critical', 'unknown') and BOOM in first['detail'] and 'RuntimeError' in first['detail']
    for name in others:
        assert found[name]['items'] and BOOM not in found[name]['items'][0]['detail']


# ---- databases ------------------------------------------------------------------------------

def _db_hostvars(names):
    port = closed_port()
    return dict((n, {'itops_db_host': '127.0.0.1', 'itops_db_port': port, 'itops_db_user': 'itops',
                     'itops_db_password': 'x', 'itops_db_name': 'postgres'}) for n in names)


def _db_case(monkeypatch, action_name, engine):
    from ansible_collections.medops.itops.plugins.module_utils.db import inspect as db_inspect
    monkeypatch.setitem(db_inspect.ENGINES[engine], 'network', raising_for('db-b', db_inspect.ENGINES[engine]['network']))
    hostvars = _db_hostvars(['db-a', 'db-b', 'db-c'])
    action = make_action(action_name, {'targets': ['db-a', 'db-b', 'db-c'], 'timeout': 2, 'concurrency': 2})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'db-b', ['db-a', 'db-c'])
    for name in ('db-a', 'db-c'):
        assert 'does not answer' in by_target(result)[name]['items'][0]['detail']


def test_postgresql_inspect_one_server_raises(monkeypatch):
    _db_case(monkeypatch, 'postgresql_inspect', 'postgresql')


def test_mysql_inspect_one_server_raises(monkeypatch):
    _db_case(monkeypatch, 'mysql_inspect', 'mysql')


# ---- middleware -----------------------------------------------------------------------------

def test_tomcat_inspect_one_server_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.action import tomcat_inspect
    from ansible_collections.medops.itops.plugins.module_utils.middleware import inspect as mw_inspect
    wrapped = raising_for('tc-b', mw_inspect.inspect_tomcat)
    monkeypatch.setattr(mw_inspect, 'inspect_tomcat', wrapped)
    if hasattr(tomcat_inspect, 'inspect_tomcat'):
        monkeypatch.setattr(tomcat_inspect, 'inspect_tomcat', wrapped)
    port = closed_port()
    hostvars = dict((n, {'itops_tomcat_url': 'http://127.0.0.1:%d' % port, 'itops_tomcat_user': 'mon'}) for n in ('tc-a', 'tc-b', 'tc-c'))
    action = make_action('tomcat_inspect', {'targets': ['tc-a', 'tc-b', 'tc-c'], 'timeout': 2, 'concurrency': 2})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'tc-b', ['tc-a', 'tc-c'])
    assert by_target(result)['tc-a']['items'][0]['id'] == 'tomcat.reach'
    assert result['total'] == 3
