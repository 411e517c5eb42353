# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.fleet_sweep, shared by the action plugin and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ARGUMENT_SPEC = {
    'fleet': {'type': 'list', 'elements': 'dict', 'required': True},
    'method': {'type': 'str', 'default': 'tcp', 'choices': ['tcp', 'icmp']},
    'port': {'type': 'int', 'default': 22},
    'timeout': {'type': 'float', 'default': 1.0},
    'concurrency': {'type': 'int', 'default': 256},
    'max_listed': {'type': 'int', 'default': 50},
    'history': {'type': 'str'},
    'thresholds': {'type': 'dict', 'default': {}},
}
