#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Record the collector's `sysstat` section from lab servers as unit-test fixtures.

    .venv/bin/python tools/record_sysstat.py [HOST ...]      # default: his-app-01 ie-app-01

Sends the shipped collector library with only the meta and sysstat sections (the same shell
functions linux_inspect runs with sysstat=true) over SSH and writes
tests/unit/fixtures/linux/sysstat/recorded-<host>.txt. The lab enables sadc (tools/lab image:
ENABLED="true" in /etc/default/sysstat), so hosts that ran for a while have sar data files.
"""

from __future__ import absolute_import, division, print_function

import datetime
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, '.build'))
sys.path.insert(0, os.path.join(ROOT, 'tools'))

from ansible_collections.medops.itops.plugins.module_utils.linux.collector_script import LIBRARY, WRAPPER, quote  # noqa: E402
from record_fixtures import LAB_KEY, SSH_OPTS, lab_hosts  # noqa: E402

OUT = os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'linux', 'sysstat')

SINCE_HOURS = 744


def command():
    body = '\n'.join(['MO_VERSION=1', 'MO_SAMPLE=0', 'MO_STEP=15', 'MO_SLOW=30', 'MO_SA_HOURS=%d' % SINCE_HOURS, 'MO_M=record', LIBRARY,
                      'mo_probe_timeout', 'MO_START=$(mo_epoch)', 'sec_meta', 'sec_sysstat', 'sec end', 'echo "elapsed=0"'])
    return WRAPPER % {'body': quote(body), 'timeout': 60}


def main(argv):
    wanted = argv or ['his-app-01', 'ie-app-01']
    addresses = dict((name, address) for name, address, _options in lab_hosts())
    for name in wanted:
        ssh = ['ssh', '-i', LAB_KEY] + SSH_OPTS + ['root@%s' % addresses[name], command()]
        done = subprocess.run(ssh, capture_output=True, timeout=90, check=False)
        text = done.stdout.decode('utf-8', 'replace')
        path = os.path.join(OUT, 'recorded-%s.txt' % name)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write('# origin: lab host %s over SSH, tools/record_sysstat.py, %s\n' % (name, datetime.date.today().isoformat()))
            handle.write('# options: {"sysstat": true, "sysstat_since_hours": %d}\n' % SINCE_HOURS)
            handle.write(text)
        print('%s: %d lines, rc %d -> %s' % (name, len(text.splitlines()), done.returncode, path))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
