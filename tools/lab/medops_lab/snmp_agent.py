"""One simulated SNMP device: an snmpsim command responder serving a recording on 0.0.0.0:161.

v2c answers to the entry's community (the data file is named after it) and v3 authPriv to the
entry's user; the same data is copied to `self.snmprec`, which snmpsim serves for the empty v3
context (it ignores symlinks). Wrong community or keys get no answer, like a real device.
"""
import os
import shutil

from . import paths

RECORDINGS_DIR = os.path.join(paths.LAB_DIR, 'snmp')
SYS_DESCR = '1.3.6.1.2.1.1.1.0'
HUAWEI_ENTERPRISE = 2011


def engine_id(entry):
    """RFC 3411 engine ID: vendor enterprise number with the top bit set, format 1 (IPv4), address."""
    octets = bytes(int(part) for part in entry['address'].split('.'))
    return '%08x01%s' % (0x80000000 | entry.get('enterprise', HUAWEI_ENTERPRISE), octets.hex())


def recording_file(entry):
    return os.path.join(RECORDINGS_DIR, entry['profile'] + '.snmprec')


def prepare(entry, run_dir):
    """Fresh data and cache directories for this device; returns nothing, raises OSError if unreadable."""
    data_dir = os.path.join(run_dir, 'data')
    cache_dir = os.path.join(run_dir, 'cache')
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(cache_dir, ignore_errors=True)   # snmpsim indexes by file name; stale indexes mislead it
    os.makedirs(data_dir, mode=0o700)
    os.makedirs(cache_dir, mode=0o700)
    source = recording_file(entry)
    shutil.copyfile(source, os.path.join(data_dir, entry['v2c_community'] + '.snmprec'))
    if entry.get('v3'):
        shutil.copyfile(source, os.path.join(data_dir, 'self.snmprec'))


def command(entry, run_dir, bin_dir):
    """The responder's argv; `--v3-engine-id` must come before the v3 user options."""
    argv = [os.path.join(bin_dir, 'snmpsim-command-responder'), '--v3-engine-id=' + engine_id(entry)]
    v3 = entry.get('v3')
    if v3:
        argv += ['--v3-user=' + v3['user'],
                 '--v3-auth-key=' + v3['auth_key'], '--v3-auth-proto=' + v3.get('auth_proto', 'SHA'),
                 '--v3-priv-key=' + v3['priv_key'], '--v3-priv-proto=' + v3.get('priv_proto', 'AES')]
    argv += ['--data-dir=' + os.path.join(run_dir, 'data'), '--cache-dir=' + os.path.join(run_dir, 'cache'),
             '--agent-udpv4-endpoint=0.0.0.0:161', '--log-level=error']
    return argv


def environment():
    env = dict(os.environ)
    env['SNMPSIM_ALLOW_ROOT'] = 'true'      # the lab runs as root; snmpsim refuses that otherwise
    return env


def new_engine():
    """One pysnmp engine serves many concurrent probes (asyncio.gather)."""
    # Imported here so that `lab` commands which never probe do not pay pysnmp's import time.
    from pysnmp.hlapi.v3arch.asyncio import SnmpEngine  # pylint: disable=import-outside-toplevel
    return SnmpEngine()


async def probe(entry, engine, timeout=1.0, retries=1):
    """(True, sysDescr first line) if the device answers a v2c GET of sysDescr.0, else (False, why)."""
    from pysnmp.hlapi.v3arch.asyncio import (  # pylint: disable=import-outside-toplevel
        CommunityData, ContextData, ObjectIdentity, ObjectType, UdpTransportTarget, get_cmd)
    try:
        target = await UdpTransportTarget.create((entry['address'], 161), timeout=timeout, retries=retries)
        error_indication, error_status, _index, var_binds = await get_cmd(
            engine, CommunityData(entry['v2c_community'], mpModel=1), target, ContextData(),
            ObjectType(ObjectIdentity(SYS_DESCR)), lookupMib=False)
    except Exception as exc:  # pylint: disable=broad-exception-caught  # any failure is "not answering"
        return False, 'SNMP GET failed: %s' % exc
    if error_indication:
        return False, 'SNMP v2c GET sysDescr.0: %s' % error_indication
    if error_status:
        return False, 'SNMP v2c GET sysDescr.0: %s' % error_status.prettyPrint()
    text = str(var_binds[0][1]).splitlines()
    return True, text[0] if text else ''
