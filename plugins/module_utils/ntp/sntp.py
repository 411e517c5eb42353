# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small SNTP client (RFC 4330 / RFC 5905 client mode), many servers at once over asyncio.

One query: send a 48-byte mode 3 packet whose transmit timestamp is our clock (T1), read the
server's receive (T2) and transmit (T3) timestamps, note our arrival time (T4):
    offset = ((T2 - T1) + (T3 - T4)) / 2      delay = (T4 - T1) - (T3 - T2)
A positive offset means the server's clock is ahead of ours.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import os
import socket
import struct
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import Said, said

NTP_EPOCH_DELTA = 2208988800
PACKET = struct.Struct('!BBbbII4sQQQQ')
MODE_CLIENT, MODE_SERVER, MODE_BROADCAST = 3, 4, 5
LEAP_ALARM = 3


class NtpError(Exception):
    """No usable answer; the message (a said() detail) says why."""


def to_ntp(unix_seconds):
    value = unix_seconds + NTP_EPOCH_DELTA
    return (int(value) << 32) | int((value - int(value)) * 2 ** 32)


def from_ntp(timestamp):
    return timestamp / 2.0 ** 32 - NTP_EPOCH_DELTA


def request(now):
    """A client request (LI 0, version 4, mode 3) carrying `now` as transmit timestamp, with random
    low bits so that a reply can be matched to it (RFC 5905 section 9.1 origin check)."""
    nonce = struct.unpack('!I', os.urandom(4))[0] & 0xFFFF
    stamp = (to_ntp(now) & ~0xFFFF) | nonce
    return PACKET.pack((0 << 6) | (4 << 3) | MODE_CLIENT, 0, 6, -20, 0, 0, b'\0\0\0\0', 0, 0, 0, stamp), stamp


def refid_text(stratum, raw):
    """Stratum 0/1 refids are ASCII (GPS, PPS, BDS, a kiss code); higher strata carry an IPv4 address."""
    if stratum <= 1:
        return raw.rstrip(b'\0').decode('ascii', 'replace')
    return '.'.join(str(b) for b in bytearray(raw))


def parse(data, sent_stamp, t1, t4):
    """The answer as a dict; raises NtpError for a packet that is not a valid reply to ours."""
    if len(data) < PACKET.size:
        raise NtpError(said('ntp.error.short', 'short reply ({count:d} bytes)', count=len(data)))
    first, stratum, poll, precision, root_delay, root_disp, refid, ref, orig, recv, xmit = PACKET.unpack(data[:PACKET.size])
    leap, version, mode = first >> 6, (first >> 3) & 0x7, first & 0x7
    if mode not in (MODE_SERVER, MODE_BROADCAST):
        raise NtpError(said('ntp.error.mode', 'reply mode {mode:d} is not a server reply', mode=mode))
    if orig != sent_stamp:
        raise NtpError(said('ntp.error.origin', 'reply does not answer our request (origin timestamp mismatch)'))
    if stratum == 0:
        raise NtpError(said('ntp.error.kiss', 'kiss-o\'-death {code!w}', code=refid.rstrip(b'\0').decode('ascii', 'replace')))
    if xmit == 0:
        raise NtpError(said('ntp.error.no_transmit', 'server transmit timestamp is zero'))
    t2, t3 = from_ntp(recv), from_ntp(xmit)
    return {
        'leap': leap, 'version': version, 'stratum': stratum, 'poll': poll, 'precision': precision,
        'root_delay_ms': round(root_delay / 65.536, 3), 'root_dispersion_ms': round(root_disp / 65.536, 3),
        'refid': refid_text(stratum, refid), 'reference_time': from_ntp(ref) if ref else None,
        'offset_ms': round(((t2 - t1) + (t3 - t4)) / 2.0 * 1000.0, 3),
        'delay_ms': round(((t4 - t1) - (t3 - t2)) * 1000.0, 3),
    }


class _Client(asyncio.DatagramProtocol):
    def __init__(self, waiter):
        self.waiter = waiter

    def datagram_received(self, data, addr):
        if not self.waiter.done():
            self.waiter.set_result((data, time.time()))

    def error_received(self, exc):
        if not self.waiter.done():
            self.waiter.set_exception(exc)


async def query(host, port=123, timeout=2.0, retries=1):
    """Ask one server; returns parse()'s dict, raises NtpError (silent, refused, invalid)."""
    loop = asyncio.get_running_loop()
    last = None                 # why the last try got nothing: the timeout, or the socket's error text
    for _attempt in range(max(0, int(retries)) + 1):
        waiter = loop.create_future()
        try:
            transport, _proto = await loop.create_datagram_endpoint(lambda: _Client(waiter), remote_addr=(host, port),
                                                                    family=socket.AF_INET)
        except (OSError, socket.gaierror) as exc:
            raise NtpError(said('ntp.error.send', 'cannot send to {host}:{port}: {error!q}', host=host, port=port, error=str(exc)))
        try:
            t1 = time.time()
            packet, stamp = request(t1)
            transport.sendto(packet)
            try:
                data, t4 = await asyncio.wait_for(waiter, timeout)
            except asyncio.TimeoutError:
                last = None
                continue
            except OSError as exc:
                last = str(exc) or type(exc).__name__
                continue
            return parse(data, stamp, t1, t4)
        finally:
            transport.close()
    tries = max(0, int(retries)) + 1
    if last is None:
        raise NtpError(said('ntp.error.no_answer', 'no answer within {timeout:.1f} s ({tries:d} tries)', timeout=float(timeout), tries=tries))
    raise NtpError(said('ntp.error.socket', '{error!q} ({tries:d} tries)', error=last, tries=tries))


async def query_many(servers, timeout=2.0, retries=1, concurrency=64):
    """[(answer dict or None, error text or None)] for [(host, port)], queried concurrently."""
    async def one(server):
        return await query(server[0], server[1], timeout, retries), None

    def failed(_server, exc):   # one server's error never aborts the others (the error: a said() detail)
        if isinstance(exc, NtpError) and exc.args and isinstance(exc.args[0], Said):
            return None, exc.args[0]
        return None, said('ntp.error.crashed', '{error_type}: {error!q}', error_type=type(exc).__name__, error=str(exc))
    return await fanout.run_async(list(servers), one, concurrency, failed)
