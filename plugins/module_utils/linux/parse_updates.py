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
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import keyvalues, missing_reason, to_int

ZYPPER_OK = (0, 100, 101, 102, 103, 106)


def _failed(manager, rc, error):
    """The reason of a failed yum check-update / zypper lu, with the error line the tool printed."""
    error = error[:120]
    if manager == 'yum':
        if error:
            return said('linux.updates.yum_failed', 'yum check-update failed (exit {rc}): {error!q}', rc=str(rc), error=error)
        return said('linux.updates.yum_failed_silent', 'yum check-update failed (exit {rc}): ', rc=str(rc))
    if error:
        return said('linux.updates.zypper_failed', 'zypper lu failed (exit {rc}): {error!q}', rc=str(rc), error=error)
    return said('linux.updates.zypper_failed_silent', 'zypper lu failed (exit {rc}): ', rc=str(rc))


def _apt(section):
    if section.marker('unknown') is not None or section.marker('timeout') is not None:
        return None, None, section.problem(), []
    rc = to_int(section.keyvalues().get('rc'))
    if rc != 0:
        return None, None, said('linux.updates.apt_failed', 'apt-get -s upgrade failed (exit {rc})', rc=str(rc)), []
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
        return None, None, section.problem() or said('linux.updates.no_yum_output', 'no yum output'), []
    rc = to_int(keyvalues(check).get('rc'))
    if rc not in (0, 100):
        errors = [line for line in check if line.strip() and not line.startswith('rc=')]
        return None, None, _failed('yum', rc, errors[0] if errors else ''), []
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
        return None, None, section.problem() or said('linux.updates.no_zypper_output', 'no zypper output'), []
    rc = to_int(keyvalues(lu).get('rc'))
    if rc not in ZYPPER_OK:
        errors = [line for line in lu if line.strip() and not line.startswith('rc=')]
        return None, None, _failed('zypper', rc, errors[-1] if errors else ''), []
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
        reason = missing_reason(section, 'package manager') if manager is None else said(
            'linux.updates.unsupported', 'unsupported package manager {manager}', manager=manager)
        found.items.append(unknown_item('linux.updates.pending', None, reason))
        found.items.append(unknown_item('linux.updates.security', None, reason))
        return found
    if pending is None:
        found.items.append(unknown_item('linux.updates.pending', None, how))
        found.items.append(unknown_item('linux.updates.security', None, how))
        return found
    found.metrics['updates.pending'] = pending
    found.items.append(evaluate('linux.updates.pending', pending, overrides=overrides,
                                detail=said('linux.updates.pending', '{count:d} packages can be upgraded ({manager}, from the local cache)',
                                            count=pending, manager=manager)))
    if security is None:
        found.items.append(unknown_item('linux.updates.security', None, said(
            'linux.updates.no_advisories', '{manager} has no security advisory data (repositories without updateinfo, or plugin missing)',
            manager=manager)))
    else:
        found.metrics['updates.security'] = security
        if len(names) > 10:
            detail = said('linux.updates.security_more', '{count:d} security updates: {packages} ...', count=security, packages=', '.join(names[:10]))
        elif names:
            detail = said('linux.updates.security_list', '{count:d} security updates: {packages}', count=security, packages=', '.join(names))
        else:
            detail = said('linux.updates.security', '{count:d} security updates', count=security)
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
        required = True
        detail = said('linux.reboot.flag_packages', '{flag} exists ({packages})', flag=kv['flag'], packages=', '.join(pkgs[:5])) if pkgs \
            else said('linux.reboot.flag', '{flag} exists', flag=kv['flag'])
    elif needs in (0, 1):
        required, detail = needs == 1, said('linux.reboot.needs_restarting', 'needs-restarting -r exit {rc:d}', rc=needs)
    elif latest.startswith('kernel-') and not latest.startswith('kernel-default') and running:
        required = latest != 'kernel-' + running
        detail = said('linux.reboot.kernel', 'running kernel {running}, newest installed {latest}', running=running, latest=latest[len('kernel-'):])
    elif manager == 'apt' or sections.get('os-release') and '/etc/debian_version' in dict(sections.get('os-release').subsections()):
        required, detail = False, said('linux.reboot.no_flag', 'no /var/run/reboot-required')
    else:
        found.items.append(unknown_item('linux.reboot.required', None, said(
            'linux.reboot.no_indicator', 'no reboot indicator on this system (needs-restarting, reboot-required flag)')))
        return found
    found.items.append(make_item('linux.reboot.required', value=required, status='warning' if required else 'ok', detail=detail))
    return found
