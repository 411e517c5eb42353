"""Write the lab's snmpsim recordings (tools/lab/snmp/<profile>.snmprec) from the profile modules.

Usage: python tools/lab/snmp/make_recordings.py [--check]
  --check  write nothing; exit 1 if a committed recording differs from what the profiles give.
The lab serves the committed files; run this after changing a profile and commit both.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import profile_huawei_s5720  # noqa: E402  pylint: disable=wrong-import-position
import snmprec_writer  # noqa: E402  pylint: disable=wrong-import-position

# One entry per device kind; a new kind (H3C, firewall, UPS, precision AC) is one more module.
PROFILES = [profile_huawei_s5720]


def recording_path(name):
    return os.path.join(HERE, name + '.snmprec')


def build(profile):
    """The text of one profile's recording."""
    return snmprec_writer.render(profile.records())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='compare instead of writing')
    args = parser.parse_args(argv)
    stale = []
    for profile in PROFILES:
        text = build(profile)
        path = recording_path(profile.NAME)
        if args.check:
            try:
                with open(path, encoding='utf-8') as handle:
                    current = handle.read()
            except FileNotFoundError:
                current = None
            if current != text:
                stale.append(path)
            continue
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
        print('wrote %s (%d records)' % (path, text.count('\n')))
    for path in stale:
        print('out of date: %s (run make_recordings.py)' % path, file=sys.stderr)
    return 1 if stale else 0


if __name__ == '__main__':
    sys.exit(main())
