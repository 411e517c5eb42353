# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.bmc_inspect, shared by the action plugin and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

PROTOCOLS = ['redfish', 'ipmi']

ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str', 'required': True},
    'timeout': {'type': 'float', 'default': 10},
    'concurrency': {'type': 'int', 'default': 16},
}
