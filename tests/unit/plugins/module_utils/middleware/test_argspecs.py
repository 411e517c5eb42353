# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared argument specs of tomcat_inspect, http_probe and custom_checks match their doc modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible_collections.medops.itops.plugins.module_utils.custom.argspec import ARGUMENT_SPEC as CUSTOM_SPEC
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import HTTP_PROBE_ARGUMENT_SPEC, TOMCAT_ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.modules import custom_checks, http_probe, tomcat_inspect


@pytest.mark.parametrize('module,spec', [(tomcat_inspect, TOMCAT_ARGUMENT_SPEC), (http_probe, HTTP_PROBE_ARGUMENT_SPEC),
                                         (custom_checks, CUSTOM_SPEC)])
def test_argspec_matches_documentation(module, spec):
    options = yaml.safe_load(module.DOCUMENTATION)['options']
    assert sorted(options) == sorted(spec)
    for name, arg in spec.items():
        assert options[name]['type'] == arg['type'], name
        assert options[name].get('default') == arg.get('default'), name
        assert options[name].get('elements') == arg.get('elements'), name
        assert bool(options[name].get('required')) == bool(arg.get('required')), name
