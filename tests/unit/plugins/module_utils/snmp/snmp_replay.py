# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replay of recorded or written varbind sets (tests/unit/fixtures/snmp/) through the real walker:
an Engine whose transport answers GET and GETBULK from a sorted list instead of a UDP socket."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import bisect
import json
import os

from ansible_collections.medops.itops.plugins.module_utils.snmp.engine import Engine, SnmpTimeout

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'snmp'))


def _key(oid):
    return tuple(int(p) for p in oid.split('.'))


def load(name):
    """{oid: value} of a fixture file."""
    data = {}
    with open(os.path.join(FIXTURES, name)) as handle:
        for line in handle:
            oid, kind, value = json.loads(line)
            data[oid] = bytes.fromhex(value) if kind == 'hex' else value
    return data


class ReplayEngine(Engine):
    """Answers from `data`; OIDs under any prefix of `silent` time out, like a device that stops answering.
    With `dies_after` N, every request after the first N times out (a device killed during its poll)."""

    library = 'replay'

    def __init__(self, data, silent=(), max_repetitions=25, dies_after=None):
        super(ReplayEngine, self).__init__('replay', 161, {'version': '2c'}, 1, 0, max_repetitions)
        self.dies_after = dies_after
        self.answered = 0
        self.log = []       # the OIDs of each request, in order
        self.data = data
        self.keys = sorted(data, key=_key)
        self.sorted_keys = [_key(k) for k in self.keys]
        self.silent = silent

    def _request(self):
        self.answered += 1
        if self.dies_after is not None and self.answered > self.dies_after:
            raise SnmpTimeout('no response within 1s x 1 tries')

    def _check_silent(self, oid):
        if any(oid == s or oid.startswith(s + '.') for s in self.silent):
            raise SnmpTimeout('no response within 1s x 1 tries')

    async def _get(self, oids):
        self.log.append(list(oids))
        self._request()
        for oid in oids:
            self._check_silent(oid)
        return [(oid, self.data.get(oid)) for oid in oids]

    async def _bulk(self, oid):
        self.log.append([oid])
        self._request()
        self._check_silent(oid)
        start = bisect.bisect_right(self.sorted_keys, _key(oid))
        rows = [(k, self.data[k]) for k in self.keys[start:start + self.max_repetitions]]
        if len(rows) < self.max_repetitions:
            rows.append((rows[-1][0] if rows else oid, None))       # endOfMibView
        return rows
