#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
---
module: postgresql_inspect
short_description: Inspect PostgreSQL servers' health, from the controller or through the host's own client
version_added: 0.1.0
description:
  - "Checks version and support, uptime, connections against max_connections, transaction-ID age (wraparound), replication state and lag (primary: each
    WAL sender and replication slot; standby: the WAL receiver), long-running and idle-in-transaction sessions, cache hit ratio, dead rows and last
    (auto)vacuum, a bloat estimate, unused and duplicate indexes, the top statements by total time (pg_stat_statements when installed), waiting locks,
    requested checkpoints, and database and largest-table sizes as metrics and returns one inspection per server (see docs/inspection-item.md); item ids
    start with C(pg.)."
  - "O(transport=network): on the controller, ONE psycopg connection per server and a bounded list of
    queries (about 15), the servers of O(targets) concurrently."
  - "O(transport=ssh): for servers whose database port is closed to the controller; the task's host runs
    its own C(psql) client through the host's Ansible connection (two round trips: the version first, then the
    queries it implies). With O(ssh_auth=socket) the client runs as the database's OS account and logs in over
    the local socket (peer authentication as C(postgres), via C(runuser) as root or C(sudo -n -u postgres)); with O(ssh_auth=password) it logs in as
      the monitoring user over TCP to
    127.0.0.1 and the password travels on the connection's stdin, never on a command line."
  - A server that does not answer becomes a C(pg.reach) item C(critical) marked as a fault (an outage, graded
    by the host's C(itops_impact)); a refused login becomes C(critical) without the fault mark. A failing query
    becomes an C(unknown) item with the reason. One broken server never aborts the task.
  - Thresholds come from the collection defaults (docs/thresholds.md), overridden by O(thresholds) or the host's
    C(itops_thresholds).
options:
  targets:
    description:
      - Inventory host names to inspect over the network, for example C("{{ groups['postgresql'] }}"); the task then
        usually runs on C(localhost). Without it the task's own host is inspected.
      - "Variables read per host: C(itops_db_host) (else C(ansible_host)), C(itops_db_port), C(itops_db_user),
        C(itops_db_password), C(itops_db_name) (the database whose tables are checked; default C(postgres)), C(itops_db_os_user) (O(transport=ssh)
          with O(ssh_auth=socket))."
    type: list
    elements: str
  os_user:
    description: OS account the client runs as with O(ssh_auth=socket) (default C(postgres)); overrides C(itops_db_os_user).
    type: str
  port:
    description: Port (overrides C(itops_db_port)); defaults to 5432.
    type: int
  database:
    description: Database to connect to; its tables are the ones checked for dead rows, bloat and indexes (overrides C(itops_db_name)).
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
    details: Runs on the controller; with O(transport=ssh) the host needs a POSIX shell and the C(psql) client.
author:
  - medops.itops developers (@medops)
"""

EXAMPLES = r"""
- name: Inspect every PostgreSQL server from the controller
  medops.itops.postgresql_inspect:
    targets: "{{ groups['postgresql'] }}"
  run_once: true
  delegate_to: localhost

- name: Inspect through the host's own client where only SSH is open
  medops.itops.postgresql_inspect:
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
    - target: pg-db-01
      device_class: postgresql
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {version: "15.18", transport: network}
      metrics: {"db.his.size_bytes": 32718183}
      items:
        - {id: pg.reach, subject: "10.77.0.21:5432", value: 0.1, unit: s, status: ok}
        - {id: pg.connections.used_pct, subject: server, value: 2.0, unit: "%", status: ok}
inspection:
  description: The inspection of the task's host with O(transport=ssh).
  returned: when transport is ssh
  type: dict
  sample:
    target: pg-db-01
    device_class: postgresql
    items:
      - {id: pg.reach, subject: "pg-db-01 (local client)", value: 0.4, unit: s, status: ok}
stats:
  description: Connections, queries, round trips and seconds spent per server (keyed by target with O(transport=network)).
  returned: always
  type: dict
  sample: {pg-db-01: {connections: 1, queries: 15, round_trips: 15, seconds: 0.1}}
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.db.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.postgresql_inspect runs as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
