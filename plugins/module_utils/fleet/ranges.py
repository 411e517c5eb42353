# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Address ranges as a hospital engineer writes them in the DHCP plan.

    10.77.8.10-10.77.8.69      a range (inclusive)
    10.77.8.10-69              the same, short form
    10.77.8.0/26               a network (its host addresses)
    10.77.8.15                 one address
    "10.77.8.10-20, 10.77.8.40-50"   several, comma separated
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

MAX_ADDRESSES = 65536


class RangeError(ValueError):
    """A range that cannot be read; the message (a said() detail) quotes it."""


def too_many(part):
    return RangeError(said('fleet.range.too_many', '{range}: more than {limit:d} addresses', range=str(part), limit=MAX_ADDRESSES))


def _text(value):
    try:
        return u'%s' % value
    except (TypeError, ValueError):
        raise RangeError(said('fleet.range.not_text', '{value} is not a range', value=repr(value)))


def _one(part):
    try:
        if '/' in part:
            net = ipaddress.ip_network(part, strict=False)
            if net.version != 4:
                raise RangeError(said('fleet.range.not_ipv4', '{range}: only IPv4 ranges are supported', range=part))
            if net.num_addresses > MAX_ADDRESSES:
                raise too_many(part)
            return list(net.hosts()) if net.num_addresses > 2 else list(net)
        first, _sep, last = part.partition('-')
        low = ipaddress.IPv4Address(first.strip())
        if not last:
            return [low]
        last = last.strip()
        if '.' not in last:                      # short form 10.77.8.10-69
            last = '.'.join(first.strip().split('.')[:3] + [last])
        high = ipaddress.IPv4Address(last)
    except (ipaddress.AddressValueError, ValueError) as exc:
        if isinstance(exc, RangeError):
            raise
        raise RangeError(said('fleet.range.unreadable', '{value} is not an address, a range a.b.c.d-a.b.c.e or a network: {error!q}',
                              value=repr(part), error=str(exc)))
    if high < low:
        raise RangeError(said('fleet.range.backwards', '{range}: the range ends before it starts', range=part))
    if int(high) - int(low) >= MAX_ADDRESSES:
        raise too_many(part)
    return [low + i for i in range(int(high) - int(low) + 1)]


def expand(value):
    """[str address] of a range text (or a list of them), in order, without duplicates."""
    parts = value if isinstance(value, (list, tuple)) else _text(value).split(',')
    seen, result = set(), []
    for part in parts:
        part = _text(part).strip()
        if not part:
            continue
        for addr in _one(part):
            if addr not in seen:
                seen.add(addr)
                result.append(addr)
            if len(result) > MAX_ADDRESSES:
                raise too_many(value)
    if not result:
        raise RangeError(said('fleet.range.empty', '{value} holds no address', value=repr(value)))
    return [str(a) for a in result]
