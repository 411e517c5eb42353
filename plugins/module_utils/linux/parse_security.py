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
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.redact import redact_lines
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import missing_reason, to_int


def _scan_summary(section):
    """(matches, scope, samples) or (None, reason, []) for one scanned log; scope is
    {'minutes': ...} for a time window, {'lines': ...} for the tail of a log without timestamps."""
    kv = section.keyvalues()
    matches = to_int(kv.get('matches'))
    if section.marker('unreadable') is not None:
        return None, said('linux.scan.cannot_read', 'cannot read: {reason!w}', reason=section.marker('unreadable') or 'unreadable'), []
    if matches is None or to_int(kv.get('rc')) not in (0, None):
        reason = section.problem() or (said('linux.scan.failed', 'scan failed (exit {rc}): is the pattern a valid ERE?', rc=kv.get('rc'))
                                       if kv.get('rc') not in (None, '0') else said('linux.scan.no_result', 'no scan result (output truncated?)'))
        return None, reason, []
    samples = redact_lines([line[2:] for line in section.lines if line.startswith('> ')])
    if kv.get('mode') == 'window':
        scope = {'minutes': str(kv.get('since_minutes'))}
    else:
        scope = {'lines': kv.get('lines', '?')}
    return matches, scope, samples


def _log_detail(matches, pattern, scope, samples):
    latest = ' | '.join(samples)
    if 'minutes' in scope:
        if samples:
            return said('linux.log.matches_window_latest', '{count:d} lines matching /{pattern}/ in the last {minutes} min; latest: {latest!q}',
                        count=matches, pattern=pattern, latest=latest, **scope)
        return said('linux.log.matches_window', '{count:d} lines matching /{pattern}/ in the last {minutes} min',
                    count=matches, pattern=pattern, **scope)
    if samples:
        return said('linux.log.matches_tail_latest',
                    '{count:d} lines matching /{pattern}/ in the last {lines} lines (no parsable timestamps); latest: {latest!q}',
                    count=matches, pattern=pattern, latest=latest, **scope)
    return said('linux.log.matches_tail', '{count:d} lines matching /{pattern}/ in the last {lines} lines (no parsable timestamps)',
                count=matches, pattern=pattern, **scope)


def parse_logs(sections, logs, overrides=None):
    found = Findings()
    for log in logs or []:
        path = log['path']
        section = sections.by_arg('log', path)
        if section is None:
            found.items.append(unknown_item('linux.log.errors', path, said(
                'linux.log.no_output', 'no log scan of {path} output (collector output missing or truncated)', path=path)))
            continue
        matches, scope, samples = _scan_summary(section)
        if matches is None:
            found.items.append(unknown_item('linux.log.errors', path, scope))
            continue
        detail = _log_detail(matches, log['pattern'], scope, samples)
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
    top = ', '.join('%s (%s)' % tuple(s.rsplit(' ', 1)) for s in sources if ' ' in s)
    if 'minutes' in scope:
        if sources:
            detail = said('linux.auth.failures_window_sources', '{count:d} failed logins in the last {minutes} min ({source}); top sources: {sources}',
                          count=matches, source=source, sources=top, **scope)
        else:
            detail = said('linux.auth.failures_window', '{count:d} failed logins in the last {minutes} min ({source})',
                          count=matches, source=source, **scope)
    elif sources:
        detail = said('linux.auth.failures_tail_sources',
                      '{count:d} failed logins in the last {lines} lines (no parsable timestamps) ({source}); top sources: {sources}',
                      count=matches, source=source, sources=top, **scope)
    else:
        detail = said('linux.auth.failures_tail', '{count:d} failed logins in the last {lines} lines (no parsable timestamps) ({source})',
                      count=matches, source=source, **scope)
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
    params = {'uid0': ', '.join(uid0)}
    if members:
        params['sudo'] = ', '.join('%s (%s)' % (u, '/'.join(sorted(g))) for u, g in sorted(members.items()))
    if suspicious:
        params['unexpected'] = ', '.join(suspicious)
    detail = _privileged_detail(params, bool(section.keyvalues().get('sudoers_unreadable')))
    found.items.append(make_item('linux.accounts.privileged', value=accounts,
                                 status='warning' if suspicious else 'ok', detail=detail))
    return found


