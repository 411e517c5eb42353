#!/usr/bin/env python
"""A lab NTP clock: answers NTP client requests (RFC 5905 mode 3) in server mode (mode 4).

    ntp_server.py --listen 0.0.0.0:123 --stratum 1 --refid GPS --offset 3.0

`--offset` seconds are added to every timestamp it sends: an honest clock says 0, a drifting
one +3 (its GPS receiver lost lock and the oscillator ran away). One process per clock, inside
the clock's network namespace; stdlib only, so the lab can run it with any Python 3.
"""
import argparse
import asyncio
import struct
import time

NTP_EPOCH_DELTA = 2208988800          # seconds from 1900-01-01 (NTP era 0) to 1970-01-01
PACKET = struct.Struct('!BBbbII4sQQQQ')
MODE_CLIENT, MODE_SERVER = 3, 4


def to_ntp(unix_seconds):
    """Unix time -> 64-bit NTP timestamp (32.32 fixed point)."""
    value = unix_seconds + NTP_EPOCH_DELTA
    return (int(value) << 32) | int((value - int(value)) * 2 ** 32)


def reply(request, now, stratum, refid, offset):
    """The server-mode answer to one client packet, or None for anything that is not a client request."""
    if len(request) < PACKET.size:
        return None
    first = request[0]
    version, mode = (first >> 3) & 0x7, first & 0x7
    if mode != MODE_CLIENT or version not in (1, 2, 3, 4):
        return None
    poll = struct.unpack('!b', request[2:3])[0]
    client_transmit = struct.unpack('!Q', request[40:48])[0]
    leap = 0 if stratum < 16 else 3                          # 3: alarm, clock not synchronised
    received = to_ntp(now + offset)
    return PACKET.pack((leap << 6) | (version << 3) | MODE_SERVER, stratum, poll, -20,
                       0,                                     # root delay: a stratum 1 clock has none
                       int(0.0005 * 2 ** 16),                 # root dispersion 0.5 ms (16.16)
                       refid.encode('ascii')[:4].ljust(4, b'\0'),
                       to_ntp(now + offset - 16),             # reference time: last GPS update 16 s ago
                       client_transmit, received, to_ntp(time.time() + offset))


class Server(asyncio.DatagramProtocol):
    def __init__(self, args):
        self.args = args
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        answer = reply(data, time.time(), self.args.stratum, self.args.refid, self.args.offset)
        if answer is not None:
            self.transport.sendto(answer, addr)


async def serve(args):
    host, _sep, port = args.listen.rpartition(':')
    loop = asyncio.get_running_loop()
    await loop.create_datagram_endpoint(lambda: Server(args), local_addr=(host or '0.0.0.0', int(port)))
    await asyncio.Event().wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--listen', default='0.0.0.0:123')
    parser.add_argument('--stratum', type=int, default=1)
    parser.add_argument('--refid', default='GPS')
    parser.add_argument('--offset', type=float, default=0.0, help='seconds added to every timestamp sent')
    parser.add_argument('--run-dir', help='the lab directory of this device (names the process for the lab)')
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
