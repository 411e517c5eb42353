#!/usr/bin/env python
"""The thin clients of one lab site: one TCP listener for every address of its namespace.

    tc_listener.py --port 22 [--port 3389] --banner 'SSH-2.0-OpenSSH_7.9p1 ThinOS'

Bound to 0.0.0.0 inside the site's namespace, so every address the lab gave that namespace
answers a TCP connect (as a powered-on thin client does) and an unassigned address does not
(as a switched-off one). Sends the banner, then closes. Stdlib only.
"""
import argparse
import asyncio


async def serve(ports, banner):
    async def answer(_reader, writer):
        try:
            writer.write(banner)
            await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(answer, '0.0.0.0', port, backlog=1024, reuse_address=True) for port in ports]
    await asyncio.gather(*(server.serve_forever() for server in servers))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, action='append', required=True)
    parser.add_argument('--banner', default='SSH-2.0-OpenSSH_7.9p1 thin-client')
    parser.add_argument('--run-dir', help='the lab directory of this device (names the process for the lab)')
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.port, (args.banner + '\r\n').encode()))
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
