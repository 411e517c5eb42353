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

from ansible_collections.medops.itops.plugins.module_utils.storage import oceanstor
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
            raise oceanstor.OceanStorError('login: answer has no iBaseToken/deviceid')
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
        return silent_inspection(target, 'itops_storage_user and itops_storage_password are required for the REST API', fault=False)
    session = _Session(spec, timeout)
    try:
        session.login()
    except oceanstor.OceanStorError as exc:
        return silent_inspection(target, 'REST login refused: %s' % exc if exc.auth else str(exc), fault=False)
    except (URLError, socket.error, ValueError) as exc:
        return silent_inspection(target, 'no answer from https://%s:%d: %s' % (spec['address'], spec['port'], getattr(exc, 'reason', exc)))
    answers, problems = {}, {}
    try:
        for key, path in oceanstor.PATHS:
            try:
                answers[key] = session.get(path)
            except oceanstor.OceanStorError as exc:
                problems[key] = str(exc)
    except (URLError, socket.error, ValueError) as exc:
        return silent_inspection(target, 'connection lost during collection: %s' % getattr(exc, 'reason', exc))
    finally:
        session.logout()
    detail = 'REST API on port %d, device %s' % (spec['port'], session.device)
    if problems:
        detail += '; not read: ' + '; '.join(problems[key] for key, _p in oceanstor.PATHS if key in problems)
    return items_from_model(target, oceanstor.model_from_answers(answers, problems), overrides=spec.get('thresholds'),
                            reach_detail=detail)


COLLECTORS = {'oceanstor': collect}


def inspect_many(specs, timeout=10, concurrency=16):
    """One inspection per spec, in spec order; a crash of one collector is that array's item."""
    def crashed(spec, exc):
        return silent_inspection(spec['target'], 'collection failed: %s' % fanout.describe(exc), fault=False)
    return fanout.run_threads(specs, lambda spec: COLLECTORS[spec['vendor']](spec, timeout=timeout), concurrency, crashed)
