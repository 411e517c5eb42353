# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of medops.itops.manual_items, shared by the action plugin and its doc module."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

ARGUMENT_SPEC = {
    'form': {'type': 'path', 'required': True},
    'checks': {'type': 'path'},
    'inventory_only': {'type': 'bool', 'default': True},
}
