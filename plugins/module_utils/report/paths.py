# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the collection's report templates and schema live, found from this file's location."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

# plugins/module_utils/report/paths.py -> the collection root is three levels above this directory.
COLLECTION_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'))


def templates_dir():
    return os.path.join(COLLECTION_ROOT, 'reports_templates')


def schema_path():
    return os.path.join(COLLECTION_ROOT, 'docs', 'run-record.schema.json')
