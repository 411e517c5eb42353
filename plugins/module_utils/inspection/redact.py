# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Redaction by what secrets are (docs/redaction.md): the one place for every job.

Two mechanisms, applied to free text only (detail, samples, messages, fact values), never to
dict keys nor to the fields that name things (target, subject, id, status, device_class, ...):

1. Secret contexts (redact_text): whatever follows `password=`, `PGPASSWORD=`, `dbpassword:`,
   `密码：`, `口令＝`, `token`, `community=` ..., a `-p<secret>` of the MySQL clients, the password
   of URL userinfo, `Bearer`/`Basic` credentials, and SQL comments. The value does not matter here,
   so short or common secrets (`root`, `admin`, `public`) are masked exactly where secrets appear.
2. Known secret values (Redactor): the values of secret-named variables and of every
   vault-encrypted variable whatever its name. A value is masked anywhere in free text only when
   it is distinctive: at least FREE_TEXT_MIN_LEN (8) characters, not a common word (COMMON_VALUES)
   and not the name of an inventory host (`keep`). Shorter or common values rely on (1).

Action plugins call plugin_utils/redaction.redact_result() before they return, so `-v` output and
ansible-runner job events are as clean as the reports; the inspection callback applies the same
Redactor to the run. What needs ansible-core's controller (vault detection, host variables) lives
there, not here: module_utils may import only what a target host has.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

MASK = '********'
TEXT_MASK = '***'
# Variable names whose values are secrets.
SECRET_NAME = re.compile(r'pass(wd|word)?|pwd|secret|token|key|community|auth|priv|vault|credential', re.IGNORECASE)
# Values never treated as secrets even under a secret-looking name (flags, empty, placeholders).
NOT_SECRETS = frozenset(['', 'true', 'false', 'yes', 'no', 'none', 'null', 'on', 'off', MASK, TEXT_MASK])
MIN_SECRET_LEN = 4
FREE_TEXT_MIN_LEN = 8
# Values too common to be masked outside a secret context: they are also user, schema and
# department names, SNMP words and states.
COMMON_VALUES = frozenset(['root', 'admin', 'administrator', 'public', 'private', 'password', 'passw0rd', 'guest', 'test',
                           'oracle', 'postgres', 'postgresql', 'mysql', 'mariadb', 'sa', 'system', 'manager', 'monitor',
                           'changeme', 'default', 'secret', '12345678', '123456789', 'password1', 'superuser', 'operator'])
# Fields that name things: never masked (the history's unique key is target, id, subject).
PROTECTED_FIELDS = frozenset(['target', 'subject', 'id', 'status', 'device_class', 'host_status', 'kind', 'grade', 'level',
                              'unit', 'collected_at', 'run_id', 'job', 'period', 'fault', 'changed', 'failed', 'skipped'])

_STRONG_KEYS = (r'passwor[dt]|passwd|pwd|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key'
                r'|credentials?|authorization|community|口令|密码')
_WEAK_KEYS = r'pass|auth|session(?:[_-]?id)?|jsessionid|cookie|signature'
_ASSIGN = r'\s*[=:：＝]\s*'
_VALUE = r'(?:"[^"]*"|\'[^\']*\'|[^\s,;&，；、]+)'

SECRET_PATTERNS = (
    (re.compile(r'\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}', re.I), r'\1 ' + TEXT_MASK),
    # JDBC thin URLs: jdbc:oracle:thin:user/password@host
    (re.compile(r'(jdbc:oracle:[a-z]+:[^/@\s]+/)[^@\s]+@', re.I), r'\1' + TEXT_MASK + '@'),
    # JSON style: "password": "x"
    (re.compile(r'("[\w.-]*(?:%s)"\s*:\s*)"[^"]*"' % _STRONG_KEYS, re.I), r'\1"' + TEXT_MASK + '"'),
    (re.compile(r'("(?:[\w.-]*[_.-])?(?:%s)"\s*:\s*)"[^"]*"' % _WEAK_KEYS, re.I), r'\1"' + TEXT_MASK + '"'),
    # key=value, key: value, KEY='value', 密码：value; strong keys with any prefix (PGPASSWORD, dbpassword,
    # MYSQL_PWD), weak ones only as a word or after a separator (db_pass, but not bypass).
    (re.compile(r'(\b[\w.-]*(?:%s)\b%s)%s' % (_STRONG_KEYS, _ASSIGN, _VALUE), re.I), r'\1' + TEXT_MASK),
    (re.compile(r'(\b(?:[\w.-]*[_.-])?(?:%s)\b%s)%s' % (_WEAK_KEYS, _ASSIGN, _VALUE), re.I), r'\1' + TEXT_MASK),
    # The MySQL clients' -p<password> (attached: `-p secret` would be a database name).
    (re.compile(r'(\bmysql\w*\b[^|;\n]*?\s-p)(?=[^\s-])%s' % _VALUE), r'\1' + TEXT_MASK),
    # URL userinfo: scheme://user:password@host
    (re.compile(r'(\b[a-z][a-z0-9+.-]*://[^:/\s@]+:)[^@\s/]+@', re.I), r'\1' + TEXT_MASK + '@'),
)
# SQL comments may carry anything (connection strings, hints with credentials): their text is dropped.
SQL_COMMENT = re.compile(r'/\*.*?(?:\*/|$)|--[^\n]*', re.S)


