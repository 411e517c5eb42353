# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Importing a filled manual inspection form (XLSX or YAML) as inspections.

Every row is validated on its own: a bad row gives one error naming its row number and the rest
of the form is kept. Results: 正常/ok -> ok, 异常/fault -> warning (critical for checks marked
critical in manual_checks.yml), 未检/not_checked -> unknown.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import os

try:
    import yaml
    HAS_YAML = True
except ImportError:  # pragma: no cover - PyYAML ships with ansible-core
    HAS_YAML = False

try:
    import openpyxl
    HAS_OPENPYXL = True
except ImportError:
    HAS_OPENPYXL = False

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import DEVICE_CLASSES, make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.manual.form import COLUMNS, RESULTS_EN, RESULTS_ZH, SHEET, FormError, checks_for

RESULTS = {'正常': 'ok', 'ok': 'ok', '异常': 'fault', 'fault': 'fault', '未检': 'not_checked', 'not_checked': 'not_checked'}
TIME_FORMATS = ('%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%Y/%m/%d %H:%M', '%Y/%m/%d')
TEXT_MAX = 500


def read_form(path):
    """[(row number, {column: text})] from an .xlsx or .yml/.yaml form."""
    if not os.path.isfile(path):
        raise FormError('manual form %s: no such file' % path)
    lower = path.lower()
    if lower.endswith('.xlsx'):
        return _read_xlsx(path)
    if lower.endswith(('.yml', '.yaml')):
        return _read_yaml(path)
    raise FormError('manual form %s: expected an .xlsx or .yml file' % path)


def _text(value):
    if value is None:
        return ''
    if isinstance(value, datetime.datetime):
        return value.strftime('%Y-%m-%d %H:%M')
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return ' '.join(str(value).split())[:TEXT_MAX]


def _read_xlsx(path):
    if not HAS_OPENPYXL:
        raise FormError('reading the XLSX form requires the openpyxl library (pip install openpyxl)')
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # pylint: disable=broad-except  # zipfile/XML errors of a damaged workbook
        raise FormError('manual form %s: not a readable workbook: %s' % (path, exc))
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [_text(cell).lower() for cell in next(lines, ())]
        missing = [c for c in ('device', 'result') if c not in header]
        if missing:
            raise FormError('manual form %s: row 1 must name the columns (%s); missing %s' % (path, ', '.join(COLUMNS), ', '.join(missing)))
        rows = []
        for number, cells in enumerate(lines, 2):
            values = dict((header[i], _text(cell)) for i, cell in enumerate(cells) if i < len(header) and header[i])
            if any(values.values()):
                rows.append((number, values))
        return rows
    finally:
        book.close()


def _read_yaml(path):
    try:
        with open(path, encoding='utf-8') as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise FormError('manual form %s: %s' % (path, exc))
    entries = data.get('rows') if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise FormError('manual form %s: expected a list of rows under `rows:`' % path)
    rows = []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            rows.append((number, dict((str(k).lower(), _text(v)) for k, v in entry.items())))
        else:
            rows.append((number, None))
    return rows


def _when(text):
    for fmt in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def validate_row(number, row, classes, known_devices=None, inventory_class=None):
    """(parsed row, None) or (None, 'row N: ...')."""
    if row is None:
        return None, 'row %d: expected a mapping of %s' % (number, ', '.join(COLUMNS))
    device = row.get('device') or ''
    if not device:
        return None, 'row %d: device is empty' % number
    if known_devices is not None and device not in known_devices:
        return None, 'row %d: device %s is not in the inventory' % (number, device)
    check_id = row.get('check_id') or row.get('check') or ''
    if not check_id:
        return None, 'row %d: check_id is empty' % number
    if not all(ch.isalnum() or ch in '_-' for ch in check_id) or not check_id.isascii():
        return None, 'row %d: check_id %r must be letters, digits, _ or -' % (number, check_id)
    result = RESULTS.get(row.get('result') or '', RESULTS.get((row.get('result') or '').lower()))
    if result is None:
        if not row.get('result'):
            return None, 'row %d: result is empty (one of %s)' % (number, '/'.join(RESULTS_ZH + RESULTS_EN))
        return None, 'row %d: result must be one of %s, got %r' % (number, '/'.join(RESULTS_ZH + RESULTS_EN), row.get('result'))
    if result != 'not_checked' and not row.get('checked_by'):
        return None, 'row %d: checked_by is required when the result is %s' % (number, row.get('result'))
    checked_at = None
    if row.get('checked_at'):
        checked_at = _when(row['checked_at'])
        if checked_at is None:
            return None, 'row %d: checked_at %r is not a date (YYYY-MM-DD HH:MM)' % (number, row['checked_at'])
    device_class = row.get('device_class') or None
    if device_class is not None and device_class not in DEVICE_CLASSES:
        return None, 'row %d: device_class %r is not one of the known device classes' % (number, device_class)
    critical = any(c['id'] == check_id and c.get('critical') for c in checks_for(classes, inventory_class or device_class))
    return {'row': number, 'device': device, 'device_class': device_class, 'check_id': check_id, 'result': result,
            'value': row.get('value') or None, 'note': row.get('note') or None, 'checked_by': row.get('checked_by') or None,
            'reviewed_by': row.get('reviewed_by') or None, 'checked_at': checked_at, 'critical': critical}, None


def _item(row):
    status = {'ok': 'ok', 'not_checked': 'unknown', 'fault': 'critical' if row['critical'] else 'warning'}[row['result']]
    # The engineer's note is the hospital's own words: a plain parameter, shown as written.
    detail = said('manual.note', '{note}', note=row['note']) if row['note'] else None
    if row['result'] == 'not_checked' and not detail:
        detail = said('manual.not_checked', 'not checked (未检)')
    return make_item('manual.%s' % row['check_id'], subject=None, value=row['value'], status=status, detail=detail,
                     checked_by=row['checked_by'], reviewed_by=row['reviewed_by'])


def import_rows(rows, classes, device_classes=None, known_devices=None):
    """(inspections, errors): one inspection per device with its manual.* items; errors name the row."""
    device_classes = device_classes or {}
    errors = []
    by_device = {}
    order = []
    seen = set()
    for number, raw in rows:
        device = (raw or {}).get('device') if isinstance(raw, dict) else None
        parsed, error = validate_row(number, raw, classes, known_devices, device_classes.get(device))
        if error:
            errors.append(error)
            continue
        key = (parsed['device'], parsed['check_id'])
        if key in seen:
            errors.append('row %d: %s %s appears twice; the first row is kept' % (number, parsed['device'], parsed['check_id']))
            continue
        seen.add(key)
        if parsed['device'] not in by_device:
            by_device[parsed['device']] = []
            order.append(parsed['device'])
        by_device[parsed['device']].append(parsed)
    inspections = []
    for device in order:
        parsed_rows = by_device[device]
        device_class = device_classes.get(device) or next((r['device_class'] for r in parsed_rows if r['device_class']), None)
        stamps = [r['checked_at'] for r in parsed_rows if r['checked_at'] is not None]
        collected_at = max(stamps).astimezone().replace(microsecond=0).isoformat() if stamps else None
        inspection = make_inspection(device, device_class, [_item(r) for r in parsed_rows], collected_at=collected_at)
        if device_class is None:
            inspection['device_class'] = None
        inspections.append(inspection)
    return inspections, errors
