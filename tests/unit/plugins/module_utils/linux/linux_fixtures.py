# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Collector outputs for the Linux parser tests (tests/unit/fixtures/linux/README.md says how each was made)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from ansible_collections.medops.itops.plugins.module_utils.linux.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.linux.options import normalize

FIXTURES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'linux')


def fixture_path(name):
    return os.path.normpath(os.path.join(FIXTURES, name))


def read_fixture(name):
    """(collector output, normalised options) of a fixture; options come from its `# options:` line."""
    with open(fixture_path(name), encoding='utf-8') as handle:
        text = handle.read()
    options = {}
    for line in text.splitlines()[:3]:
        if line.startswith('# options:'):
            options = json.loads(line.split(':', 1)[1])
    return text, normalize(options)


def run_fixture(name, **overrides):
    text, options = read_fixture(name)
    options.update(overrides)
    inspection, info, warnings = assemble(text, options, name.rsplit('/', 1)[-1].split('.')[0])
    return inspection, info, warnings


def items_by(inspection, item_id, subject=Ellipsis):
    return [i for i in inspection['items'] if i['id'] == item_id and (subject is Ellipsis or i['subject'] == subject)]


def one(inspection, item_id, subject=Ellipsis):
    found = items_by(inspection, item_id, subject)
    assert len(found) == 1, '%s@%s: %r' % (item_id, subject, found)
    return found[0]
