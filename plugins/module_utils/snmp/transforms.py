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

NUMBER_TEXT = re.compile(r'^\s*([-+]?\d+(?:\.\d+)?)\s*$')
WRAP = {32: 2 ** 32, 64: 2 ** 64}


def to_number(value):
    """A number from an SNMP value: integers as they are, OctetStrings holding a plain decimal
    number (some agents send '45' or '23.5' as text) parsed, anything else a reason."""
    if value is None:
        return None, 'no such object or instance'
    if isinstance(value, bool):
        return None, 'not a number: %r' % value
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None, 'not a finite number'
        return value, None
    if isinstance(value, bytes):
        try:
            text = value.decode('ascii')
        except UnicodeDecodeError:
            return None, 'not a number: %d bytes of binary data' % len(value)
        match = NUMBER_TEXT.match(text)
        if not match:
            return None, 'not a number: %r' % text[:40]
        number = float(match.group(1))
        return (int(number) if number.is_integer() and '.' not in match.group(1) else number), None
    return None, 'not a number: %r' % (str(value)[:40],)


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
        return None, 'sensor precision %r is not an integer from -9 to 9' % (digits,)
    if digits == 0:
        return number, None
    return round(number / (10.0 ** digits), max(digits, 0)), None


def check_range(number, bounds):
    """A reason when number lies outside [low, high] (an absurd reading), else None."""
    if not bounds or number is None:
        return None
    low, high = bounds
    if number < low or number > high:
        return 'implausible value %s (expected %s to %s)' % (number, low, high)
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
        return None, 'a value of the percentage is missing'
    if whole <= 0:
        return None, 'total is %s, no percentage' % whole
    if part < 0:
        return None, 'negative value %s' % part
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
        return None, 'a counter reading is missing'
    if isinstance(previous, bool) or isinstance(current, bool) or not isinstance(previous, int) or not isinstance(current, int):
        return None, 'counter readings are not integers: %r, %r' % (previous, current)
    modulus = WRAP.get(bits)
    if modulus is None:
        return None, 'counter size %r is not 32 or 64' % bits
    if current < 0 or previous < 0 or current >= modulus or previous >= modulus:
        return None, 'counter reading out of range for %d bits' % bits
    if current >= previous:
        return current - previous, None
    if bits == 64:
        return None, 'counter went back (%d -> %d): reset, device restarted?' % (previous, current)
    return current + modulus - previous, None


def rate(previous, current, seconds, bits=32, per_seconds=1):
    """Counter increase per `per_seconds` over `seconds`: (rate, None) or (None, reason)."""
    if not seconds or seconds <= 0:
        return None, 'no time between the two samples'
    delta, reason = counter_delta(previous, current, bits)
    if reason:
        return None, reason
    return round(delta * float(per_seconds) / seconds, 3), None
