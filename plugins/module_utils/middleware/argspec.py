# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument specs of medops.itops.tomcat_inspect and http_probe, shared by the actions and their doc modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

TOMCAT_ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str', 'required': True},
    'timeout': {'type': 'float', 'default': 10},
    'sample_seconds': {'type': 'float', 'default': 0},
    'min_requests': {'type': 'int', 'default': 20},
    'jdbc': {'type': 'bool', 'default': True},
    'concurrency': {'type': 'int', 'default': 20},
}

HTTP_PROBE_ARGUMENT_SPEC = {
    'targets': {'type': 'list', 'elements': 'str', 'required': True},
    'probes': {'type': 'list', 'elements': 'dict'},
    'concurrency': {'type': 'int', 'default': 20},
}
