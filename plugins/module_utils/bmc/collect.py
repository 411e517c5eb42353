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
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said, said_list


class AuthError(ValueError):
    """The BMC refused the credentials (HTTP `code` on `path`)."""

    def __init__(self, code, path):
        super(AuthError, self).__init__('HTTP %d on %s: credentials refused' % (code, path))
        self.code, self.path = code, path


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
                raise AuthError(exc.code, path)
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
        return silent_inspection(target, said('bmc.redfish.login_refused', 'Redfish login refused: HTTP {code:d} on {path}: credentials refused',
                                              code=int(exc.code), path=str(exc.path)), fault=False)
    except (URLError, socket.error) as exc:
        return silent_inspection(target, said('bmc.redfish.no_answer', 'no answer from https://{address}:{port:d}: {error!q}',
                                              address=spec['address'], port=int(spec['port']), error=str(getattr(exc, 'reason', exc))))
    except ValueError as exc:
        reason = exc.args[0] if exc.args else ''
        if getattr(reason, 'detail_id', None) == 'bmc.redfish.root_unusable':
            detail = said('bmc.redfish.unusable_root', 'Redfish answer unusable: the service root /redfish/v1 is unusable: {path}: {reason!w}',
                          **reason.params)
        else:
            detail = said('bmc.redfish.unusable', 'Redfish answer unusable: {reason!w}', reason=str(exc))
        return silent_inspection(target, detail, fault=False)
    return items_from_model(target, redfish.model_from_documents(docs), overrides=spec.get('thresholds'),
                            reach_detail=redfish_reach(spec['port'], docs['problems'][:5]))


def redfish_reach(port, unread):
    """The bmc.reach detail of a walk that answered: the port, and the documents not read (bmc.redfish.unread, at most 5)."""
    port = int(port)
    if not unread:
        return said('bmc.reach.redfish', 'Redfish on port {port:d}', port=port)
    return said('bmc.reach.redfish_unread', 'Redfish on port {port:d}; not read: {unread}', port=port, unread=said_list(unread))


def collect_ipmi(spec, timeout=10):
    target = spec['target']
    outputs = {}
    for key, args in ipmi.COMMANDS:
        rc, out, err = ipmi.run_ipmitool(spec, args, timeout)
        if rc == 0:
            outputs[key] = out
            continue
        if key == 'sdr':
            _rc, vout, verr = ipmi.run_ipmitool(spec, ['sdr', 'info'], timeout, verbose=True)
            refused = any(word.lower() in (vout + verr).lower() for word in ipmi.REFUSED_WORDS)
            return silent_inspection(target, ipmi_failure(refused, rc, out, err), fault=not refused)
    return items_from_model(target, ipmi.model_from_outputs(outputs), overrides=spec.get('thresholds'),
                            reach_detail=said('bmc.reach.ipmi', 'IPMI lanplus on port {port:d}', port=int(spec['port'])))


def ipmi_failure(refused, rc, out, err):
    """The bmc.reach detail of an ipmitool run that failed: ipmitool's last line quoted, or its exit code."""
    message = (err or out).strip().splitlines()
    reason = message[-1][:200] if message else None
    if reason == ipmi.TIMED_OUT and rc == 124:
        if refused:
            return said('bmc.ipmi.refused_timed_out', 'IPMI login refused: ipmitool timed out')
        return said('bmc.ipmi.timed_out', 'IPMI no answer: ipmitool timed out')
    if reason is None:
        if refused:
            return said('bmc.ipmi.refused_exit', 'IPMI login refused: exit {rc}', rc=rc)
        return said('bmc.ipmi.no_answer_exit', 'IPMI no answer: exit {rc}', rc=rc)
    if refused:
        return said('bmc.ipmi.refused', 'IPMI login refused: {error!q}', error=reason)
    return said('bmc.ipmi.no_answer', 'IPMI no answer: {error!q}', error=reason)


COLLECTORS = {'redfish': collect_redfish, 'ipmi': collect_ipmi}


def inspect_many(specs, timeout=10, concurrency=16):
    """One inspection per spec, in spec order; a crash of one collector is that BMC's item."""
    def crashed(spec, exc):
        return silent_inspection(spec['target'], said('bmc.collection_failed', 'collection failed: {error!q}', error=fanout.describe(exc)),
                                 fault=False)
    return fanout.run_threads(specs, lambda spec: COLLECTORS[spec['protocol']](spec, timeout=timeout), concurrency, crashed)
