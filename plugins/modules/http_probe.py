#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: http_probe
short_description: Probe HTTP(S) and TCP services of many hosts concurrently (status, latency, content, TLS expiry)
version_added: 0.1.0
description:
  - Runs the probes each target declares in C(itops_http_probes) (plus I(probes), for every target) from the
    controller, all concurrently, and returns one inspection per target that has probes.
  - "An HTTP(S) probe gives C(http.status) (critical when not the expected code; a fault when nothing answers or
    a 5xx comes back), C(http.latency_ms), C(http.content) (when C(content) or C(jmespath) is set) and, for HTTPS,
    C(tls.days_left) of the peer certificate (one per host:port), read even when verification is off.
    A TCP probe gives C(tcp.connect) (a fault when refused)."
  - "Probe keys: C(name) (the item subject), C(url) or C(tcp) (C(host:port)), C(status) (accepted codes, default
    200-399), C(content) (regular expression), C(jmespath) and C(equals) (over a JSON body), C(timeout),
    C(validate_certs) (default true), C(ca_path), C(user), C(password). An unknown key fails the task with a message
    naming the host and the probe."
  - This is an action plugin; it runs on the controller.
options:
  targets:
    description: Inventory host names; those without C(itops_http_probes) and without I(probes) are skipped.
    type: list
    elements: str
    required: true
  probes:
    description: Probes added to every target's own C(itops_http_probes).
    type: list
    elements: dict
  concurrency:
    description: Probes running at the same time.
    type: int
    default: 20
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; it sends GET requests and TCP connects only.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
    details: Runs on the controller only.
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Probe the services every host declares
  medops.itops.http_probe:
    targets: "{{ groups['all'] }}"
  run_once: true

# host_vars/mw-app-01.yml
# itops_http_probes:
#   - {name: his-web, url: "https://10.77.0.31/app/", content: '"status":"UP"'}
#   - {name: his-db, tcp: "10.77.0.21:5432"}
'''

RETURN = r'''
inspections:
  description: One inspection per target with probes.
  returned: always
  type: list
  elements: dict
  sample:
    - target: mw-app-01
      device_class: middleware
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {}
      metrics: {http.latency_ms.his-web: 9.3}
      items:
        - {id: http.status, subject: his-web, value: 200, status: ok, detail: HTTP 200 in 9.3 ms}
        - {id: tls.days_left, subject: "10.77.0.31:443", value: 10.0, unit: d, status: warning}
total:
  description: How many inspections were returned.
  returned: always
  type: int
  sample: 1
probes:
  description: How many probes ran.
  returned: always
  type: int
  sample: 3
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import HTTP_PROBE_ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=HTTP_PROBE_ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.http_probe runs on the controller as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
