#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: mysql_inspect
short_description: Inspect MariaDB/MySQL servers' health, from the controller or through the host's own client
version_added: 0.1.0
description:
  - "Checks version and support, uptime, connections against max_connections, aborted connects and slow queries per hour, the InnoDB buffer pool hit
    ratio, replication threads and lag (each replication connection), table fragmentation, binary log space, the top statement digests
    (performance_schema), and schema and largest-table sizes as metrics; MariaDB 10.3+, MySQL 5.7 and 8.0 and returns one inspection per server (see
    docs/inspection-item.md); item ids start with C(mysql.)."
  - "O(transport=network): on the controller, ONE PyMySQL connection per server and a bounded list of
    queries (about 7), the servers of O(targets) concurrently."
  - "O(transport=ssh): for servers whose database port is closed to the controller; the task's host runs
    its own C(mysql) client through the host's Ansible connection (two round trips: the version first, then the
    queries it implies). With O(ssh_auth=socket) the client runs as the database's OS account and logs in over
    the local socket (as root with unix_socket authentication); with O(ssh_auth=password) it logs in as the monitoring user over TCP to
    127.0.0.1 and the password travels on the connection's stdin, never on a command line."
  - A server that does not answer becomes a C(mysql.reach) item C(critical) marked as a fault (an outage, graded
    by the host's C(itops_impact)); a refused login becomes C(critical) without the fault mark. A failing query
    becomes an C(unknown) item with the reason. One broken server never aborts the task.
  - Thresholds come from the collection defaults (docs/thresholds.md), overridden by O(thresholds) or the host's
    C(itops_thresholds).
options:
  targets:
    description:
      - Inventory host names to inspect over the network, for example C("{{ groups['mysql'] }}"); the task then
        usually runs on C(localhost). Without it the task's own host is inspected.
      - "Variables read per host: C(itops_db_host) (else C(ansible_host)), C(itops_db_port), C(itops_db_user),
        C(itops_db_password), C(itops_db_os_user) (O(transport=ssh) with O(ssh_auth=socket))."
    type: list
    elements: str
  os_user:
    description: OS account the client runs as with O(ssh_auth=socket) (default C(root)); overrides C(itops_db_os_user).
    type: str
  port:
    description: Port (overrides C(itops_db_port)); defaults to 3306.
    type: int
  database:
    description: Unused by MariaDB/MySQL (every schema is checked); accepted for a shared argument spec.
    type: str
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - medops.itops.database
attributes:
  check_mode:
    support: full
    details: Read-only; only SELECT and SHOW statements run.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
    details: Runs on the controller; with O(transport=ssh) the host needs a POSIX shell and the C(mysql) client.
author:
  - medops.itops developers (@medops)
"""

EXAMPLES = r"""
- name: Inspect every MariaDB/MySQL server from the controller
  medops.itops.mysql_inspect:
    targets: "{{ groups['mysql'] }}"
  run_once: true
  delegate_to: localhost

- name: Inspect through the host's own client where only SSH is open
  medops.itops.mysql_inspect:
    transport: ssh
  become: true
"""

RETURN = r"""
inspections:
  description: One inspection per target with O(transport=network), in the order of O(targets).
  returned: when transport is network
  type: list
  elements: dict
  sample:
    - target: my-db-01
      device_class: mysql
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {version: "10.11.18-MariaDB-0+deb12u1-log", transport: network}
      metrics: {"db.lis.size_bytes": 32718183}
      items:
        - {id: mysql.reach, subject: "10.77.0.22:3306", value: 0.1, unit: s, status: ok}
        - {id: mysql.connections.used_pct, subject: server, value: 2.0, unit: "%", status: ok}
inspection:
  description: The inspection of the task's host with O(transport=ssh).
  returned: when transport is ssh
  type: dict
  sample:
    target: my-db-01
    device_class: mysql
    items:
      - {id: mysql.reach, subject: "my-db-01 (local client)", value: 0.4, unit: s, status: ok}
stats:
  description: Connections, queries, round trips and seconds spent per server (keyed by target with O(transport=network)).
  returned: always
  type: dict
  sample: {my-db-01: {connections: 1, queries: 7, round_trips: 7, seconds: 0.1}}
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.db.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.mysql_inspect runs as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
