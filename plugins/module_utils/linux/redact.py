# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Redaction of log lines before any of their text reaches an item, a report or a log.

Masks credentials written as key=value / key: value / JSON "key": "value", bearer tokens,
passwords inside URLs, PRC resident ID card numbers (GB 11643: 18 characters, 6-digit area,
birth date, sequence, check digit 0-9/X), mainland mobile numbers (11 digits, 1[3-9]...) and
landline numbers with an area code (0xx-xxxxxxx[x]).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

SECRET_KEYS = (r'pass(?:word|wd)?|pwd|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key'
               r'|credentials?|auth(?:orization)?|session(?:[_-]?id)?|jsessionid|cookie|sign(?:ature)?|口令|密码')

RULES = (
    (re.compile(r'\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}', re.I), r'\1 ***'),
    # JDBC thin URLs: jdbc:oracle:thin:user/password@host
    (re.compile(r'(jdbc:oracle:[a-z]+:[^/@\s]+/)[^@\s]+@', re.I), r'\1***@'),
    # JSON style: "password": "x"
    (re.compile(r'("(?:%s)"\s*:\s*)"[^"]*"' % SECRET_KEYS, re.I), r'\1"***"'),
    # key=value, key: value, key = 'value'
    (re.compile(r'(\b(?:[\w.-]*[_.-])?(?:%s)\b\s*[=:]\s*)(?:"[^"]*"|\'[^\']*\'|[^\s,;&]+)' % SECRET_KEYS, re.I), r'\1***'),
    (re.compile(r'(\b[a-z][a-z0-9+.-]*://[^:/\s@]+:)[^@\s/]+@', re.I), r'\1***@'),
    (re.compile(r'(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])'),
     '[ID-REDACTED]'),
    (re.compile(r'(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9])'), '[PHONE-REDACTED]'),
    (re.compile(r'(?<![0-9])0\d{2,3}-\d{7,8}(?![0-9])'), '[PHONE-REDACTED]'),
)


def redact(text):
    """The line with every secret-looking value masked."""
    if not text:
        return text
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def redact_lines(lines, width=160):
    """Redacted, shortened sample lines (redaction first, so no secret is half cut)."""
    result = []
    for line in lines:
        line = redact(line.strip())
        if len(line) > width:
            line = line[:width - 3] + '...'
        result.append(line)
    return result
