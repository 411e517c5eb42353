#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: linux_inspect
short_description: Inspect a Linux server in one round trip, without Python on it
version_added: 0.1.0
description:
  - Sends one POSIX sh collector script to the server, runs it the way M(ansible.builtin.raw) runs a command
    (no Python needed on the target; CentOS 6/7, SUSE 11/12, Kylin V10 and busybox systems work), and parses
    its sectioned output on the controller into one inspection (docs/inspection-item.md), device class
    C(linux_server).
  - "Items: C(linux.fs.used_pct), C(linux.fs.inodes_used_pct), C(linux.fs.readonly) (per mount point),
    C(linux.cpu.util_pct), C(linux.load.per_core), C(linux.mem.used_pct), C(linux.swap.used_pct),
    C(linux.nic.errors) (per interface), C(linux.time.offset_ms), C(linux.time.synced), C(linux.unit.failed)
    (per failed unit), C(linux.service.active) (per critical service, a fault when down), C(linux.zombies),
    C(linux.log.errors) (per log), C(linux.auth.failures), C(linux.accounts.privileged),
    C(linux.ports.unexpected), C(linux.ports.missing), C(linux.updates.security), C(linux.updates.pending),
    C(linux.reboot.required), C(linux.cert.days_left) (per certificate), C(linux.uptime.days)."
  - A tool missing on the server, an unreadable file or a command that hangs gives an C(unknown) item
    with the reason, never a failed task. The script only reads; it writes no file on the server.
  - "Log lines only leave the parser redacted (passwords, tokens and keys in key=value, key：value and
    environment form such as C(PGPASSWORD=...), C(mysql -p...), passwords in URLs, resident ID card numbers,
    phone numbers), at most five per log. The values of the host's secret variables and of every
    vault-encrypted variable are masked in the result before the task returns, so C(-v) output and
    job events carry no secret either (docs/redaction.md)."
  - Output is decoded per line (UTF-8, then GB18030) unless O(text_encoding) says otherwise; a GBK line or
    bytes that are no text never fail the run.
  - Run it with become when logs, C(/etc/sudoers) or DMI serial numbers are readable by root only.
  - This module is an action plugin; the documentation lives here, the code in the action plugin.
options:
  critical_services:
    description:
      - Services that must be running. Each entry is a name, or a mapping with C(name), optional C(process)
        and optional C(port).
      - The state comes from the systemd unit C(name) (C(.service) added when there is no suffix), else from
        the SysV script C(/etc/init.d/<name> status), else from running processes whose name is C(name).
      - C(process) is an extended regular expression matched against full command lines instead
        (for example C(java .*his-app\.jar)); C(port) must also be listening for the service to count as up.
      - A service that is not running is a C(critical) item marked as a fault.
    type: list
    elements: raw
    default: []
  logs:
    description: Log files to scan for recent error lines.
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: Path of the log file on the server.
        type: path
        required: true
      pattern:
        description: Extended regular expression of an error line, matched case-insensitively.
        type: str
        default: ERROR|CRIT|FATAL|panic|Traceback
      since_minutes:
        description:
          - Only lines stamped within this many minutes count (ISO 8601 C(YYYY-MM-DD hh:mm:ss) and syslog
            C(Mon DD hh:mm:ss) stamps are understood; unstamped lines follow the line before).
          - A file without any parsable timestamp is scanned over its last O(logs[].max_lines) lines instead.
        type: int
        default: 1440
      max_lines:
        description: How many lines from the end of the file are read at most.
        type: int
        default: 100000
  certificates:
    description: PEM certificate files whose remaining validity is checked with C(openssl x509 -enddate).
    type: list
    elements: path
    default: []
  expected_ports:
    description:
      - TCP ports that should be listening. When set, a missing one makes C(linux.ports.missing) C(critical)
        and a port listening on a non-loopback address that is neither here nor a O(critical_services) port
        makes C(linux.ports.unexpected) a C(warning).
      - When not set, neither item is produced; the listening ports still go to the facts.
    type: list
    elements: int
  expected_privileged:
    description:
      - Accounts allowed to hold privileges (uid 0, members of C(wheel)/C(sudo)/C(admin), users in C(/etc/sudoers)).
      - Without it only a uid 0 account other than C(root) is a warning; with it any privileged account not
        listed is.
    type: list
    elements: str
  readonly_ok:
    description: Mount points that are read-only on purpose (otherwise a read-only filesystem is C(critical)).
    type: list
    elements: path
    default: []
  ntp:
    description: Check time synchronisation (C(chronyc tracking), C(ntpq -pn), C(timedatectl)).
    type: bool
    default: true
  updates:
    description:
      - Count pending and security updates from the package manager's local cache (C(apt-get -s upgrade),
        C(yum -C check-update) and C(updateinfo list security), C(zypper --no-refresh lu) and C(lp -g security)).
      - Nothing is downloaded; without a cache the items are C(unknown).
    type: bool
    default: true
  auth:
    description: Count failed logins in C(/var/log/secure), C(/var/log/auth.log), the journal or C(/var/log/messages).
    type: bool
    default: true
  auth_since_minutes:
    description: Window of O(auth) in minutes.
    type: int
    default: 1440
  thresholds:
    description:
      - Threshold overrides keyed by item id or C(id@subject), each a mapping with C(warning), C(critical)
        and optionally C(direction) (C(above) or C(below)); the same shape as C(itops_thresholds).
      - Defaults to the host's C(itops_thresholds) variable, then to the collection defaults.
    type: dict
  sysstat:
    description:
      - Summarise performance over the period from the sysstat history (C(sadf -d) of the sar data files in
        C(/var/log/sa) or C(/var/log/sysstat)), that is the 95th percentile and peak of CPU, memory, I/O wait and the
        slowest disk's latency, as C(perf.*) metrics and items.
      - Without sysstat data the single item C(perf.sysstat) is C(unknown) with the reason.
    type: bool
    default: false
  sysstat_since_hours:
    description: How far back O(sysstat) reads, in hours (at most 744, 31 days); set it to the time since the previous run.
    type: int
    default: 744
  sample_seconds:
    description: Seconds between the two C(/proc/stat) samples the CPU utilisation is computed from.
    type: int
    default: 1
  timeout:
    description:
      - Seconds the whole collector may run. On the server it runs under C(timeout) when available
        (each slow command gets a quarter of it, package manager queries half); output up to that point
        is still parsed and the missing checks are C(unknown).
      - The controller gives up 15 seconds later and fails the task for this host.
    type: int
    default: 60
  text_encoding:
    description:
      - How the server's output (log lines above all) is decoded. V(auto) tries each line as UTF-8, then as
        GB18030 (a superset of GBK and GB2312, as Chinese hospital applications write their logs); any other
        value (V(utf-8), V(gb18030), V(gbk), V(gb2312), V(big5), V(latin-1), V(ascii)) decodes every line
        in that encoding. Bytes that do not fit become U+FFFD; the task never fails on them.
      - When not set, the host variable C(itops_text_encoding) applies, else V(auto). Any other value fails
        the task for this host with a message naming C(itops_text_encoding) and the value.
    type: str
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
    details: Needs C(/bin/sh) and the usual coreutils or busybox on the server; no Python.
