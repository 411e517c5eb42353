# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.reachability, shared by the action plugin and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

PROTOCOLS = ['ssh', 'tcp', 'postgresql', 'mysql', 'snmp', 'redfish', 'ipmi']

ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str', 'required': True},
    'protocol': {'type': 'str', 'required': True, 'choices': PROTOCOLS},
    'port': {'type': 'int'},
    'device_class': {'type': 'str'},
    'timeout': {'type': 'float', 'default': 5},
    'retries': {'type': 'int', 'default': 1},
    'concurrency': {'type': 'int', 'default': 50},
}
