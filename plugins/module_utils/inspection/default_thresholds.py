# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Default thresholds of every numeric item, each with where the number comes from.

Override any of them with `itops_thresholds` in group or host vars, by item id or `id@subject`:

    itops_thresholds:
      linux.fs.used_pct: {warning: 85, critical: 95}
      "linux.fs.used_pct@/oradata": {warning: 90, critical: 97}

`direction: below` means lower is worse (free space, days left, hit ratios).
docs/thresholds.md is generated from this file (tools/gen_docs.py) and a test keeps it in sync.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DEFAULTS = {
    # Linux servers
    'linux.fs.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix "Linux by Zabbix agent" template vfs.fs used space warning/critical (80/90 %)'},
    'linux.fs.inodes_used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix Linux template inode thresholds (free inodes below 20 % / 10 %)'},
    'linux.cpu.util_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix Linux template high CPU utilization (90 %); 80 % is the common early warning'},
    'linux.load.per_core': {
        'warning': 1.5, 'critical': 3.0,
        'source': 'Zabbix Linux template load average per CPU (1.5); 3.0 for sustained overload'},
    'linux.mem.used_pct': {
        'warning': 85, 'critical': 95,
        'source': 'Zabbix Linux template "lack of available memory" (available below 10 %) with an earlier warning'},
    'linux.swap.used_pct': {
        'warning': 50, 'critical': 80,
        'source': 'Zabbix Linux template high swap usage (free swap below 50 %)'},
    'linux.nic.errors': {
        'warning': 1, 'critical': 1000,
        'source': 'Any interface error counter increment is worth a look; Cisco/Huawei field guidance'},
    'linux.time.offset_ms': {
        'warning': 100, 'critical': 1000,
        'source': 'chrony/ntpd practice: Kerberos and HL7 message ordering tolerate well under 1 s'},
    'linux.zombies': {
        'warning': 5, 'critical': 50,
        'source': 'Common monitoring practice (Nagios check_procs -s Z default warning 5)'},
    'linux.log.errors': {
        'warning': 1, 'critical': 100,
        'source': 'Any recent error line deserves review; 100 in the window means a failing component'},
    'linux.auth.failures': {
        'warning': 20, 'critical': 200,
        'source': 'Brute-force indication: fail2ban default bans at 5 per 10 min; counts over the inspection window'},
    'linux.updates.security': {
        'warning': 1, 'critical': 20,
        'source': 'Hospital security baseline (等保 2.0): security updates to be assessed each period'},
    'linux.cert.days_left': {
        'warning': 30, 'critical': 7, 'direction': 'below',
        'source': "Let's Encrypt renewal practice (renew at 30 days); 7 days leaves one maintenance window"},
    'linux.uptime.days': {
        'warning': 365, 'critical': 730,
        'source': 'Kernel patch cadence: a year without reboot means kernel fixes are not applied'},
}
