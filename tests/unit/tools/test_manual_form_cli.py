# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""itops-report manual-form on the lab inventory: it reads the inventory with ansible's own loader,
which module_utils unit tests may not import, hence a tools test."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib.machinery
import importlib.util
import io
import os

from ansible_collections.medops.itops.plugins.module_utils.manual import form, importer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))


def test_manual_form_cli_on_the_lab_inventory(tmp_path):
    path = os.path.join(ROOT, 'tools', 'report', 'itops-report')
    loader = importlib.machinery.SourceFileLoader('itops_report_manual', path)
    cli = importlib.util.module_from_spec(importlib.util.spec_from_loader('itops_report_manual', loader))
    loader.exec_module(cli)
    out = io.StringIO()
    assert cli.main(['manual-form', '-i', os.path.join(ROOT, 'inventories', 'lab', 'hosts.yml'), '--language', 'en',
                     '--out', str(tmp_path)], out=out) == 0
    assert os.path.isfile(str(tmp_path / 'manual_form.xlsx'))
    rows, errors = importer.import_rows(importer.read_form(str(tmp_path / 'manual_form.yml')), form.load_checks())
    assert rows == [] and errors and all('result is empty' in e for e in errors)
