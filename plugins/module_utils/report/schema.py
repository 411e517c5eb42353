# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation of a run record against docs/run-record.schema.json (JSON Schema draft 2020-12)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

try:
    import jsonschema
    HAS_JSONSCHEMA = True
except ImportError:
    HAS_JSONSCHEMA = False

from ansible_collections.medops.itops.plugins.module_utils.report.paths import schema_path

MAX_REPORTED_ERRORS = 5

_VALIDATOR = []


class RunRecordError(ValueError):
    """The run record does not match docs/run-record.schema.json; `errors` lists (path, message)."""

    def __init__(self, message, errors=None):
        super(RunRecordError, self).__init__(message)
        self.errors = errors or []


def load_schema(path=None):
    with open(path or schema_path(), encoding='utf-8') as handle:
        return json.load(handle)


def inline_refs(node, defs, depth=0, inlining=()):
    """Replace each lone local `{"$ref": "#/$defs/x"}` by its target: jsonschema then validates
    tens of thousands of items about twice as fast (no reference resolution per item). A recursive
    definition (params holding a detail that has params) keeps its $ref inside itself."""
    if depth > 50:
        raise RunRecordError('run record schema: $ref nesting too deep')
    if isinstance(node, dict):
        ref = node.get('$ref')
        if len(node) == 1 and isinstance(ref, str) and ref.startswith('#/$defs/') and ref[8:] in defs:
            if ref[8:] in inlining:
                return node
            return inline_refs(defs[ref[8:]], defs, depth + 1, inlining + (ref[8:],))
        return dict((key, inline_refs(value, defs, depth + 1, inlining) if key != '$defs' else value) for key, value in node.items())
    if isinstance(node, list):
        return [inline_refs(value, defs, depth + 1, inlining) for value in node]
    return node


def _validator():
    if not HAS_JSONSCHEMA:
        raise RunRecordError('validating a run record requires the jsonschema library (pip install jsonschema)')
    if not _VALIDATOR:
        schema = load_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATOR.append(jsonschema.Draft202012Validator(inline_refs(schema, schema.get('$defs', {}))))
    return _VALIDATOR[0]


def _path(error):
    return '/'.join(str(part) for part in error.absolute_path) or '(record)'


def _short(message, limit=200):
    return message if len(message) <= limit else message[:limit] + '...'


def validate_run(run):
    """Raise RunRecordError naming the first offending paths when `run` is not a valid run record."""
    errors = sorted(_validator().iter_errors(run), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return run
    pairs = [(_path(error), _short(error.message)) for error in errors]
    run_id = run.get('run_id') if isinstance(run, dict) else None
    shown = '; '.join('%s: %s' % pair for pair in pairs[:MAX_REPORTED_ERRORS])
    more = ' (and %d more)' % (len(pairs) - MAX_REPORTED_ERRORS) if len(pairs) > MAX_REPORTED_ERRORS else ''
    raise RunRecordError('invalid run record %s: %s%s' % (run_id or '(no run_id)', shown, more), pairs)
