# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspect MariaDB / MySQL servers (see the module doc): the PostgreSQL action with the mysql engine."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.action.postgresql_inspect import ActionModule as PostgresqlInspect


class ActionModule(PostgresqlInspect):
    ENGINE = 'mysql'