def redact_text(text):
    """Free text with every value in a secret context masked (any value: short ones too)."""
    if not text or not isinstance(text, str):
        return text
    for pattern, replacement in SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def mask_sql_comments(text):
    """SQL text with the content of every comment replaced (`/* *** */`)."""
    if not text:
        return text
    return SQL_COMMENT.sub(lambda m: '/* %s */' % TEXT_MASK if m.group(0).startswith('/*') else '-- ' + TEXT_MASK, text)


def distinctive(value, keep=()):
    """A secret value that may be masked anywhere in free text without destroying other text."""
    return len(value) >= FREE_TEXT_MIN_LEN and value.lower() not in COMMON_VALUES and value not in keep


class Redactor(object):
    """Masks secret contexts and the distinctive values of secrets in free text, and secret-named keys' values."""

    def __init__(self, secrets=(), keep=()):
        self.secrets = set()
        self.keep = set(str(k) for k in keep or () if k is not None)
        self._pattern = None
        self.add(secrets)

    @staticmethod
    def secret_values(variables, under_secret=False, _depth=0, vaulted=None):
        """Values of secret-looking names and, with a `vaulted` predicate (plugin_utils/redaction.is_vaulted on
        the controller), every vault-encrypted value, in a (nested) mapping."""
        values = []
        if _depth > 8:
            return values
        if vaulted is not None and vaulted(variables):
            try:
                return [str(variables)]
            except Exception:  # pylint: disable=broad-except  # not decryptable here: it cannot be printed either
                return values
        if isinstance(variables, dict):
            for name, value in variables.items():
                values.extend(Redactor.secret_values(value, under_secret or bool(SECRET_NAME.search(str(name))), _depth + 1, vaulted))
        elif isinstance(variables, (list, tuple)):
            for value in variables:
                values.extend(Redactor.secret_values(value, under_secret, _depth + 1, vaulted))
        elif under_secret and variables is not None and not isinstance(variables, (bool, int, float)):
            values.append(str(variables))
        return values

    def add(self, secrets):
        for secret in secrets:
            secret = str(secret)
            if len(secret) >= MIN_SECRET_LEN and secret.lower() not in NOT_SECRETS and '{{' not in secret:
                self.secrets.add(secret)
        anywhere = sorted((s for s in self.secrets if distinctive(s, self.keep)), key=len, reverse=True)
        self._pattern = re.compile('|'.join(re.escape(secret) for secret in anywhere)) if anywhere else None
        return self

    def text(self, value):
        if not isinstance(value, str) or not value:
            return value
        value = redact_text(value)
        if self._pattern is not None:
            value = self._pattern.sub(MASK, value)
        return value

    def __call__(self, data, _depth=0):
        """A redacted copy of data (dicts, lists, strings; other scalars as they are); keys are never changed."""
        if _depth > 30:
            return data
        if isinstance(data, dict):
            clean = {}
            for key, value in data.items():
                name = str(key)
                if name in PROTECTED_FIELDS:
                    clean[key] = value
                elif isinstance(value, str) and value and SECRET_NAME.search(name) and name not in ('key', 'id'):
                    clean[key] = MASK
                else:
                    clean[key] = self(value, _depth + 1)
            return clean
        if isinstance(data, (list, tuple)):
            return [self(value, _depth + 1) for value in data]
        return self.text(data)
