# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument spec of medops.itops.custom_checks, shared by the action and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ARGUMENT_SPEC = {
    'checks': {'type': 'list', 'elements': 'raw', 'required': True},
    'connections': {'type': 'dict', 'no_log': True},
    'device_class': {'type': 'str'},
    'thresholds': {'type': 'dict'},
    'concurrency': {'type': 'int', 'default': 8},
}
