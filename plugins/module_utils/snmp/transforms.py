# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure value transforms of the SNMP profiles: numbers from whatever an agent sent, scaling,
enumerations to statuses, percentages from two values, counter deltas and rates with wrap.

Each returns (value, None) or (None, reason): garbage from a device becomes a reason on an
`unknown` item, never an exception.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math
import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

NUMBER_TEXT = re.compile(r'^\s*([-+]?\d+(?:\.\d+)?)\s*$')
WRAP = {32: 2 ** 32, 64: 2 ** 64}


def to_number(value):
    """A number from an SNMP value: integers as they are, OctetStrings holding a plain decimal
    number (some agents send '45' or '23.5' as text) parsed, anything else a reason."""
    if value is None:
        return None, said('snmp.value.missing', 'no such object or instance')
    if isinstance(value, bool):
        return None, said('snmp.value.not_a_number', 'not a number: {value!q}', value=repr(value))
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None, said('snmp.value.not_finite', 'not a finite number')
        return value, None
    if isinstance(value, bytes):
        try:
            text = value.decode('ascii')
        except UnicodeDecodeError:
            return None, said('snmp.value.binary', 'not a number: {count:d} bytes of binary data', count=len(value))
        match = NUMBER_TEXT.match(text)
        if not match:
            return None, said('snmp.value.not_a_number', 'not a number: {value!q}', value=repr(text[:40]))
        number = float(match.group(1))
        return (int(number) if number.is_integer() and '.' not in match.group(1) else number), None
    return None, said('snmp.value.not_a_number', 'not a number: {value!q}', value=repr(str(value)[:40]))


def to_text(value):
    """Display text of an SNMP value (OctetStrings decoded as UTF-8, GB18030 as a fallback)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        for encoding in ('utf-8', 'gb18030'):
            try:
                return ' '.join(value.decode(encoding).replace('\x00', ' ').split())
            except UnicodeDecodeError:
                continue
        return value.decode('latin-1')
    return str(value)


def scale(number, factor=None, offset=None):
    """number x factor + offset, rounded to 3 decimals; integers stay integers when possible."""
    result = number
    if factor is not None:
        result = result * factor
    if offset is not None:
        result = result + offset
    if isinstance(result, float):
        result = round(result, 3)
        if result.is_integer() and isinstance(number, int) and (factor is None or float(factor).is_integer()):
            result = int(result)
    return result


def apply_precision(number, digits):
    """ENTITY-SENSOR-MIB style fixed point: 235 with precision 1 is 23.5 (precision -9..9)."""
    if not isinstance(digits, int) or isinstance(digits, bool) or digits < -9 or digits > 9:
        return None, said('snmp.value.bad_precision', 'sensor precision {digits} is not an integer from -9 to 9', digits=repr(digits))
    if digits == 0:
        return number, None
    return round(number / (10.0 ** digits), max(digits, 0)), None


def check_range(number, bounds):
    """A reason when number lies outside [low, high] (an absurd reading), else None."""
    if not bounds or number is None:
        return None
    low, high = bounds
    if number < low or number > high:
        return said('snmp.value.implausible', 'implausible value {value} (expected {low} to {high})', value=number, low=low, high=high)
    return None


def enum_status(raw, status_map, labels=None, default='unknown'):
    """(status, label) of an enumerated value; keys may be given as numbers or strings."""
    key = raw
    number, _reason = to_number(raw)
    candidates = [key, number, str(number) if number is not None else None, to_text(raw)]
    status, label = None, None
    for candidate in candidates:
        if candidate is None or isinstance(candidate, (list, dict, set)):
            continue
        if status is None and candidate in status_map:
            status = status_map[candidate]
        if label is None and labels and candidate in labels:
            label = labels[candidate]
    if label is None:
        label = to_text(raw) if number is None else str(number)
    return status or default, label


def percent(part, whole, complement=False):
    """(part / whole x 100) or its complement, 2 decimals; a reason for a zero or negative whole."""
    if whole is None or part is None:
        return None, said('snmp.percent.missing', 'a value of the percentage is missing')
    if whole <= 0:
        return None, said('snmp.percent.no_total', 'total is {total}, no percentage', total=whole)
    if part < 0:
        return None, said('snmp.percent.negative', 'negative value {value}', value=part)
    value = part * 100.0 / whole
    if complement:
        value = 100.0 - value
    return round(value, 2), None


def counter_delta(previous, current, bits=32):
    """Increase of a counter between two readings; one wrap at 2^bits is allowed.

    Returns (delta, None) or (None, reason). A 64-bit counter going back, or a 32-bit one whose
    previous value does not fit 32 bits, is a reset (agent restart), not a wrap.
    """
    if previous is None or current is None:
        return None, said('snmp.counter.missing', 'a counter reading is missing')
    if isinstance(previous, bool) or isinstance(current, bool) or not isinstance(previous, int) or not isinstance(current, int):
        return None, said('snmp.counter.not_integers', 'counter readings are not integers: {previous!q}, {current!q}',
                          previous=repr(previous), current=repr(current))
    modulus = WRAP.get(bits)
    if modulus is None:
        return None, said('snmp.counter.bad_size', 'counter size {bits} is not 32 or 64', bits=repr(bits))
    if current < 0 or previous < 0 or current >= modulus or previous >= modulus:
        return None, said('snmp.counter.out_of_range', 'counter reading out of range for {bits:d} bits', bits=bits)
    if current >= previous:
        return current - previous, None
    if bits == 64:
        return None, said('snmp.counter.went_back', 'counter went back ({previous:d} -> {current:d}): reset, device restarted?',
                          previous=previous, current=current)
    return current + modulus - previous, None


def rate(previous, current, seconds, bits=32, per_seconds=1):
    """Counter increase per `per_seconds` over `seconds`: (rate, None) or (None, reason)."""
    if not seconds or seconds <= 0:
        return None, said('snmp.counter.no_time', 'no time between the two samples')
    delta, reason = counter_delta(previous, current, bits)
    if reason:
        return None, reason
    return round(delta * float(per_seconds) / seconds, 3), None


def number_reason(what, reason):
    """'<what>: <reason>' of a to_number() reason, said in one piece (`what` a column name or a word)."""
    kind, params = getattr(reason, 'detail_id', None), getattr(reason, 'params', None) or {}
    if kind == 'snmp.value.missing':
        return said('snmp.value.missing_in', '{what!w}: no such object or instance', what=what)
    if kind == 'snmp.value.not_finite':
        return said('snmp.value.not_finite_in', '{what!w}: not a finite number', what=what)
    if kind == 'snmp.value.binary':
        return said('snmp.value.binary_in', '{what!w}: not a number: {count:d} bytes of binary data', what=what, count=params['count'])
    if kind == 'snmp.value.not_a_number':
        return said('snmp.value.not_a_number_in', '{what!w}: not a number: {value!q}', what=what, value=params['value'])
    return said('snmp.value.unusable_in', '{what!w}: {reason!q}', what=what, reason=str(reason))
