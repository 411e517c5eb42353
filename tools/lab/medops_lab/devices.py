"""The lab's simulated network devices and BMCs: start, stop and check them.

For every `snmp_agents` and `redfish_bmcs` entry of hospital.yml the lab core has made a network
namespace `<prefix>-<name>` with the entry's address; here one emulator process is started inside
it (snmp_agent.py, redfish_bmc.py), detached in its own session, with its files and log under
`<run_dir>/devices/<name>/`. What is needed to stop and check it goes into state['devices'][name].
"""
import asyncio
import functools
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time

from . import ipmi_bmc, ntp_clock, oceanstor, paths, redfish_bmc, snmp_agent, storwize, thin_site
from .util import LabError

KINDS = {'snmp': snmp_agent, 'redfish': redfish_bmc, 'ntp': ntp_clock, 'thin': thin_site,
         'oceanstor': oceanstor, 'storwize': storwize, 'ipmi': ipmi_bmc}
# thin_client_sites is made by config.py from `thin_clients.sites` (one namespace per site).
SECTIONS = (('snmp', 'snmp_agents'), ('redfish', 'redfish_bmcs'), ('ntp', 'ntp_clocks'), ('thin', 'thin_client_sites'),
            (None, 'storage_arrays'), ('ipmi', 'ipmi_bmcs'))
# A kind of None takes the entry's own `kind` (storage_arrays: oceanstor | storwize).
# What each kind serves from, besides its entry in hospital.yml: a device whose entry, planted
# faults, recording or emulator code changed since it started is restarted by `up`, so that a
# regenerated recording or an edited emulator is never served stale.
LAB_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVED_FROM = {'snmp': ('snmp',), 'redfish': ('redfish',), 'ntp': ('ntp',), 'thin': ('thin_clients',),
               'oceanstor': ('storage',), 'storwize': ('storage',), 'ipmi': ('ipmi',)}
START_TIMEOUT = 30.0          # sushy-emulator needs ~1-2 s, snmpsim ~0.6 s; many at once take longer
STOP_GRACE = 3.0
PROBE_TIMEOUT = 1.0


def entries(cfg):
    """(kind, entry) for every simulated device in the config, in file order."""
    for kind, section in SECTIONS:
        for entry in cfg.get(section) or []:
            yield kind or entry['kind'], entry


def namespace(cfg, entry):
    """The device's namespace: config.py sets entry['netns']; a bare config gets the same name here."""
    return entry.get('netns') or '%s-%s' % (cfg['lab']['prefix'], entry['name'])


def devices_dir(cfg):
    return os.path.join(cfg['lab'].get('run_dir', paths.RUN_DIR), 'devices')


def bin_dir():
    """Where the emulators' entry points are: beside the running Python (the project venv)."""
    here = os.path.dirname(sys.executable)
    if os.path.exists(os.path.join(here, 'snmpsim-command-responder')):
        return here
    found = shutil.which('snmpsim-command-responder')
    if not found:
        raise LabError('snmpsim-command-responder not found: run the lab with the project venv (.venv/bin/python)')
    return os.path.dirname(found)


# ---- processes -------------------------------------------------------------------------------

def _proc_text(pid, name):
    try:
        with open('/proc/%d/%s' % (pid, name), 'rb') as handle:
            return handle.read().decode(errors='replace')
    except OSError:
        return None


def is_ours(pid, run_dir):
    """True if `pid` is a live (not zombie) process started for this device (its argv names run_dir)."""
    stat = _proc_text(pid, 'stat')
    cmdline = _proc_text(pid, 'cmdline')
    if stat is None or cmdline is None:
        return False
    if stat.rsplit(')', 1)[-1].split()[0] == 'Z':
        return False
    return run_dir.rstrip('/') + '/' in cmdline      # every emulator argv names a file in run_dir


def _namespace_pids(ns):
    proc = subprocess.run(['ip', 'netns', 'pids', ns], capture_output=True, text=True, check=False, timeout=10)
    return [int(pid) for pid in proc.stdout.split()] if proc.returncode == 0 else []


