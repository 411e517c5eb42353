# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side collection from REST arrays (OceanStor), many arrays concurrently.

collect(spec) returns the inspection of one array; inspect_many(specs) runs them in a thread
pool. Every failure of the login becomes a storage.reach item: no answer is a fault, refused
credentials or an unusable answer are critical without the fault mark. An endpoint that answers
with an error after the login leaves reach ok (listing it) and gives its items as one unknown
item naming the endpoint. The password is never put in a detail.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import socket

from ansible.module_utils.six.moves import http_cookiejar
from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.urls import open_url

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.storage import lists, oceanstor
from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model, silent_inspection
from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout

LOGIN_PATH = '/deviceManager/rest/xxxxx/sessions'


class _Session(object):
    """One logged-in OceanStor session (cookie jar + iBaseToken)."""

    def __init__(self, spec, timeout):
        self.base = 'https://%s:%d' % (spec['address'], spec['port'])
        self.spec = spec
        self.timeout = timeout
        self.cookies = http_cookiejar.CookieJar()
        self.headers = {'Content-Type': 'application/json', 'Accept': 'application/json'}
        self.device = None

    def request(self, method, path, body=None):
        data = json.dumps(body) if body is not None else None
        try:
            response = open_url(self.base + path, method=method, data=data, headers=self.headers, cookies=self.cookies,
                                validate_certs=self.spec.get('validate_certs', False), timeout=self.timeout,
                                follow_redirects='none')
            return response.read()
        except HTTPError as exc:
            return exc.read()

    def login(self):
        body = self.request('POST', LOGIN_PATH, {'username': self.spec['user'], 'password': self.spec['password'],
                                                 'scope': str(self.spec.get('scope', 0))})
        data = oceanstor.unwrap(body, 'login')
        if not isinstance(data, dict) or not data.get('iBaseToken') or not data.get('deviceid'):
            raise oceanstor.OceanStorError(said('storage.rest.no_token', 'login: answer has no iBaseToken/deviceid'))
        self.headers['iBaseToken'] = data['iBaseToken']
        self.device = data['deviceid']

    def get(self, path):
        return oceanstor.unwrap(self.request('GET', '/deviceManager/rest/%s%s' % (self.device, path)), 'GET %s' % path)

    def logout(self):
        try:
            self.request('DELETE', '/deviceManager/rest/%s/sessions' % self.device)
        except (URLError, socket.error, ValueError):
            pass


def collect(spec, timeout=10):
    """The inspection of one OceanStor array."""
    target = spec['target']
    if not spec.get('user') or not spec.get('password'):
        return silent_inspection(target, said('storage.rest.no_credentials', 'itops_storage_user and itops_storage_password are required for the REST API'),
                                 fault=False)
    session = _Session(spec, timeout)
    try:
        session.login()
    except oceanstor.OceanStorError as exc:
        return silent_inspection(target, _login_failed(exc), fault=False)
    except (URLError, socket.error, ValueError) as exc:
        return silent_inspection(target, said('storage.rest.no_answer', 'no answer from https://{address}:{port:d}: {error!q}',
                                              address=spec['address'], port=int(spec['port']), error=str(getattr(exc, 'reason', exc))))
    answers, problems = {}, {}
    try:
        for key, path in oceanstor.PATHS:
            try:
                answers[key] = session.get(path)
            except oceanstor.OceanStorError as exc:
                problems[key] = exc.reason
    except (URLError, socket.error, ValueError) as exc:
        return silent_inspection(target, said('storage.rest.connection_lost', 'connection lost during collection: {error!q}',
                                              error=str(getattr(exc, 'reason', exc))))
    finally:
        session.logout()
    detail = lists.rest_reach(spec['port'], session.device, [problems[key] for key, _p in oceanstor.PATHS if key in problems])
    return items_from_model(target, oceanstor.model_from_answers(answers, problems), overrides=spec.get('thresholds'),
                            reach_detail=detail)


def _login_failed(exc):
    """The storage.reach detail of a login the array did not accept (exc: an OceanStorError of the login)."""
    ours, params = getattr(exc.reason, 'detail_id', None), getattr(exc.reason, 'params', None) or {}
    if ours == 'storage.rest.error' and exc.auth:
        return said('storage.rest.login_refused', 'REST login refused: login: error {code} {description!q}',
                    code=params['code'], description=params['description'])
    if ours == 'storage.rest.error':
        return said('storage.rest.login_error', 'login: error {code} {description!q}', code=params['code'], description=params['description'])
    if ours == 'storage.rest.answer':
        return said('storage.rest.login_answer', 'login: {problem!w}', problem=params['problem'])
    return exc.reason if ours else said('storage.rest.login_failed', '{error!q}', error=str(exc))


COLLECTORS = {'oceanstor': collect}


def inspect_many(specs, timeout=10, concurrency=16):
    """One inspection per spec, in spec order; a crash of one collector is that array's item."""
    def crashed(spec, exc):
        return silent_inspection(spec['target'], said('storage.collection_failed', 'collection failed: {error!q}', error=fanout.describe(exc)),
                                 fault=False)
    return fanout.run_threads(specs, lambda spec: COLLECTORS[spec['vendor']](spec, timeout=timeout), concurrency, crashed)
