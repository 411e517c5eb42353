# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rendering of a run record into the deliverables (controller side only).

Entry points: `render.render_all()` and `schema.validate_run()`; see docs/report-json.md.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type
