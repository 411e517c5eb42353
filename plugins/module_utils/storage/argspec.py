# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.storage_inspect, shared by the action plugin and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

VENDORS = ['oceanstor', 'storwize']

ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str'},
    'timeout': {'type': 'float', 'default': 10},
    'concurrency': {'type': 'int', 'default': 16},
}
