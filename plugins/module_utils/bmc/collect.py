# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side BMC inspection: Redfish over HTTPS or IPMI through ipmitool, many BMCs at once."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import socket

from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.urls import open_url

from ansible_collections.medops.itops.plugins.module_utils.bmc import ipmi, redfish
from ansible_collections.medops.itops.plugins.module_utils.bmc.items import items_from_model, silent_inspection
from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout


class AuthError(ValueError):
    """The BMC refused the credentials."""


def redfish_getter(spec, timeout):
    token = base64.b64encode(('%s:%s' % (spec.get('user') or '', spec.get('password') or '')).encode()).decode()
    base = 'https://%s:%d' % (spec['address'], spec['port'])

    def get(path):
        try:
            response = open_url(base + path, method='GET', headers={'Authorization': 'Basic ' + token, 'Accept': 'application/json'},
                                validate_certs=spec.get('validate_certs', False), timeout=timeout, follow_redirects='safe')
            body = response.read()
        except HTTPError as exc:
            if exc.code in (401, 403):
                raise AuthError('HTTP %d on %s: credentials refused' % (exc.code, path))
            raise ValueError('HTTP %d' % exc.code)
        try:
            return json.loads(body)
        except ValueError:
            raise ValueError('answer is not JSON')
    return get


def collect_redfish(spec, timeout=10):
    target = spec['target']
    get = redfish_getter(spec, timeout)
    try:
        get('/redfish/v1/Systems')          # the service root is open: this proves the credentials
        docs = redfish.collect_documents(get)
    except AuthError as exc:
        return silent_inspection(target, 'Redfish login refused: %s' % exc, fault=False)
    except (URLError, socket.error) as exc:
        return silent_inspection(target, 'no answer from https://%s:%d: %s' % (spec['address'], spec['port'], getattr(exc, 'reason', exc)))
    except ValueError as exc:
        return silent_inspection(target, 'Redfish answer unusable: %s' % exc, fault=False)
    inspection = items_from_model(target, redfish.model_from_documents(docs), overrides=spec.get('thresholds'),
                                  reach_detail='Redfish on port %d' % spec['port'])
    if docs['problems']:
        inspection['items'][0]['detail'] += '; not read: ' + '; '.join(docs['problems'][:5])
    return inspection


def collect_ipmi(spec, timeout=10):
    target = spec['target']
    outputs = {}
    for key, args in ipmi.COMMANDS:
        rc, out, err = ipmi.run_ipmitool(spec, args, timeout)
        if rc == 0:
            outputs[key] = out
            continue
        message = (err or out).strip().splitlines()
        reason = message[-1][:200] if message else 'exit %s' % rc
        if key == 'sdr':
            _rc, vout, verr = ipmi.run_ipmitool(spec, ['sdr', 'info'], timeout, verbose=True)
            refused = any(word.lower() in (vout + verr).lower() for word in ipmi.REFUSED_WORDS)
            return silent_inspection(target, 'IPMI %s: %s' % ('login refused' if refused else 'no answer', reason), fault=not refused)
    return items_from_model(target, ipmi.model_from_outputs(outputs), overrides=spec.get('thresholds'),
                            reach_detail='IPMI lanplus on port %d' % spec['port'])


COLLECTORS = {'redfish': collect_redfish, 'ipmi': collect_ipmi}


def inspect_many(specs, timeout=10, concurrency=16):
    """One inspection per spec, in spec order; a crash of one collector is that BMC's item."""
    def crashed(spec, exc):
        return silent_inspection(spec['target'], 'collection failed: %s' % fanout.describe(exc), fault=False)
    return fanout.run_threads(specs, lambda spec: COLLECTORS[spec['protocol']](spec, timeout=timeout), concurrency, crashed)
