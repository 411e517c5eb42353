# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Splitting the collector's output into sections, and the small text helpers parsers share."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math
import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

HEADER = re.compile(r'^=== (\S+)(?: (.*?))? ===$')
MARKER = re.compile(r'^!!! (missing|timeout|unreadable|unknown) ?(.*)$')


class Section(object):
    """One `=== name [arg] ===` block: its lines and the `!!!` markers found in it."""

    def __init__(self, name, arg=None):
        self.name = name
        self.arg = arg
        self.lines = []
        self.markers = []

    def add(self, line):
        match = MARKER.match(line)
        if match:
            self.markers.append((match.group(1), match.group(2).strip()))
        else:
            self.lines.append(line)

    def marker(self, kind):
        """The text of the first marker of this kind, '' when present without text, None if absent."""
        for found, text in self.markers:
            if found == kind:
                return text
        return None

    def problem(self):
        """A short reason when the section carries a missing/timeout/unreadable marker."""
        for kind, text in self.markers:
            if kind == 'missing':
                return said('linux.collector.not_installed', '{tool} not installed', tool=text)
            if kind == 'timeout':
                return said('linux.collector.timed_out', 'timed out: {step}', step=text)
            if kind in ('unreadable', 'unknown'):
                return said('linux.collector.unreadable', '{what!q}', what=text)
        return None

    def keyvalues(self):
        """key=value lines as a dict (first occurrence wins); other lines are ignored."""
        return keyvalues(self.lines)

    def subsections(self):
        """`--- name` sub-blocks as an ordered list of (name, lines)."""
        result = []
        for line in self.lines:
            if line.startswith('--- '):
                result.append((line[4:].strip(), []))
            elif result:
                result[-1][1].append(line)
        return result

    def text_size(self):
        return sum(len(line) + 1 for line in self.lines)


class Sections(object):
    """All sections of one collector run, in order; repeated names keep every instance."""

    def __init__(self, text):
        self.order = []
        current = None
        for raw in (text or '').splitlines():
            line = raw.rstrip('\r')
            match = HEADER.match(line)
            if match:
                current = Section(match.group(1), match.group(2))
                self.order.append(current)
            elif current is not None:
                current.add(line)

    def get(self, name):
        """The first section of that name, or None when the collector never printed it."""
        for section in self.order:
            if section.name == name:
                return section
        return None

    def all(self, name):
        return [s for s in self.order if s.name == name]

    def by_arg(self, name, arg):
        for section in self.order:
            if section.name == name and section.arg == arg:
                return section
        return None

    def complete(self):
        """True when the collector reached its final `end` section."""
        return self.get('end') is not None

    def sizes(self):
        """Bytes per section name (repeated sections summed), for debugging."""
        sizes = {}
        for section in self.order:
            sizes[section.name] = sizes.get(section.name, 0) + section.text_size()
        return sizes


def keyvalues(lines):
    result = {}
    for line in lines:
        if '=' not in line:
            continue
        key, value = line.split('=', 1)
        key = key.strip()
        if key and key not in result:
            result[key] = value.strip()
    return result


def to_int(text):
    """int or None, never an exception."""
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


def to_float(text):
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    if math.isnan(value) or math.isinf(value):
        return None
    return value


def pct(part, whole, digits=1):
    if part is None or not whole:
        return None
    return round(100.0 * part / whole, digits)


def missing_reason(section, what):
    """Why a section's data is not there, for an unknown item's detail."""
    if section is None:
        return said('linux.collector.no_output', 'no {what} output (collector output missing or truncated)', what=what)
    return section.problem() or said('linux.collector.unusable', 'no usable {what} output', what=what)
