# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Memory use from HOST-RESOURCES-MIB hrStorageTable (kind host_memory): being written (issue 11)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def build(spec, snap, ctx, metrics):
    """[items] for one host_memory item spec."""
    raise NotImplementedError('host_memory is being written')
