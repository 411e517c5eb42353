# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Text from devices is bytes until decoded on purpose (docs/encoding.md).

Hospital applications often log in GBK; a log may also hold bytes that are no text at all.
ansible-core hands the output of a raw command back as str with surrogate escapes for bytes that
are not UTF-8; those surrogates crash every writer later (JSON, SQLite, XLSX). Everything a device
prints passes through decode_device_text() once, where it enters an item:

- `auto` (the default): each line is tried as strict UTF-8, then as GB18030 (a superset of GBK
  and GB2312), and decoded with replacement characters when neither fits;
- a declared encoding (`itops_text_encoding: gbk`): every line in that encoding, with replacement.

It never raises and never returns a surrogate.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import codecs

AUTO = 'auto'
# The encodings a device's text may be declared in: what hospital hosts write (the Chinese national
# encodings, UTF-8, Big5 from Taiwan/Hong Kong vendors, Latin-1 from old appliances).
ALLOWED = ('utf-8', 'gb18030', 'gbk', 'gb2312', 'big5', 'latin-1', 'ascii')


class EncodingError(ValueError):
    """An itops_text_encoding value that cannot decode device text; the message names it."""


def check_encoding(name):
    """The canonical name of an itops_text_encoding value ('auto' when unset). Raises EncodingError."""
    if name is None or (isinstance(name, str) and name.strip() == ''):
        return AUTO
    if not isinstance(name, str):
        raise EncodingError('itops_text_encoding must be a string (auto or one of %s), got %r' % (', '.join(ALLOWED), name))
    if name.strip().lower() == AUTO:
        return AUTO
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        canonical = None
    canonical = {'iso8859-1': 'latin-1', 'big5hkscs': 'big5'}.get(canonical, canonical)
    if canonical not in ALLOWED:
        raise EncodingError('itops_text_encoding %r is not usable for device text: use auto or one of %s' % (name, ', '.join(ALLOWED)))
    return canonical


def _as_bytes(data):
    if isinstance(data, bytes):
        return data
    if isinstance(data, bytearray):
        return bytes(data)
    # str from ansible-core: surrogate escapes stand for the bytes that were not UTF-8.
    return str(data).encode('utf-8', 'surrogateescape')


def _decode_line(line, encoding):
    if encoding != AUTO:
        return line.decode(encoding, 'replace')
    try:
        return line.decode('utf-8')
    except UnicodeDecodeError:
        pass
    try:
        return line.decode('gb18030')
    except UnicodeDecodeError:
        return line.decode('utf-8', 'replace')


def decode_device_text(data, encoding=AUTO):
    """str of device output (bytes, or str with surrogate escapes); line by line; never raises."""
    if data is None:
        return ''
    if isinstance(data, str):
        try:
            data.encode('utf-8')
            return data             # already clean text: the common case, nothing to do
        except UnicodeEncodeError:
            pass
    try:
        encoding = check_encoding(encoding)
    except EncodingError:
        encoding = AUTO
    raw = _as_bytes(data)
    if encoding == AUTO:
        try:
            return raw.decode('utf-8')
        except UnicodeDecodeError:
            pass
    return ''.join(_decode_line(line, encoding) for line in raw.splitlines(True))


def clean_text(value, encoding=AUTO, _depth=0):
    """A copy of a (nested) result with every str decoded by decode_device_text()."""
    if _depth > 20:
        return value
    if isinstance(value, (str, bytes, bytearray)):
        return decode_device_text(value, encoding)
    if isinstance(value, dict):
        return dict((clean_text(k, encoding, _depth + 1) if isinstance(k, (str, bytes)) else k, clean_text(v, encoding, _depth + 1))
                    for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [clean_text(v, encoding, _depth + 1) for v in value]
    return value
