"""Values and rendering of snmpsim `.snmprec` files (lines `OID|TAG|VALUE`).

A record is a tuple (oid, tag, value): oid a tuple of ints, tag the snmpsim tag text (with a
variation module after a colon where the value moves), value the text after the second `|`.
The helpers below build the value part so that profiles read as data.
"""

TAG_INTEGER = '2'
TAG_OCTETS = '4'
TAG_OCTETS_HEX = '4x'
TAG_OID = '6'
TAG_IPADDRESS = '64'
TAG_COUNTER32 = '65'
TAG_GAUGE32 = '66'
TAG_TIMETICKS = '67'
TAG_COUNTER64 = '70'

# Every tag a recording may use, with the variation modules we allow after the colon.
VALID_TAGS = {TAG_INTEGER, TAG_OCTETS, TAG_OCTETS_HEX, TAG_OID, TAG_IPADDRESS,
              TAG_COUNTER32, TAG_GAUGE32, TAG_TIMETICKS, TAG_COUNTER64}
NUMERIC_TAGS = {TAG_INTEGER, TAG_COUNTER32, TAG_GAUGE32, TAG_TIMETICKS, TAG_COUNTER64}
# numeric: counters that move; writecache: a value a test may change with an SNMP SET (a port flap).
VARIATION_MODULES = {'numeric', 'writecache'}

MAX32 = 2 ** 32 - 1


def oid(text):
    """'1.3.6.1' -> (1, 3, 6, 1)."""
    return tuple(int(part) for part in text.strip('.').split('.'))


def integer(value):
    return TAG_INTEGER, str(int(value))


def gauge(value):
    return TAG_GAUGE32, str(min(int(value), MAX32))


def timeticks(value):
    return TAG_TIMETICKS, str(int(value))


def object_id(text):
    return TAG_OID, text


def octets(text):
    """Printable ASCII stays readable; anything else (UTF-8 Chinese, CR/LF) is hex, as snmpsim wants."""
    if all(32 <= ord(char) < 127 for char in text):
        return TAG_OCTETS, text
    return TAG_OCTETS_HEX, text.encode('utf-8').hex()


def mac(text):
    """'00:e0:fc:3a:5b:10' -> six raw bytes (ifPhysAddress, entPhysical... are binary)."""
    return TAG_OCTETS_HEX, text.replace(':', '').lower()


def ipaddress(text):
    return TAG_IPADDRESS, text


def counter32(value):
    return TAG_COUNTER32, str(int(value) % (MAX32 + 1))


def counter64(value):
    return TAG_COUNTER64, str(int(value))


def moving(tag, rate, initial, wrap=True):
    """A counter that grows by `rate` per second from `initial` (snmpsim's numeric variation)."""
    value = 'rate=%s,initial=%d' % (rate, initial)
    if wrap:
        value += ',wrap=1'
    return tag + ':numeric', value


def writable(tag, value):
    """A value an SNMP SET can change while the agent runs (snmpsim's writecache variation);
    it is back to `value` when the agent restarts."""
    return tag + ':writecache', 'value=%d' % int(value)


def moving_counter32(rate, initial):
    return moving(TAG_COUNTER32, rate, initial % (MAX32 + 1))


def moving_counter64(rate, initial):
    return moving(TAG_COUNTER64, rate, initial)


def moving_timeticks(initial_seconds):
    """sysUpTime: hundredths of a second since boot, advancing in real time."""
    return moving(TAG_TIMETICKS, 100, initial_seconds * 100, wrap=False)


def row(prefix, index, column, value):
    """One table cell: prefix.column.index, where index is an int or a tuple of ints."""
    index = index if isinstance(index, tuple) else (index,)
    tag, text = value
    return oid(prefix) + (column,) + index, tag, text


def scalar(text_oid, value):
    tag, text = value
    return oid(text_oid), tag, text


def render(records):
    """The file's text: records sorted by OID numerically (snmpsim bisects the file), one per line."""
    ordered = sorted(records, key=lambda rec: rec[0])
    seen = set()
    lines = []
    for rec_oid, tag, text in ordered:
        if rec_oid in seen:
            raise ValueError('duplicate OID %s' % '.'.join(map(str, rec_oid)))
        seen.add(rec_oid)
        lines.append('%s|%s|%s' % ('.'.join(map(str, rec_oid)), tag, text))
    return '\n'.join(lines) + '\n'
