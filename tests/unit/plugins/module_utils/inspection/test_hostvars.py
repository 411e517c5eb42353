# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Host variables read by controller-side actions are rendered only where they hold templates."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar


class Templar(object):
    """Renders '{{ name }}' from a dict, recursively, and counts its calls."""

    def __init__(self, variables):
        self.variables, self.calls = variables, 0

    def template(self, value):
        self.calls += 1
        if isinstance(value, dict):
            return dict((k, self.template(v)) for k, v in value.items())
        if isinstance(value, list):
            return [self.template(v) for v in value]
        if isinstance(value, str) and value.startswith('{{'):
            return self.variables[value.strip('{} ')]
        return value


def test_hostvar_renders_templates_nested_and_leaves_plain_values():
    templar = Templar({'vault_bmc_password': 's3cret', 'pool_warn': 80})
    hv = {'password': '{{ vault_bmc_password }}', 'port': 623, 'user': 'itops',
          'itops_thresholds': {'storage.pool.used_pct': {'warning': '{{ pool_warn }}'}}}
    assert hostvar(hv, 'password', templar) == 's3cret'
    assert hostvar(hv, 'itops_thresholds', templar) == {'storage.pool.used_pct': {'warning': 80}}
    calls = templar.calls
    assert hostvar(hv, 'port', templar) == 623 and hostvar(hv, 'user', templar) == 'itops'
    assert templar.calls == calls          # plain values are not sent through the templar
    assert hostvar(hv, 'missing', templar) is None
    assert hostvar(hv, 'password') == '{{ vault_bmc_password }}'
