# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.snmp_inspect, shared by the action plugin and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str', 'required': True},
    'profile': {'type': 'str'},
    'profile_dirs': {'type': 'list', 'elements': 'path', 'default': []},
    'fallback_profile': {'type': 'str', 'default': 'generic_snmp'},
    'timeout': {'type': 'float', 'default': 5},
    'retries': {'type': 'int', 'default': 1},
    'concurrency': {'type': 'int', 'default': 64},
    'per_device': {'type': 'int', 'default': 4},
    'max_repetitions': {'type': 'int', 'default': 25},
    'samples': {'type': 'int', 'default': 2, 'choices': [1, 2]},
    'sample_interval': {'type': 'float', 'default': 5},
    'device_timeout': {'type': 'float', 'default': 120},
    'state_file': {'type': 'path'},
}
