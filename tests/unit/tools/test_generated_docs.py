# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Docs generated from code are up to date, and every default threshold names its source."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import sys

from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import resolve

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))


def test_generated_docs_are_current():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'gen_docs.py'), '--check'],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout


def test_every_default_has_a_source_and_a_usable_rule():
    for item_id, rule in DEFAULTS.items():
        assert rule.get('source'), '%s has no source' % item_id
        resolved = resolve(item_id)
        assert resolved['direction'] in ('above', 'below')
        if resolved.get('warning') is not None and resolved.get('critical') is not None:
            worse = resolved['critical'] >= resolved['warning'] if resolved['direction'] == 'above' else resolved['critical'] <= resolved['warning']
            assert worse, '%s: critical must be worse than warning' % item_id