def _reap(pid):
    """Collect the exit status if the process is our child, so that it does not stay a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _kill(pids, run_dir):
    """SIGTERM, then SIGKILL after a grace period, every pid that is still ours."""
    pids = [pid for pid in pids if is_ours(pid, run_dir)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_GRACE
        while time.monotonic() < deadline:
            for pid in pids:
                _reap(pid)
            pids = [pid for pid in pids if is_ours(pid, run_dir)]
            if not pids:
                return
            time.sleep(0.05)


def stop_device(record):
    """End the device's process and anything else we started in its namespace."""
    pids = [record['pid']] if record.get('pid') else []
    if os.path.exists(os.path.join('/run/netns', record['namespace'])):
        pids += _namespace_pids(record['namespace'])
    _kill(sorted(set(pids)), record['run_dir'])


def _files_digest(paths_used):
    digest = hashlib.sha256()
    for path in sorted(paths_used):
        try:
            with open(path, 'rb') as handle:
                digest.update(path.encode('utf-8') + b'\0' + handle.read())
        except OSError:
            digest.update(path.encode('utf-8') + b'\0(missing)')
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def _emulator_digest(kind):
    """The emulator sources of a kind, read once per `lab` command (every device of a kind shares them)."""
    paths_used = [KINDS[kind].__file__]
    for sub in SERVED_FROM.get(kind, ()):
        for root, _dirs, files in os.walk(os.path.join(LAB_DIR, sub)):
            paths_used += [os.path.join(root, f) for f in files if f.endswith('.py')]
    return _files_digest(paths_used)


def served_digest(kind, entry):
    """A digest of everything the device serves: its entry (planted faults included), its
    recording (snmp) and the emulator sources of its kind."""
    digest = hashlib.sha256(json.dumps(entry, sort_keys=True, default=str).encode('utf-8'))
    digest.update(_emulator_digest(kind).encode('ascii'))
    if kind == 'snmp':
        digest.update(_files_digest([snmp_agent.recording_file(entry)]).encode('ascii'))
    return digest.hexdigest()[:16]


def _spawn(kind, entry, ns, run_dir, bindir):
    module = KINDS[kind]
    os.makedirs(run_dir, mode=0o700, exist_ok=True)
    module.prepare(entry, run_dir)
    log_path = os.path.join(run_dir, kind + '.log')
    argv = ['ip', 'netns', 'exec', ns] + module.command(entry, run_dir, bindir)
    with open(log_path, 'ab') as log:
        log.write(('--- %s start: %s\n' % (time.strftime('%Y-%m-%dT%H:%M:%S'), ' '.join(argv))).encode())
        log.flush()
        # Own session and no inherited terminal: the device outlives `lab up` and ignores its ^C.
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                cwd=run_dir, env=module.environment(), start_new_session=True, close_fds=True)
    return {'kind': kind, 'namespace': ns, 'address': entry['address'], 'pid': proc.pid,
            'run_dir': run_dir, 'log': log_path, 'started_at': time.time(), 'served': served_digest(kind, entry)}


def _log_tail(record, lines=8):
    try:
        with open(record['log'], encoding='utf-8', errors='replace') as handle:
            return ' | '.join(line.strip() for line in handle.readlines()[-lines:])
    except OSError:
        return '(no log)'


# ---- probes ----------------------------------------------------------------------------------

async def _probe_all(pairs, timeout):
    """{name: (answers, detail)} for (kind, entry) pairs, all probed concurrently."""
    engine = snmp_agent.new_engine() if any(kind == 'snmp' for kind, _e in pairs) else None

    async def one(kind, entry):
        if kind == 'snmp':
            return await snmp_agent.probe(entry, engine, timeout=timeout, retries=0)
        if kind in ('ntp', 'thin'):
            return await asyncio.to_thread(KINDS[kind].probe, entry, timeout)
        return await asyncio.to_thread(KINDS[kind].probe, entry, timeout * 2)

    try:
        results = await asyncio.gather(*(one(kind, entry) for kind, entry in pairs))
    finally:
        if engine is not None:
            engine.close_dispatcher()
    return {entry['name']: result for (_kind, entry), result in zip(pairs, results)}


def probe_all(pairs, timeout=PROBE_TIMEOUT):
    return asyncio.run(_probe_all(pairs, timeout)) if pairs else {}


