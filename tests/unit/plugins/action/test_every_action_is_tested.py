# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every action plugin is driven by a unit test: named by make_action('<name>', ...) of the shared harness
or imported from plugins.action.<name> (mysql_inspect subclasses postgresql_inspect and is driven too)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))


def test_every_action_plugin_has_a_unit_test():
    actions = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(ROOT, 'plugins', 'action', '*.py'))
                     if not p.endswith('__init__.py'))
    assert len(actions) >= 13, actions
    texts = ''
    for path in glob.glob(os.path.join(ROOT, 'tests', 'unit', '**', 'test_*.py'), recursive=True):
        with open(path, encoding='utf-8') as handle:
            texts += handle.read()
    pattern = r"make_action\('%s'|_case\(monkeypatch, '%s'|plugins\.action(\.| import )%s\b"
    untested = [a for a in actions if not re.search(pattern % (a, a, a), texts)]
    assert untested == [], 'action plugins no unit test drives: %s' % untested
