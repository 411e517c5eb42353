# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Is each address on? An asyncio sweep of many addresses with bounded concurrency.

TCP (the default): connect to the client's port. A completed handshake, or a refusal (RST: the
machine is on, the port closed), means online; a timeout or "no route/host unreachable" (no ARP
answer) means offline. ICMP: one `ping` per address (raw sockets need root; the ping binary
has the capability), used only when asked for and when ping exists.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import errno
import shutil
import time

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout

ONLINE_ERRNOS = (errno.ECONNREFUSED, errno.ECONNRESET)


async def tcp_probe(address, port, timeout):
    """('online'|'offline', detail, milliseconds)."""
    started = time.monotonic()
    try:
        _reader, writer = await asyncio.wait_for(asyncio.open_connection(address, port), timeout)
    except asyncio.TimeoutError:
        return 'offline', 'no answer in %.1f s' % timeout, None
    except OSError as exc:
        elapsed = round((time.monotonic() - started) * 1000.0, 1)
        if exc.errno in ONLINE_ERRNOS:
            return 'online', 'port %d closed (host answered)' % port, elapsed
        return 'offline', exc.strerror or str(exc), None
    elapsed = round((time.monotonic() - started) * 1000.0, 1)
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), 1.0)
    except (asyncio.TimeoutError, OSError):
        pass
    return 'online', 'port %d open' % port, elapsed


async def icmp_probe(address, timeout, ping):
    """('online'|'offline', detail, milliseconds) from one echo request through the ping binary."""
    started = time.monotonic()
    try:
        proc = await asyncio.create_subprocess_exec(ping, '-n', '-q', '-c', '1', '-W', str(max(1, int(round(timeout)))), address,
                                                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        code = await asyncio.wait_for(proc.wait(), timeout + 2)
    except (OSError, asyncio.TimeoutError) as exc:
        return 'offline', 'ping failed: %s' % exc, None
    if code == 0:
        return 'online', 'echo reply', round((time.monotonic() - started) * 1000.0, 1)
    return 'offline', 'no echo reply', None


async def sweep_async(targets, method='tcp', timeout=1.0, concurrency=256, ping=None):
    """{(address, port): (state, detail, ms)} for [(address, port)]."""
    async def one(target):
        if method == 'icmp':
            return await icmp_probe(target[0], timeout, ping)
        return await tcp_probe(target[0], target[1], timeout)

    def odd(_target, exc):   # one odd address never stops the sweep
        return 'offline', fanout.describe(exc), None

    unique = list(dict.fromkeys(targets))
    return dict(zip(unique, await fanout.run_async(unique, one, concurrency, odd)))


def sweep(targets, method='tcp', timeout=1.0, concurrency=256):
    """Blocking wrapper; method 'icmp' falls back to TCP (said in each detail) when ping is missing."""
    ping = shutil.which('ping') if method == 'icmp' else None
    used = 'icmp' if ping else 'tcp'
    found = fanout.own_loop(sweep_async(targets, used, timeout, concurrency, ping))
    if method == 'icmp' and not ping:
        found = dict((k, (s, 'ping not found, TCP used: %s' % d, ms)) for k, (s, d, ms) in found.items())
    return found, used
