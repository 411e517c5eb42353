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

Parameters are plain values (str, int, float, bool, None); None prints as '-'.
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


class DetailFormatter(string.Formatter):
    """str.format with the !w (word) and !q (verbatim) conversions; never raises on a missing word."""

    def __init__(self, words=None, quotes=('', '')):
        string.Formatter.__init__(self)
        self.words = words or {}
        self.quotes = quotes

    def convert_field(self, value, conversion):
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
        if isinstance(value, str) and format_spec and format_spec[-1:] in 'fdeg%':
            return value     # a number spec on a word (a parser that could not read the number)
        return string.Formatter.format_field(self, value, format_spec)


ENGLISH = DetailFormatter()


def said(detail_id, english, **params):
    """The English detail of `detail_id` with `params`, carrying both for the reports."""
    return Said(ENGLISH.format(english, **params), detail_id, params)


def render(template, params, words=None, quotes=('', ''), formatter=None):
    """`template` with `params` in a report's language; None when the template does not fit the params.
    A report renders thousands: it passes one `formatter` (DetailFormatter(words, quotes)) for all."""
    try:
        return (formatter or DetailFormatter(words, quotes)).format(template, **(params or {}))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None
