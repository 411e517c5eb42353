# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Open the history store read-only for "last seen", the way the inspection callback finds it.

Location: the task's `history` option, else ITOPS_HISTORY, else <ITOPS_REPORTS_DIR or reports>/
history.sqlite. `off` or a SQLite file that does not exist yet gives None (nothing to read; the
callback creates the file at the end of the first run). A history location set only in
ansible.cfg's [callback_inspection] section is not seen here: set ITOPS_HISTORY or the option.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.medops.itops.plugins.module_utils.history import default_location, open_store
from ansible_collections.medops.itops.plugins.module_utils.history.postgres import is_dsn


def locate(option=None, environ=None):
    environ = os.environ if environ is None else environ
    location = option or environ.get('ITOPS_HISTORY') or default_location(environ.get('ITOPS_REPORTS_DIR') or 'reports')
    return None if str(location).strip().lower() == 'off' else location


def open_history(option=None, environ=None):
    """(store or None, why not)."""
    location = locate(option, environ)
    if location is None:
        return None, 'history is off'
    if not is_dsn(location) and not os.path.isfile(location):
        return None, 'no history yet at %s' % location
    try:
        return open_store(location), None
    except Exception as exc:  # pylint: disable=broad-except  # a broken store must not stop the sweep
        return None, 'history store unusable: %s' % exc
