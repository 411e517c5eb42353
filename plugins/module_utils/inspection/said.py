# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Details that reports can say in their own language.

A producer writes a detail once, in English, with its id and parameters:

    said('linux.service.state', 'systemd {active!w}/{sub!w}, {enabled!w}', active='inactive', sub='dead', enabled='enabled')

The item keeps the English text in `detail` (logs, -v output, the JSON record) and `detail_id` plus
`params`; a report in another language renders the id's template from
reports_templates/i18n/details/<area>.yml with the same parameters. Conversions in templates:

- `{x!w}`: a word the device or the tool speaks (a state, an enum): translated through the glossary
  (reports_templates/i18n/words.yml), kept as it is when the glossary has no entry;
- `{x!q}`: text quoted verbatim from the device (a log line, an alarm, a statement): shown inside
  「」 in Chinese documents, so a reader (and the language test) knows it is the device's own words.

Parameters are plain values (str, int, float, bool, None; None prints as '-'), another detail
(a Said: stored as {detail_id, params}, rendered with its own template) or `said_list(entries, sep)`
of details (stored as {said_list: [...], sep}, each entry rendered, joined with the language's
separator). One template then says a list of any length. A detail or list whose parts are not all
said() details keeps only its English text (a report shows it as it is).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import string

NONE_TEXT = '-'


class Said(str):
    """A detail text that also knows its id and parameters (a plain str everywhere else)."""

    detail_id = None
    params = None

    def __new__(cls, text, detail_id=None, params=None):
        obj = str.__new__(cls, text)
        obj.detail_id = detail_id
        obj.params = params
        return obj


class SaidList(str):
    """Details joined by `sep` in English (a plain str everywhere else); a said() parameter."""

    def __new__(cls, entries, sep):
        obj = str.__new__(cls, sep.join(entries))
        obj.entries = list(entries)
        obj.sep = sep
        return obj


def said_list(entries, sep='; '):
    """A said() parameter listing details; with an entry that is not a said() detail, the whole
    detail keeps only its English text."""
    return SaidList(entries, sep)


def _stored_detail(value):
    """A said() detail as the item stores it; ValueError for anything else (plain English)."""
    if not isinstance(value, Said) or value.detail_id is None:
        raise ValueError('not a said() detail')
    return {'detail_id': value.detail_id, 'params': value.params}


def _stored(value):
    """A parameter as the item stores it (JSON); raises ValueError for a part that is plain English."""
    if isinstance(value, SaidList):
        return {'said_list': [_stored_detail(entry) for entry in value.entries], 'sep': value.sep}
    if isinstance(value, Said):
        return _stored_detail(value)
    return value


class DetailFormatter(string.Formatter):
    """str.format with the !w (word) and !q (verbatim) conversions; never raises on a missing word.

    With `templates` (a report's), a parameter that is a stored detail or list is rendered in the
    same language; a missing template raises KeyError (the caller falls back to the English text)."""

    def __init__(self, words=None, quotes=('', ''), templates=None, separators=None):
        string.Formatter.__init__(self)
        self.words = words or {}
        self.quotes = quotes
        self.templates = templates or {}
        self.separators = separators or {}

    def _nested(self, value):
        if 'said_list' in value:
            sep = self.separators.get(value.get('sep'), value.get('sep') or '; ')
            return sep.join(self._nested(entry) for entry in value['said_list'])
        return self.format(self.templates[value['detail_id']], **(value.get('params') or {}))

    def convert_field(self, value, conversion):
        if isinstance(value, dict):
            return value     # a stored detail says itself (format_field)
        if conversion == 'w':
            if value is None:
                return None
            text = str(value)
            return self.words.get(text, self.words.get(text.lower(), text))
        if conversion == 'q':
            return None if value is None else '%s%s%s' % (self.quotes[0], value, self.quotes[1])
        return string.Formatter.convert_field(self, value, conversion)

    def format_field(self, value, format_spec):
        if value is None:
            return NONE_TEXT
        if isinstance(value, dict):
            return self._nested(value)
        if isinstance(value, str) and format_spec and format_spec[-1:] in 'fdeg%':
            return value     # a number spec on a word (a parser that could not read the number)
        return string.Formatter.format_field(self, value, format_spec)


ENGLISH = DetailFormatter()


def said(detail_id, english, **params):
    """The English detail of `detail_id` with `params`, carrying both for the reports."""
    text = ENGLISH.format(english, **params)
    try:
        stored = dict((key, _stored(value)) for key, value in params.items())
    except ValueError:
        return Said(text)    # a part is plain English: no template can say the whole
    return Said(text, detail_id, stored)


def render(template, params, words=None, quotes=('', ''), formatter=None):
    """`template` with `params` in a report's language; None when the template does not fit the params.
    A report renders thousands: it passes one `formatter` (DetailFormatter(words, quotes)) for all."""
    try:
        return (formatter or DetailFormatter(words, quotes)).format(template, **(params or {}))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None