# ---- the API the lab core calls ----------------------------------------------------------------

def start_all(cfg, state):
    """Start every device not already running and answering; wait until all answer.

    Returns {name: 'left running' | 'started'}; raises LabError naming the devices that did not
    come up (their records stay in state, so stop_all still ends them).
    """
    devices = state.setdefault('devices', {})
    pairs = list(entries(cfg))
    for kind, entry in pairs:          # a running site still gets the addresses the file now says
        if kind == 'thin' and os.path.exists(os.path.join('/run/netns', namespace(cfg, entry))):
            thin_site.ensure(entry)
    alive = [(kind, entry) for kind, entry in pairs
             if entry['name'] in devices and is_ours(devices[entry['name']]['pid'], devices[entry['name']]['run_dir'])]
    answering = {name for name, (ok, _d) in probe_all(alive).items() if ok}
    outcome = {}
    bindir = None
    for kind, entry in pairs:
        name = entry['name']
        entry['planted'] = [p for p in cfg.get('planted') or [] if p['host'] == name]
        if name in answering and devices[name].get('served') == served_digest(kind, entry):
            outcome[name] = 'left running'
            continue
        ns = namespace(cfg, entry)
        if not os.path.exists(os.path.join('/run/netns', ns)):
            raise LabError('%s: network namespace %s does not exist (the lab core creates it first)' % (name, ns))
        if name in devices:                       # dead, or alive but deaf: clear it before restarting
            stop_device(devices[name])
        bindir = bindir or bin_dir()
        # The emulator applies the faults planted on it (entry['planted'] above; the lab core plants only on servers).
        devices[name] = _spawn(kind, entry, ns, os.path.join(devices_dir(cfg), name), bindir)
        outcome[name] = 'started'
    _wait_answering(devices, [(k, e) for k, e in pairs if outcome[e['name']] == 'started'])
    return outcome


def _wait_answering(devices, pending):
    deadline = time.monotonic() + START_TIMEOUT
    failed = {}
    while pending:
        results = probe_all(pending, timeout=0.5)
        still = []
        for kind, entry in pending:
            record = devices[entry['name']]
            if results[entry['name']][0]:
                record['ready_s'] = round(time.time() - record['started_at'], 2)
            elif not is_ours(record['pid'], record['run_dir']):
                _reap(record['pid'])
                failed[entry['name']] = 'exited: %s' % _log_tail(record)
            else:
                still.append((kind, entry))
        pending = still
        if pending and time.monotonic() > deadline:
            for _kind, entry in pending:
                failed[entry['name']] = 'not answering after %.0f s: %s; log: %s' % (
                    START_TIMEOUT, results[entry['name']][1], _log_tail(devices[entry['name']]))
            break
        if pending:
            time.sleep(0.2)
    if failed:
        raise LabError('devices did not start: ' + '; '.join('%s %s' % item for item in sorted(failed.items())))


def stop_all(state):
    """End every device process recorded in state (and strays of ours in their namespaces)."""
    devices = state.get('devices') or {}
    for name in list(devices):
        stop_device(devices[name])
        del devices[name]


def status(cfg, state):
    """[{name, address, kind, state, detail}]: `running` only when the device really answers."""
    devices = state.get('devices') or {}
    pairs = list(entries(cfg))
    alive = [(kind, entry) for kind, entry in pairs
             if entry['name'] in devices and is_ours(devices[entry['name']]['pid'], devices[entry['name']]['run_dir'])]
    answers = probe_all(alive)
    rows = []
    for kind, entry in pairs:
        name = entry['name']
        record = devices.get(name)
        if record is None:
            row_state, detail = 'down', 'not started'
        elif name not in answers:
            row_state, detail = 'down', 'process %s gone; log %s: %s' % (record.get('pid'), record['log'], _log_tail(record, 3))
        elif answers[name][0]:
            row_state, detail = 'running', answers[name][1]
        else:
            row_state, detail = 'not answering', answers[name][1]
        rows.append({'name': name, 'address': entry['address'], 'kind': entry.get('kind', kind),
                     'state': row_state, 'detail': detail})
    return rows
