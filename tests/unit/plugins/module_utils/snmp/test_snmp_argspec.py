# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared argument spec matches the doc module's options, and the poller's defaults."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import yaml

from ansible_collections.medops.itops.plugins.module_utils.snmp.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.snmp.inspect import DEFAULT_OPTIONS
from ansible_collections.medops.itops.plugins.modules import snmp_inspect


def test_argspec_matches_documentation():
    options = yaml.safe_load(snmp_inspect.DOCUMENTATION)['options']
    assert sorted(options) == sorted(ARGUMENT_SPEC)
    for name, spec in ARGUMENT_SPEC.items():
        assert options[name]['type'] == spec['type'], name
        assert options[name].get('default') == spec.get('default'), name
        if name in DEFAULT_OPTIONS and spec.get('default') is not None:
            assert DEFAULT_OPTIONS[name] == spec['default'], name
