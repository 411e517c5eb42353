# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The manual inspection form: one row per device and physical check, as XLSX and YAML.

The checks per device class come from reports_templates/manual_checks.yml. The engineer fills in
result (正常/异常/未检), value, note, checked_by, reviewed_by and checked_at; importer.py reads it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

try:
    import yaml
    HAS_YAML = True
except ImportError:  # pragma: no cover - PyYAML ships with ansible-core
    HAS_YAML = False

try:
    import xlsxwriter
    HAS_XLSXWRITER = True
except ImportError:
    HAS_XLSXWRITER = False

from ansible_collections.medops.itops.plugins.module_utils.report.paths import templates_dir

COLUMNS = ('device', 'device_class', 'check_id', 'check', 'result', 'value', 'note', 'checked_by', 'reviewed_by', 'checked_at')
FILLED = ('result', 'value', 'note', 'checked_by', 'reviewed_by', 'checked_at')
RESULTS_ZH = ('正常', '异常', '未检')
RESULTS_EN = ('ok', 'fault', 'not_checked')
SHEET = 'manual'
WIDTHS = {'device': 18, 'device_class': 14, 'check_id': 18, 'check': 20, 'result': 8, 'value': 12, 'note': 36,
          'checked_by': 10, 'reviewed_by': 10, 'checked_at': 18}
MAX_ROWS = 20000


class FormError(Exception):
    """The form or the checks catalog cannot be used; the message names the file."""


def checks_path(base_dir=None):
    return os.path.join(base_dir or templates_dir(), 'manual_checks.yml')


def load_checks(path=None):
    """{device_class: [{id, critical}]} plus the 'default' list for other classes."""
    path = path or checks_path()
    try:
        with open(path, encoding='utf-8') as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise FormError('manual checks catalog %s: %s' % (path, exc))
    classes = dict(data.get('classes') or {})
    classes['default'] = data.get('default') or []
    for name, checks in classes.items():
        if not isinstance(checks, list) or not all(isinstance(c, dict) and c.get('id') for c in checks):
            raise FormError('manual checks catalog %s: classes.%s must be a list of {id, critical}' % (path, name))
    return classes


def checks_for(classes, device_class):
    return classes.get(device_class) or classes.get('default') or []


def form_rows(devices, classes, catalog=None):
    """[{device, device_class, check_id, check, ...}] for [(host, device_class)] in inventory order."""
    rows = []
    for host, device_class in devices:
        for check in checks_for(classes, device_class):
            name = catalog.item_name('manual.%s' % check['id']) if catalog is not None else check['id']
            row = dict((key, '') for key in COLUMNS)
            row.update(device=host, device_class=device_class or '', check_id=check['id'], check=name)
            rows.append(row)
    if len(rows) > MAX_ROWS:
        raise FormError('the form would have %d rows (more than %d): write it for a smaller inventory group' % (len(rows), MAX_ROWS))
    return rows


def write_yaml(path, rows, language='zh_CN'):
    results = RESULTS_ZH if language == 'zh_CN' else RESULTS_EN
    header = ('# Manual inspection form (medops.itops). Fill in result (%s), value, note, checked_by, reviewed_by\n'
              '# and checked_at (YYYY-MM-DD HH:MM) per row, then run the inspection with -e itops_manual_form=%s\n---\n'
              % (' / '.join(results), os.path.basename(path)))
    body = yaml.safe_dump({'rows': rows}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=160)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(header + body)
    os.chmod(path, 0o640)
    return path


def write_xlsx(path, rows, catalog=None, language='zh_CN'):
    """The form as a workbook: one sheet, header row, result drop-down (data validation)."""
    if not HAS_XLSXWRITER:
        raise FormError('writing the XLSX form requires the xlsxwriter library (pip install xlsxwriter)')
    results = RESULTS_ZH if language == 'zh_CN' else RESULTS_EN
    book = xlsxwriter.Workbook(path, {'strings_to_formulas': False, 'strings_to_urls': False})
    try:
        sheet = book.add_worksheet(SHEET)
        head = book.add_format({'bold': True, 'bg_color': '#DCE6F1', 'border': 1})
        locked = book.add_format({'bg_color': '#F3F4F6', 'border': 1})
        fill = book.add_format({'border': 1, 'locked': False})
        for col, key in enumerate(COLUMNS):
            sheet.write_string(0, col, key, head)
            sheet.set_column(col, col, WIDTHS[key])
        for index, row in enumerate(rows, 1):
            for col, key in enumerate(COLUMNS):
                sheet.write_string(index, col, str(row.get(key) or ''), fill if key in FILLED else locked)
        last = max(len(rows), 1)
        col = COLUMNS.index('result')
        sheet.data_validation(1, col, last, col, {
            'validate': 'list', 'source': list(results) + [r for r in RESULTS_ZH + RESULTS_EN if r not in results],
            'error_title': 'result', 'error_message': ' / '.join(RESULTS_ZH + RESULTS_EN)})
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    finally:
        book.close()
    os.chmod(path, 0o640)
    return path
