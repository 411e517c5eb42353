# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which check inspects which inventory host, and why a host is not inspected.

One table, read by the `inspection` callback at run time (every host of the play's scope is
accounted for) and by `itops-report coverage -i INVENTORY` without sending a packet. It follows
the shipped inspection playbooks with their roles' default groups; tests/unit checks it against
the roles' defaults and the playbooks so the two cannot drift.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

# check name -> (groups whose hosts it inspects, device classes it is meant for, module actions whose results belong to it)
CHECKS = (
    ('linux', ('linux_servers',), ('linux_server',), ('linux_inspect', 'custom_checks')),
    ('postgresql', ('postgresql',), ('postgresql',), ('postgresql_inspect',)),
    ('mysql', ('mysql',), ('mysql',), ('mysql_inspect',)),
    ('bmc', ('bmcs',), ('bmc',), ('bmc_inspect',)),
    ('storage', ('oceanstor', 'storwize'), ('storage',), ('storage_inspect',)),
    ('snmp', ('snmp_devices',), ('switch', 'firewall', 'ups', 'precision_ac', 'env_sensor', 'storage'), ('snmp_inspect',)),
    ('middleware', ('middleware',), ('middleware',), ('tomcat_inspect', 'http_probe')),
    ('ntp', ('ntp_clocks',), ('ntp',), ('ntp_inspect',)),
    ('fleet', ('thin_clients', 'kiosks'), ('thin_client',), ('fleet_sweep', 'reachability')),
)
# Variables that make a host part of a check without a group.
CHECK_VARS = {'middleware': ('itops_http_probes',)}
# A variable a host of the check's groups must also define to be inspected by it.
CHECK_REQUIRES = {'middleware': 'itops_tomcat_url'}
# Groups of what runs on a host that no check inspects yet (the OS may be inspected, this part is not).
UNCHECKED_GROUPS = {
    'windows_servers': said('coverage.gap.windows', 'no check for device class windows_server'),
    'oracle': said('coverage.gap.oracle', 'no check for Oracle databases'),
    'mssql': said('coverage.gap.mssql', 'no check for SQL Server databases'),
    'weblogic': said('coverage.gap.weblogic', 'no check for WebLogic'),
    'nginx': said('coverage.gap.nginx', 'no check for nginx (declare itops_http_probes to probe it)'),
}
# A host with itops_inspect: false (the controller, a jump host) is not a device to inspect.
SKIP_VAR = 'itops_inspect'

REASON_NO_CLASS = said('coverage.no_class', 'no device class (set itops_device_class or put the host in a class group)')


def check_of_action(action):
    """The check a module's result belongs to (medops.itops.snmp_inspect -> snmp), or None."""
    short = str(action or '').rsplit('.', 1)[-1]
    for name, _groups, _classes, actions in CHECKS:
        if short in actions:
            return name
    return None


def _truthy_false(value):
    return value is False or str(value).strip().lower() in ('false', 'no', 'off', '0')


def host_checks(groups, variables=None):
    """The checks of the shipped playbooks that would inspect a host in these groups."""
    groups = set(groups or ())
    variables = variables or {}
    found = []
    for name, check_groups, _classes, _actions in CHECKS:
        required = CHECK_REQUIRES.get(name)
        in_group = groups.intersection(check_groups) and (required is None or variables.get(required) is not None)
        if in_group or any(variables.get(v) for v in CHECK_VARS.get(name, ())):
            found.append(name)
    return found


def uncovered_reason(device_class, groups, variables=None):
    """Why no check inspects this host (None when one does)."""
    if host_checks(groups, variables):
        return None
    if device_class is None:
        return REASON_NO_CLASS
    meant = [(name, check_groups) for name, check_groups, classes, _a in CHECKS if device_class in classes]
    if not meant:
        return said('coverage.no_check_for_class', 'no check for device class {device_class}', device_class=device_class)
    wanted = sorted(set(g for _n, check_groups in meant for g in check_groups))
    for name, check_groups in meant:
        if set(groups or ()).intersection(check_groups) and CHECK_REQUIRES.get(name):
            return said('coverage.variable_missing', 'in group {group} but {variable} is not set (the {check} check needs it)',
                        group=sorted(set(groups).intersection(check_groups))[0], variable=CHECK_REQUIRES[name], check=name)
    checks = '/'.join(n for n, _g in meant)
    if len(wanted) == 1:
        return said('coverage.not_in_group', 'not in group {group} (the {check} check reads that group)', group=wanted[0], check=checks)
    return said('coverage.not_in_groups', 'not in group {groups} (the {check} check reads those groups)',
                groups=' or '.join(wanted), check=checks)


def gaps(groups, variables=None):
    """[(group, reason)] of the parts of a host no check inspects (its Oracle database, its WebLogic)."""
    variables = variables or {}
    found = []
    for group in sorted(set(groups or ()).intersection(UNCHECKED_GROUPS)):
        if group == 'nginx' and variables.get('itops_http_probes'):
            continue
        found.append((group, UNCHECKED_GROUPS[group]))
    return found


def is_skipped(variables):
    return _truthy_false((variables or {}).get(SKIP_VAR, True))


def host_coverage(groups, variables, class_of):
    """{device_class, checks, reason, gaps} of one host, or None for a host with itops_inspect: false.

    `reason` says why no check reads the host (None when one does); `gaps` are the (group, reason)
    parts of it no check reads. The callback and coverage_table() both read this.
    """
    if is_skipped(variables):
        return None
    device_class = class_of(variables, groups)
    return {'device_class': device_class, 'checks': host_checks(groups, variables),
            'reason': uncovered_reason(device_class, groups, variables), 'gaps': gaps(groups, variables)}


def no_result_reason(checks):
    """Why a host that checks do cover was not inspected in a run: they returned nothing for it."""
    return said('coverage.no_result', 'the {checks} check returned nothing for this host (skipped, not part of this playbook, or interrupted)',
                checks='/'.join(checks))


def coverage_table(hosts, class_of):
    """Rows {target, device_class, checks, reason, gaps} for {name: (groups, variables)}, sorted by name.

    class_of(variables, groups) gives the device class (record.device_class_of). Hosts with
    itops_inspect: false are left out; gaps are listed only for hosts a check reads.
    """
    rows = []
    for name in sorted(hosts):
        row = host_coverage(hosts[name][0], hosts[name][1], class_of)
        if row is not None:
            row['gaps'] = [] if row['reason'] else [text for _g, text in row['gaps']]
            rows.append(dict(row, target=name))
    return rows
