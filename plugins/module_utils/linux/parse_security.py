# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Logs, authentication failures, privileged accounts and certificates.

Formats: the collector's own scan summary (lines=, stamped=, mode=window|tail, matches=, `> ` sample
lines, from=<address> <count>), passwd(5)/group(5) lines, sudoers(5) user specifications and
openssl-x509(1) `-enddate` (notAfter=Mon DD HH:MM:SS YYYY GMT).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import math
import re
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.redact import redact_lines
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import missing_reason, to_int


def _scan_summary(section):
    """(matches, detail prefix, samples) or (None, reason, []) for one scanned log."""
    kv = section.keyvalues()
    matches = to_int(kv.get('matches'))
    if section.marker('unreadable') is not None:
        return None, 'cannot read: %s' % (section.marker('unreadable') or 'unreadable'), []
    if matches is None or to_int(kv.get('rc')) not in (0, None):
        reason = section.problem() or ('scan failed (exit %s): is the pattern a valid ERE?' % kv.get('rc')
                                       if kv.get('rc') not in (None, '0') else 'no scan result (output truncated?)')
        return None, reason, []
    samples = redact_lines([line[2:] for line in section.lines if line.startswith('> ')])
    since = kv.get('since_minutes')
    if kv.get('mode') == 'window':
        scope = 'in the last %s min' % since
    else:
        scope = 'in the last %s lines (no parsable timestamps)' % kv.get('lines', '?')
    return matches, scope, samples


def parse_logs(sections, logs, overrides=None):
    found = Findings()
    for log in logs or []:
        path = log['path']
        section = sections.by_arg('log', path)
        if section is None:
            found.items.append(unknown_item('linux.log.errors', path, missing_reason(None, 'log scan of %s' % path)))
            continue
        matches, scope, samples = _scan_summary(section)
        if matches is None:
            found.items.append(unknown_item('linux.log.errors', path, scope))
            continue
        detail = '%d lines matching /%s/ %s' % (matches, log['pattern'], scope)
        if samples:
            detail += '; latest: ' + ' | '.join(samples)
        found.items.append(evaluate('linux.log.errors', matches, subject=path, overrides=overrides, detail=detail))
    return found


def parse_auth(sections, overrides=None):
    found = Findings()
    section = sections.get('auth-failures')
    if section is None:
        return found  # auth: false, or truncated (reported as incomplete output)
    kv = section.keyvalues()
    source = kv.get('source')
    matches, scope, _samples = _scan_summary(section)
    if matches is None:
        found.items.append(unknown_item('linux.auth.failures', source, scope))
        return found
    sources = [line.split('=', 1)[1] for line in section.lines if line.startswith('from=')]
    detail = '%d failed logins %s (%s)' % (matches, scope, source)
    if sources:
        detail += '; top sources: ' + ', '.join('%s (%s)' % tuple(s.rsplit(' ', 1)) for s in sources if ' ' in s)
    found.items.append(evaluate('linux.auth.failures', matches, subject=source, overrides=overrides, detail=detail))
    return found


def parse_privileged(sections, expected=None):
    found = Findings()
    section = sections.get('privileged')
    uid0 = [line.split('=', 1)[1].strip() for line in section.lines if line.startswith('uid0=')] if section else []
    if not uid0:
        found.items.append(unknown_item('linux.accounts.privileged', None, missing_reason(section, '/etc/passwd')))
        return found
    members = {}
    for line in section.lines:
        if line.startswith('group='):
            fields = line.split('=', 1)[1].split(':')
            if len(fields) >= 4:
                for user in fields[3].split(','):
                    if user.strip():
                        members.setdefault(user.strip(), set()).add(fields[0])
        elif line.startswith('sudoers='):
            user = line.split('=', 1)[1].strip()
            if user and user != 'root' and not user.endswith('_Alias') and not user.isupper():
                members.setdefault(user, set()).add('sudoers')
    accounts = sorted(set(uid0) | set(members))
    found.facts['privileged_accounts'] = accounts
    allowed = set(['root']) | set(expected or [])
    suspicious = [u for u in uid0 if u not in allowed]
    if expected is not None:
        suspicious += [u for u in sorted(members) if u not in allowed and u not in suspicious]
    parts = ['uid 0: %s' % ', '.join(uid0)]
    if members:
        parts.append('sudo: %s' % ', '.join('%s (%s)' % (u, '/'.join(sorted(g))) for u, g in sorted(members.items())))
    if section.keyvalues().get('sudoers_unreadable'):
        parts.append('sudoers not readable (run with become to include it)')
    if suspicious:
        parts.insert(0, 'not expected: %s' % ', '.join(suspicious))
    found.items.append(make_item('linux.accounts.privileged', value=accounts,
                                 status='warning' if suspicious else 'ok', detail='; '.join(parts)))
    return found


MONTHS = dict((m, i + 1) for i, m in enumerate('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split()))
NOT_AFTER = re.compile(r'notAfter=(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})')


def parse_not_after(text):
    """Epoch seconds of an openssl `notAfter=` line (always GMT), or None."""
    match = NOT_AFTER.search(text or '')
    if not match or match.group(1) not in MONTHS:
        return None
    month = MONTHS[match.group(1)]
    day, hour, minute, second, year = (int(match.group(i)) for i in (2, 3, 4, 5, 6))
    try:
        return calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0))
    except (ValueError, OverflowError):
        return None


FINGERPRINT = re.compile(r'^sha256 Fingerprint=((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\s*$', re.I | re.M)


def cert_fingerprint(text):
    """The SHA-256 fingerprint of `openssl x509 -fingerprint -sha256` output as 64 lower-case hex
    digits ('SHA256 Fingerprint=AB:..' in OpenSSL 1.x, 'sha256 Fingerprint=' in 3.x), or None."""
    match = FINGERPRINT.search(text or '')
    return match.group(1).replace(':', '').lower() if match else None


def parse_certificates(sections, paths, now_epoch=None, overrides=None):
    found = Findings()
    now = now_epoch if now_epoch is not None else time.time()
    for path in paths or []:
        section = sections.by_arg('cert', path)
        if section is None:
            found.items.append(unknown_item('linux.cert.days_left', path, missing_reason(None, 'certificate %s' % path)))
            continue
        text = '\n'.join(section.lines)
        expires = parse_not_after(text)
        if expires is None:
            reason = section.problem() or 'not a PEM certificate openssl could read: %s' % (
                ' '.join(section.lines)[:120].strip() or 'no output')
            found.items.append(unknown_item('linux.cert.days_left', path, reason))
            continue
        days = int(math.floor((expires - now) / 86400.0))
        subject = ''
        for line in section.lines:
            if line.startswith('subject'):
                subject = line.split('=', 1)[1].strip() if '=' in line else ''
        detail = 'expires %s UTC (%s)' % (time.strftime('%Y-%m-%d %H:%M', time.gmtime(expires)),
                                          'EXPIRED' if days < 0 else '%d days left' % days)
        if subject:
            detail += '; subject %s' % subject[:120]
        item = evaluate('linux.cert.days_left', days, subject=path, overrides=overrides, unit='d', detail=detail)
        fingerprint = cert_fingerprint(text)
        if fingerprint:
            item['cert_sha256'] = fingerprint
        found.items.append(item)
    return found
