# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side redaction: vault-encrypted values are secrets whatever their variable's name."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import Redactor
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import is_vaulted


def vault(text):
    """A value as ansible-core 2.19 loads a `!vault` variable: an EncryptedString (decrypts on str())."""
    from ansible.parsing.vault import EncryptedString, VaultLib, VaultSecret
    from ansible.parsing.vault import VaultSecretsContext
    secret = VaultSecret(b'unit-test-vault-password')
    try:
        VaultSecretsContext.initialize(VaultSecretsContext(secrets=[('default', secret)]))
    except Exception:  # pylint: disable=broad-except  # already initialised by an earlier test
        pass
    ciphertext = VaultLib([('default', secret)]).encrypt(text, secret).decode('ascii')
    return EncryptedString(ciphertext=ciphertext)


def test_vault_value_under_an_innocuous_name_is_masked_anywhere():
    variables = {'itops_gateway_ref': vault('Canary-Vault-5b9e21'), 'itops_system': 'HIS'}
    redactor = Redactor(Redactor.secret_values(variables, vaulted=is_vaulted))
    assert redactor({'detail': 'gateway rejected Canary-Vault-5b9e21'}) == {'detail': 'gateway rejected ********'}


def test_without_the_controller_predicate_a_vault_value_under_an_innocuous_name_is_not_known():
    variables = {'itops_gateway_ref': vault('Canary-Vault-5b9e21')}
    assert Redactor.secret_values(variables) == []
    assert is_vaulted(variables['itops_gateway_ref']) and not is_vaulted('Canary-Vault-5b9e21')
