#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: bmc_inspect
short_description: Inspect server hardware health through BMCs (Redfish, or IPMI for older BMCs), in one controller-side task
version_added: 0.1.0
description:
  - Inspects every BMC in O(targets) concurrently from the controller and returns one inspection per BMC.
  - Redfish (default) reads the service root, each ComputerSystem (Status, model, serial, BIOS, Storage drives),
    each Chassis Power (PowerSupplies) and Thermal (Fans, Temperatures with their thresholds), and each Manager
    (FirmwareVersion, LogServices entries of Severity Critical), with HTTP basic authentication.
    community.general.redfish_info is not used because it is a module run once per BMC returning raw documents,
    while one controller-side task serving all BMCs needs a library.
  - IPMI (C(itops_bmc_protocol=ipmi), for iLO 3 and older iDRAC / iBMC firmware) runs C(ipmitool -I lanplus)
    C(sdr elist), C(sel elist) and C(fru print 0) on the controller; the password is passed in the environment.
  - "Items: C(bmc.reach), C(bmc.health), C(bmc.psu.state), C(bmc.fan.state), C(bmc.temperature.c) (the BMC's own
    sensor thresholds unless C(itops_thresholds) sets them), C(bmc.drive.state), C(bmc.log.critical).
    Facts for the ledger: manufacturer, model, serial, bios, firmware."
  - A BMC that does not answer is a critical C(bmc.reach) fault; refused credentials are critical without the fault
    mark. One broken BMC never aborts the task.
options:
  targets:
    description:
      - Inventory host names of BMCs, for example C("{{ groups['bmcs'] }}").
      - "Variables read per host: C(ansible_host), C(itops_bmc_protocol) (C(redfish) or C(ipmi)), C(itops_bmc_port)
        (Redfish, 443), C(itops_ipmi_port) (IPMI, 623), C(itops_bmc_user), C(itops_bmc_password),
        C(itops_bmc_validate_certs), C(itops_thresholds)."
    type: list
    elements: str
    required: true
  timeout:
    description: Seconds to wait for each request.
    type: float
    default: 10
  concurrency:
    description: BMCs inspected at the same time.
    type: int
    default: 16
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; runs the same in check mode.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
requirements:
  - ipmitool on the controller, for IPMI BMCs only
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Inspect every BMC from the controller
  medops.itops.bmc_inspect:
    targets: "{{ groups['bmcs'] }}"
'''

RETURN = r'''
inspections:
  description: One inspection per target, see docs/inspection-item.md.
  returned: always
  type: list
  elements: dict
  sample: [{target: bmc-his-01, device_class: bmc, facts: {model: 2288H V5, firmware: "3.63"}, metrics: {}, items: []}]
total:
  description: Number of inspections returned.
  returned: always
  type: int
  sample: 3
answered:
  description: BMCs that answered with the credentials given.
  returned: always
  type: int
  sample: 3
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.medops.itops.plugins.module_utils.bmc.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.bmc_inspect runs on the controller as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
