# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Host variables as controller-side action plugins read them for many targets at once."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def hostvar(hostvars, name, templar=None):
    """The variable `name` of one host, rendered with `templar`.

    An action plugin reads other hosts' variables from task_vars['hostvars'], where they are still
    raw: a vaulted or templated password (`"{{ vault_bmc_password }}"`) must be rendered first.
    """
    value = hostvars.get(name)
    if templar is None:
        return value
    if (isinstance(value, str) and '{{' in value) or isinstance(value, (list, dict)):
        return templar.template(value)
    return value
