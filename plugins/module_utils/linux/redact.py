# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Redaction of log lines before any of their text reaches an item, a report or a log.

Masks credentials (key=value, key: value, 密码：value, JSON "key": "value", PGPASSWORD=..., mysql -p...,
bearer tokens, passwords inside URLs: module_utils/inspection/redact.py), PRC resident ID card numbers
(GB 11643: 18 characters, 6-digit area, birth date, sequence, check digit 0-9/X), mainland mobile numbers (11 digits, 1[3-9]...) and
landline numbers with an area code (0xx-xxxxxxx[x]).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import redact_text

# Secret contexts (password=, PGPASSWORD=, 密码：, mysql -p..., URL userinfo, ...) are masked by
# module_utils/inspection/redact.py, the one place every job shares; personal data here.
RULES = (
    (re.compile(r'(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])'),
     '[ID-REDACTED]'),
    (re.compile(r'(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9])'), '[PHONE-REDACTED]'),
    (re.compile(r'(?<![0-9])0\d{2,3}-\d{7,8}(?![0-9])'), '[PHONE-REDACTED]'),
)


def redact(text):
    """The line with every secret-looking value masked."""
    if not text:
        return text
    text = redact_text(text)
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
