"""One lab NTP clock: tools/lab/ntp/ntp_server.py on 0.0.0.0:123 in the clock's namespace."""
import os
import socket
import struct
import sys
import time

from . import paths

SERVER = os.path.join(paths.LAB_DIR, 'ntp', 'ntp_server.py')


def prepare(entry, run_dir):
    """Nothing to write: the server takes everything on its command line."""
    del entry, run_dir


def command(entry, run_dir, bin_dir):
    del bin_dir
    # --run-dir names run_dir on the command line: devices.is_ours() recognises the process by it.
    return [sys.executable, SERVER, '--listen', '0.0.0.0:123', '--stratum', str(entry.get('stratum', 1)),
            '--refid', entry.get('refid', 'GPS'), '--offset', str(entry.get('offset_s', 0.0)), '--run-dir', run_dir + '/']


def environment():
    return dict(os.environ)


def probe(entry, timeout=1.0):
    """(True, 'stratum N refid R') if the clock answers an NTP client request."""
    request = b'\x23' + b'\0' * 47                     # LI 0, version 4, mode 3 (client)
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(timeout)
            sock.sendto(request, (entry['address'], 123))
            data, _peer = sock.recvfrom(512)
    except OSError as exc:
        return False, 'NTP query failed: %s' % exc
    if len(data) < 48 or data[0] & 0x7 != 4:
        return False, 'not an NTP server reply'
    transmit = struct.unpack('!Q', data[40:48])[0] / 2 ** 32 - 2208988800
    return True, 'stratum %d refid %s offset %+.1f s' % (data[1], data[12:16].rstrip(b'\0').decode('ascii', 'replace'),
                                                         transmit - time.time())
