"""One simulated IPMI-only BMC (iLO 3 / older iDRAC and iBMC firmware): OpenIPMI's `ipmi_sim`
on UDP 0.0.0.0:623 (RMCP+), configured by tools/lab/ipmi/make_emu.py (lan.conf with the entry's
user, an emulation command file with the SDRs, sensors, SEL and FRU, and the planted faults).
Debian package: openipmi (bindep.txt, profile lab); probed with ipmitool.
"""
import os
import shutil
import subprocess
import sys

from . import paths

IPMI_DIR = os.path.join(paths.LAB_DIR, 'ipmi')
PORT = 623


def _make_emu():
    sys.path.insert(0, IPMI_DIR)
    try:
        import make_emu  # pylint: disable=import-outside-toplevel,import-error
    finally:
        sys.path.remove(IPMI_DIR)
    return make_emu


def prepare(entry, run_dir):
    if not shutil.which('ipmi_sim'):
        raise ValueError('%s: ipmi_sim not found: apt-get install openipmi ipmitool (bindep.txt, profile lab)' % entry['name'])
    state = os.path.join(run_dir, 'state')
    shutil.rmtree(state, ignore_errors=True)         # persisted SDRs/SEL of an earlier start would pile up
    os.makedirs(state, mode=0o700)
    _make_emu().write(run_dir, entry, entry.get('planted') or [], port=PORT)


def command(_entry, run_dir, _bin_dir):
    return ['ipmi_sim', '-n', '-c', os.path.join(run_dir, 'lan.conf'), '-f', os.path.join(run_dir, 'bmc.emu'),
            '-s', os.path.join(run_dir, 'state')]


def environment():
    return dict(os.environ)


def probe(entry, timeout=2.0):
    """(True, detail) if `ipmitool -I lanplus mc info`-like access (sdr count) works with the entry's credentials."""
    argv = ['ipmitool', '-I', 'lanplus', '-C', '3', '-H', entry['address'], '-p', str(PORT), '-U', entry['username'], '-E',
            '-N', str(max(1, int(timeout))), '-R', '1', 'sdr', 'info']
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout * 3 + 2, check=False,
                              env=dict(os.environ, IPMI_PASSWORD=entry['password']))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, 'ipmitool: %s' % exc
    if proc.returncode != 0:
        return False, 'ipmitool sdr info: %s' % (proc.stderr.strip().splitlines() or ['exit %d' % proc.returncode])[-1]
    return True, 'IPMI answers (RMCP+)'
