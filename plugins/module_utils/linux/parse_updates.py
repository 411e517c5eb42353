# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pending and security updates, and whether a reboot is required.

Formats: apt-get(8) `-s upgrade` (`Inst pkg [old] (new Origin:release/suite [arch])`, the suite
ending in -security for security updates), yum(8)/dnf(8) `-C -q check-update` (exit 100 when
updates exist, 0 none, 1 error; `name.arch version repo`, long names wrapped onto the next line)
and `updateinfo list security` (`ADVISORY Severity/Sec. package`), zypper(8) `lu` and
`lp -g security` tables (`|` separated; exit 100-103 and 106 are informational),
needs-restarting(1) `-r` (exit 1 = reboot needed), /var/run/reboot-required (Debian/Ubuntu)
and /var/run/reboot-needed (SUSE).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import keyvalues, missing_reason, to_int

ZYPPER_OK = (0, 100, 101, 102, 103, 106)


def _apt(section):
    if section.marker('unknown') is not None or section.marker('timeout') is not None:
        return None, None, section.problem(), []
    rc = to_int(section.keyvalues().get('rc'))
    if rc != 0:
        return None, None, 'apt-get -s upgrade failed (exit %s)' % rc, []
    inst = [line for line in section.lines if line.startswith('Inst ')]
    security = [line.split()[1] for line in inst if re.search(r'[-/]security\b|Security', line, re.I) and len(line.split()) > 1]
    return len(inst), len(security), 'apt', security


def _yum_packages(lines):
    count = 0
    pending = None
    for line in lines:
        fields = line.split()
        if not fields or line.startswith(('rc=', 'Loaded plugins', 'Security:', 'Last metadata', ' * ')):
            continue
        if line.startswith('Obsoleting'):
            break
        if pending is not None:
            fields = [pending] + fields
            pending = None
        if len(fields) == 1 and '.' in fields[0] and not line.startswith(' '):
            pending = fields[0]
            continue
        if len(fields) == 3 and '.' in fields[0] and re.search(r'\d', fields[1]):
            count += 1
    return count


def _yum(section):
    blocks = dict(section.subsections())
    check = blocks.get('check-update')
    if check is None:
        return None, None, section.problem() or 'no yum output', []
    rc = to_int(keyvalues(check).get('rc'))
    if rc not in (0, 100):
        errors = [line for line in check if line.strip() and not line.startswith('rc=')]
        return None, None, 'yum check-update failed (exit %s): %s' % (rc, (errors[0] if errors else '')[:120]), []
    pending = _yum_packages(check) if rc == 100 else 0
    info = blocks.get('updateinfo security') or []
    info_rc = to_int(keyvalues(info).get('rc'))
    if info_rc != 0:
        return pending, None, 'yum', []
    security = [line.split()[2] for line in info if len(line.split()) >= 3 and re.search(r'/Sec\.|\bsecurity\b', line.split()[1], re.I)]
    return pending, len(security), 'yum', security


def _zypper(section):
    blocks = dict(section.subsections())
    lu = blocks.get('lu')
    if lu is None:
        return None, None, section.problem() or 'no zypper output', []
    rc = to_int(keyvalues(lu).get('rc'))
    if rc not in ZYPPER_OK:
        errors = [line for line in lu if line.strip() and not line.startswith('rc=')]
        return None, None, 'zypper lu failed (exit %s): %s' % (rc, (errors[-1] if errors else '')[:120]), []
    pending = 0
    for line in lu:
        cells = [c.strip() for c in line.split('|')]
        if len(cells) >= 5 and cells[0] == 'v':
            pending += 1
    lp = blocks.get('lp security') or []
    if to_int(keyvalues(lp).get('rc')) not in ZYPPER_OK:
        return pending, None, 'zypper', []
    security = []
    for line in lp:
        cells = [c.strip() for c in line.split('|')]
        if 'security' in cells and any(c in ('needed', 'Needed') for c in cells):
            security.append(cells[1])
    return pending, len(security), 'zypper', security


def parse_updates(sections, overrides=None):
    found = Findings()
    section = sections.get('updates')
    if section is None:
        return found  # updates: false, or truncated output
    manager = section.keyvalues().get('manager')
    found.facts['package_manager'] = manager
    if manager == 'apt':
        pending, security, how, names = _apt(section)
    elif manager in ('yum', 'dnf'):
        pending, security, how, names = _yum(section)
    elif manager == 'zypper':
        pending, security, how, names = _zypper(section)
    else:
        reason = missing_reason(section, 'package manager') if manager is None else 'unsupported package manager %s' % manager
        found.items.append(unknown_item('linux.updates.pending', None, reason))
        found.items.append(unknown_item('linux.updates.security', None, reason))
        return found
    if pending is None:
        found.items.append(unknown_item('linux.updates.pending', None, how))
        found.items.append(unknown_item('linux.updates.security', None, how))
        return found
    found.metrics['updates.pending'] = pending
    found.items.append(evaluate('linux.updates.pending', pending, overrides=overrides,
                                detail='%d packages can be upgraded (%s, from the local cache)' % (pending, manager)))
    if security is None:
        found.items.append(unknown_item('linux.updates.security', None,
                                        '%s has no security advisory data (repositories without updateinfo, or plugin missing)' % manager))
    else:
        found.metrics['updates.security'] = security
        detail = '%d security updates' % security
        if names:
            detail += ': ' + ', '.join(names[:10]) + (' ...' if len(names) > 10 else '')
        found.items.append(evaluate('linux.updates.security', security, overrides=overrides, detail=detail))
    return found


def parse_reboot(sections):
    found = Findings()
    section = sections.get('reboot-required')
    if section is None:
        found.items.append(unknown_item('linux.reboot.required', None, missing_reason(section, 'reboot check')))
        return found
    kv = section.keyvalues()
    pkgs = [line.split('=', 1)[1] for line in section.lines if line.startswith('pkg=')]
    needs = to_int(kv.get('needs_restarting_rc'))
    running, latest = kv.get('running'), kv.get('latest_kernel') or ''
    updates = sections.get('updates')
    manager = updates.keyvalues().get('manager') if updates else None
    if kv.get('flag'):
        required, detail = True, '%s exists' % kv['flag']
        if pkgs:
            detail += ' (%s)' % ', '.join(pkgs[:5])
    elif needs in (0, 1):
        required, detail = needs == 1, 'needs-restarting -r exit %d' % needs
    elif latest.startswith('kernel-') and not latest.startswith('kernel-default') and running:
        required = latest != 'kernel-' + running
        detail = 'running kernel %s, newest installed %s' % (running, latest[len('kernel-'):])
    elif manager == 'apt' or sections.get('os-release') and '/etc/debian_version' in dict(sections.get('os-release').subsections()):
        required, detail = False, 'no /var/run/reboot-required'
    else:
        found.items.append(unknown_item('linux.reboot.required', None,
                                        'no reboot indicator on this system (needs-restarting, reboot-required flag)'))
        return found
    found.items.append(make_item('linux.reboot.required', value=required, status='warning' if required else 'ok', detail=detail))
    return found
