# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the report tests: the realistic run of tests/unit/fixtures/runs/ and rendered copies."""

import copy
import json
import os

import pytest

FIXTURES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'runs')
OUTPUT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'output'))
INJECTION = '<script>alert(1)</script>'


def load_run(name='quarterly_zh.json'):
    with open(os.path.join(FIXTURES, name), encoding='utf-8') as handle:
        return json.load(handle)


@pytest.fixture
def run():
    return load_run()


@pytest.fixture
def hostile_run():
    """The fixture run with HTML in a hostname, a detail, a subject and the hospital name."""
    data = copy.deepcopy(load_run())
    old = 'his-app-02'
    host = INJECTION + '.his-app-02'
    for inspection in data['inspections']:
        if inspection['target'] == old:
            inspection['target'] = host
            for item in inspection['items']:
                if item['id'] == 'linux.log.errors':
                    item['detail'] = 'kernel: ' + INJECTION + ' <img src=x onerror=alert(2)> | **bold** [x](http://evil.example/)'
    for finding in data['findings']:
        if finding['target'] == old:
            finding['target'] = host
            if finding['id'] == 'linux.log.errors':
                finding['detail'] = 'kernel: ' + INJECTION + ' <img src=x onerror=alert(2)> | **bold** [x](http://evil.example/)'
    data['meta']['hospital'] = '某某市人民医院</style><script>alert(3)</script>'
    return data


@pytest.fixture
def output_dir():
    os.makedirs(OUTPUT, exist_ok=True)
    return OUTPUT