notes:
  - Collector output formats and the fixtures the parsers are tested with are described in
    tests/unit/fixtures/linux/README.md.
seealso:
  - module: ansible.builtin.raw
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Inspect an application server
  medops.itops.linux_inspect:
    critical_services:
      - his-app
      - name: his-report
        process: 'java .*his-report\.jar'
        port: 8443
    logs:
      - path: /var/log/his/app.log
      - path: /var/log/messages
        pattern: 'I/O error|EXT4-fs error|Out of memory'
        since_minutes: 10080
    certificates:
      - /etc/pki/tls/certs/his.crt
    expected_ports: [22, 8080, 8443]
    expected_privileged: [root, opsadmin]
  become: true
  register: linux

- name: Thresholds for this host only
  medops.itops.linux_inspect:
    thresholds:
      "linux.fs.used_pct@/oradata": {warning: 90, critical: 97}
    updates: false
'''

RETURN = r'''
inspection:
  description: The inspection of the server (docs/inspection-item.md).
  returned: success
  type: dict
  contains:
    target:
      description: inventory_hostname of the server.
      type: str
      sample: his-app-01
    device_class:
      description: Always C(linux_server).
      type: str
      sample: linux_server
    collected_at:
      description: Controller time of the inspection, ISO 8601 with offset.
      type: str
      sample: "2026-11-24T08:00:00+08:00"
    facts:
      description:
        - For the configuration ledger; keys with unknown values are null. C(os_name), C(os_version), C(os_id),
          C(os_pretty), C(kernel), C(arch), C(hostname), C(boot_id), C(last_reboot), C(cpu_count), C(cpu_model),
          C(memory_total_bytes), C(swap_total_bytes), C(manufacturer), C(model), C(serial), C(bios_version),
          C(ip_addresses), C(init_system), C(listening_ports), C(privileged_accounts), C(package_manager),
          C(time_sync), C(time_source).
      type: dict
      sample: {os_name: CentOS Linux, os_version: "7", kernel: 3.10.0-1160.el7.x86_64, cpu_count: 8}
    metrics:
      description:
        - Numbers kept for trends. C(cpu.util_pct), C(cpu.iowait_pct), C(load.1m), C(load.5m), C(load.15m),
          C(mem.used_pct), C(swap.used_pct), C(uptime.days), C(time.offset_ms), C(processes.total),
          C(updates.pending), C(updates.security) and per mount point C(fs.<mount>.used_pct),
          C(fs.<mount>.size_bytes), C(fs.<mount>.used_bytes), C(fs.<mount>.inodes_used_pct).
      type: dict
      sample: {cpu.util_pct: 12.5, "fs./data.used_pct": 93.1, "fs./data.size_bytes": 67108864}
    items:
      description: Inspection items (id, subject, value, unit, status, threshold, detail, fault).
      type: list
      elements: dict
      sample:
        - {id: linux.fs.used_pct, subject: /data, value: 93.1, unit: "%", status: critical,
           threshold: {warning: 80, critical: 90}, detail: "59.6 MiB used of 64.0 MiB, 4.4 MiB free (/dev/loop0, ext4)"}
collector_seconds:
  description: Wall time of the round trip as seen by the controller.
  returned: always
  type: float
  sample: 2.61
collector:
  description:
    - Debugging data about the collector run; never log content.
    - C(section_bytes) is the size of every output section; C(markers) lists tools missing or timed out on the
      server; C(complete) is false when the output ended before the last section.
  returned: when the collector ran
  type: dict
  sample:
    complete: true
    version: 1
    shell: /usr/bin/dash
    timeout_tool: timeout -k 2
    remote_uid: 0
    remote_rc: 0
    remote_seconds: 2
    rc: 0
    stdout_bytes: 21480
    stderr_lines: 0
    markers: [missing chronyc]
    section_bytes: {meta: 156, df-k: 812, mounts: 2403}
'''
