# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options shared by postgresql_inspect and mysql_inspect (one argument spec: module_utils/db/argspec.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
options:
  transport:
    description: How the queries reach the server (see the description).
    type: str
    choices: [network, ssh]
    default: network
  ssh_auth:
    description: How the host's client logs in with O(transport=ssh).
    type: str
    choices: [socket, password]
    default: socket
  host:
    description: Address to connect to (overrides C(itops_db_host) of every target).
    type: str
  user:
    description: Login (overrides C(itops_db_user)).
    type: str
  password:
    description: Password of O(user) (overrides C(itops_db_password)).
    type: str
  timeout:
    description: Seconds for the connection and for each statement.
    type: float
    default: 10
  concurrency:
    description: Servers inspected at the same time with O(transport=network).
    type: int
    default: 20
  thresholds:
    description: Threshold overrides keyed by item id or C(id@subject); defaults to the host's C(itops_thresholds).
    type: dict
  options:
    description:
      - What the checks count (not thresholds), as a dict; keys C(long_running_s) (300), C(idle_in_transaction_s) (60),
        C(lock_wait_s) (30), C(min_table_rows) (1000), C(table_min_bytes) (8 MiB), C(fragmentation_min_free_bytes)
        (16 MiB), C(unused_index_min_bytes) (8 MiB), C(cache_min_blocks) (10000), C(checkpoints_min) (10),
        C(top_statements) (5).
    type: dict
    default: {}
"""
