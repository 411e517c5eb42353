# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side redaction (docs/redaction.md): what needs ansible-core itself.

module_utils/inspection/redact.py holds the patterns and the Redactor (plain Python, unit-tested
on its own); this module adds what only the controller has: recognising vault-encrypted values
(ansible-core 2.19 tags them), the secrets of the task host's and the other targets' variables,
and the decorator that redacts an action plugin's result before ansible-core prints or stores it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import functools

from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import SECRET_NAME, Redactor

_ENCRYPTED_FILES = {}


def _from_encrypted_file(value):
    """True for a value loaded from a whole-file vault (-e @secrets.vault.yml, vaulted group_vars): 2.19
    tags such values only with their Origin, the file; the file's first bytes say whether it is a vault."""
    try:
        from ansible._internal._datatag._tags import Origin
    except ImportError:
        return False
    origin = Origin.get_tag(value)
    path = getattr(origin, 'path', None)
    if not path:
        return False
    if path not in _ENCRYPTED_FILES:
        try:
            with open(path, 'rb') as handle:
                _ENCRYPTED_FILES[path] = handle.read(14) == b'$ANSIBLE_VAULT'
        except (IOError, OSError):
            _ENCRYPTED_FILES[path] = False
    return _ENCRYPTED_FILES[path]


def is_vaulted(value):
    """True for a vault-encrypted value of ansible-core 2.19: an EncryptedString (`!vault`), a value tagged
    VaultedValue, or a string from a vault-encrypted file."""
    try:
        from ansible.parsing.vault import VaultHelper
    except ImportError:
        return False
    try:
        if VaultHelper.get_ciphertext(value, with_tags=False) is not None:
            return True
        return isinstance(value, str) and _from_encrypted_file(value)
    except Exception:  # pylint: disable=broad-except  # an odd value is simply not a vaulted one
        return False


SKIP_VARS = frozenset(['hostvars', 'vars', 'groups', 'group_names', 'omit', 'play_hosts', 'ansible_play_hosts', 'ansible_play_batch',
                       'ansible_play_hosts_all', 'inventory_dir', 'inventory_file', 'playbook_dir', 'role_path', 'ansible_facts',
                       'ansible_config_file', 'ansible_search_path', 'environment'])


def _resolved(values, templar):
    """Secret values given as templates ('{{ vault_db_password }}') resolved with the task's templar."""
    plain = []
    for value in values:
        if '{{' in value and templar is not None:
            try:
                value = str(templar.template(value))
            except Exception:  # pylint: disable=broad-except  # an undefined secret is simply not masked
                continue
        plain.append(value)
    return plain


def _targets(result):
    found = []
    if isinstance(result.get('inspection'), dict):
        found.append(result['inspection'].get('target'))
    for inspection in result.get('inspections') or []:
        if isinstance(inspection, dict):
            found.append(inspection.get('target'))
    return [t for t in found if t]


def task_redactor(task_vars, templar=None, result=None):
    """The Redactor of one task: secrets of the task host's variables and of the other targets in the result."""
    task_vars = task_vars or {}
    scope = dict((k, v) for k, v in task_vars.items() if k not in SKIP_VARS)
    secrets = _resolved(Redactor.secret_values(scope, vaulted=is_vaulted), templar)
    hostvars = task_vars.get('hostvars')
    me = task_vars.get('inventory_hostname')
    for target in set(_targets(result or {})) - set([me]):
        try:
            other = hostvars[target] if hostvars is not None and target in hostvars else None
            if other is not None:
                raw = hostvars.raw_get(target) if hasattr(hostvars, 'raw_get') else {}
                secrets.extend(v for v in Redactor.secret_values(dict((k, v) for k, v in raw.items() if is_vaulted(v)), vaulted=is_vaulted)
                               if '{{' not in v)
                names = [k for k in other if k not in SKIP_VARS and SECRET_NAME.search(str(k))]
                secrets.extend(Redactor.secret_values(dict((k, other[k]) for k in names), vaulted=is_vaulted))
        except Exception:  # pylint: disable=broad-except  # a host whose vars cannot be read adds nothing
            continue
    groups = task_vars.get('groups') or {}
    keep = list(groups.get('all') or []) if isinstance(groups, dict) else []
    return Redactor(secrets, keep=keep + [me])


def redact_result(result, task_vars, templar=None):
    """The task result with secrets masked (docs/redaction.md); `itops_redact: false` turns it off."""
    if not isinstance(result, dict) or str((task_vars or {}).get('itops_redact', True)).lower() in ('false', 'no', 'off', '0'):
        return result
    return task_redactor(task_vars, templar, result)(result)


def redacting(run):
    """Decorator of an action plugin's run(): its result is redacted before ansible-core sees it."""
    @functools.wraps(run)
    def wrapper(self, tmp=None, task_vars=None):
        result = run(self, tmp, task_vars)
        return redact_result(result, task_vars, getattr(self, '_templar', None))
    return wrapper