def _privileged_detail(params, unreadable):
    """uid 0 accounts, then sudo members if any, whether sudoers could be read, and the unexpected ones first."""
    if 'unexpected' in params:
        if 'sudo' in params:
            if unreadable:
                return said('linux.accounts.unexpected_sudo_unreadable', 'not expected: {unexpected}; uid 0: {uid0}; sudo: {sudo}; '
                            'sudoers not readable (run with become to include it)', **params)
            return said('linux.accounts.unexpected_sudo', 'not expected: {unexpected}; uid 0: {uid0}; sudo: {sudo}', **params)
        if unreadable:
            return said('linux.accounts.unexpected_unreadable', 'not expected: {unexpected}; uid 0: {uid0}; '
                        'sudoers not readable (run with become to include it)', **params)
        return said('linux.accounts.unexpected', 'not expected: {unexpected}; uid 0: {uid0}', **params)
    if 'sudo' in params:
        if unreadable:
            return said('linux.accounts.sudo_unreadable', 'uid 0: {uid0}; sudo: {sudo}; sudoers not readable (run with become to include it)',
                        **params)
        return said('linux.accounts.sudo', 'uid 0: {uid0}; sudo: {sudo}', **params)
    if unreadable:
        return said('linux.accounts.uid0_unreadable', 'uid 0: {uid0}; sudoers not readable (run with become to include it)', **params)
    return said('linux.accounts.uid0', 'uid 0: {uid0}', **params)


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


def _cert_detail(expires, days, subject):
    if days < 0:
        if subject:
            return said('linux.cert.expired_subject', 'expires {expires} UTC (EXPIRED); subject {subject!q}', expires=expires, subject=subject)
        return said('linux.cert.expired', 'expires {expires} UTC (EXPIRED)', expires=expires)
    if subject:
        return said('linux.cert.expires_subject', 'expires {expires} UTC ({days:d} days left); subject {subject!q}',
                    expires=expires, days=days, subject=subject)
    return said('linux.cert.expires', 'expires {expires} UTC ({days:d} days left)', expires=expires, days=days)


def parse_certificates(sections, paths, now_epoch=None, overrides=None):
    found = Findings()
    now = now_epoch if now_epoch is not None else time.time()
    for path in paths or []:
        section = sections.by_arg('cert', path)
        if section is None:
            found.items.append(unknown_item('linux.cert.days_left', path, said(
                'linux.cert.no_output', 'no certificate {path} output (collector output missing or truncated)', path=path)))
            continue
        text = '\n'.join(section.lines)
        expires = parse_not_after(text)
        if expires is None:
            output = ' '.join(section.lines)[:120].strip()
            reason = section.problem() or (
                said('linux.cert.unreadable', 'not a PEM certificate openssl could read: {output!q}', output=output) if output
                else said('linux.cert.unreadable_no_output', 'not a PEM certificate openssl could read: no output'))
            found.items.append(unknown_item('linux.cert.days_left', path, reason))
            continue
        days = int(math.floor((expires - now) / 86400.0))
        subject = ''
        for line in section.lines:
            if line.startswith('subject'):
                subject = line.split('=', 1)[1].strip() if '=' in line else ''
        detail = _cert_detail(time.strftime('%Y-%m-%d %H:%M', time.gmtime(expires)), days, subject[:120])
        item = evaluate('linux.cert.days_left', days, subject=path, overrides=overrides, unit='d', detail=detail)
        fingerprint = cert_fingerprint(text)
        if fingerprint:
            item['cert_sha256'] = fingerprint
        found.items.append(item)
    return found
