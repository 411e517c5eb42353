"""Write the lab's snmpsim recordings (tools/lab/snmp/<profile>.snmprec) from the profile modules.

Usage: python tools/lab/snmp/make_recordings.py [--check]
  --check  write nothing; exit 1 if a committed recording differs from what the profiles give.
The lab serves the committed files; run this after changing a profile and commit both.
"""
import argparse
import inspect
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

# pylint: disable=wrong-import-position
import profile_apc_srt  # noqa: E402
import profile_env_sensors  # noqa: E402
import profile_h3c_s5560x  # noqa: E402
import profile_h3c_secpath_f100  # noqa: E402
import profile_hillstone_sg6000  # noqa: E402
import profile_huawei_s5720  # noqa: E402
import profile_huawei_s5735  # noqa: E402
import profile_huawei_s7706  # noqa: E402
import profile_huawei_ups5000  # noqa: E402
import profile_sangfor_af1000  # noqa: E402
import profile_ups_rfc1628_generic  # noqa: E402
import snmprec_writer  # noqa: E402
# pylint: enable=wrong-import-position

# One module per device kind. A module may write several recordings (`RECORDINGS`: name ->
# faults baked in), e.g. a healthy one and one with the lab's planted faults.
PROFILES = [profile_huawei_s5720, profile_huawei_s5735, profile_h3c_s5560x, profile_huawei_s7706, profile_hillstone_sg6000,
            profile_sangfor_af1000, profile_h3c_secpath_f100, profile_huawei_ups5000, profile_apc_srt,
            profile_env_sensors, profile_ups_rfc1628_generic]


def recording_path(name):
    return os.path.join(HERE, name + '.snmprec')


def recordings(profile):
    """{recording name: faults} of one profile module."""
    return getattr(profile, 'RECORDINGS', None) or {profile.NAME: ()}


def all_recordings():
    """[(recording name, profile module, faults)] for every recording the generator writes."""
    return [(name, profile, faults) for profile in PROFILES for name, faults in sorted(recordings(profile).items())]


def build(profile, recording=None):
    """The text of one recording of a profile (its first, healthy one by default)."""
    recording = recording or profile.NAME
    faults = tuple(recordings(profile)[recording])
    params = inspect.signature(profile.records).parameters
    kwargs = {}
    if 'faults' in params:
        kwargs['faults'] = faults
    elif faults:
        raise ValueError('%s: records() takes no faults' % profile.NAME)
    if 'recording' in params:
        kwargs['recording'] = recording
    return snmprec_writer.render(profile.records(**kwargs))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='compare instead of writing')
    args = parser.parse_args(argv)
    stale = []
    for name, profile, _faults in all_recordings():
        text = build(profile, name)
        path = recording_path(name)
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
