# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.postgresql_inspect and mysql_inspect (action plugins and doc modules)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str'},
    'transport': {'type': 'str', 'default': 'network', 'choices': ['network', 'ssh']},
    'ssh_auth': {'type': 'str', 'default': 'socket', 'choices': ['socket', 'password']},
    'os_user': {'type': 'str'},
    'host': {'type': 'str'},
    'port': {'type': 'int'},
    'user': {'type': 'str'},
    'password': {'type': 'str', 'no_log': True},
    'database': {'type': 'str'},
    'timeout': {'type': 'float', 'default': 10},
    'concurrency': {'type': 'int', 'default': 20},
    'thresholds': {'type': 'dict'},
    'options': {'type': 'dict', 'default': {}},
}
