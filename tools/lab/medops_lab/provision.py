"""Run the provision scripts (tools/lab/provision, written by their own owners) inside hosts.

Order per server: app_services.sh (creates the hospital app units of `services:`), then each
`provision:` script, then each `planted` entry as plant_<kind>.sh. Scripts are idempotent, so
every `up` runs them all again; that also re-plants conditions a reboot cleared.
Arguments travel as environment variables: LAB_HOST, LAB_ADDRESS, LAB_SERVICES, LAB_DOMAIN,
and PLANT_<PARAM> (upper case) for plants.
"""
import os
import shutil
from concurrent.futures import ThreadPoolExecutor

from medops_lab import paths
from medops_lab.util import LabError, run

FIRST = 'app_services'


def sync_scripts():
    """Copy tools/lab/provision into PROVISION_DIR (bind-mounted read-only at /lab/provision).

    A copy, not a bind mount of the clone: the containers outlive the clone that made them.
    The directory itself is kept (same inode) so running hosts see the new files.
    """
    if not os.path.isdir(paths.PROVISION_SRC):
        raise LabError('%s: provision script directory missing' % paths.PROVISION_SRC)
    os.makedirs(paths.PROVISION_DIR, exist_ok=True)
    for name in os.listdir(paths.PROVISION_DIR):
        path = os.path.join(paths.PROVISION_DIR, name)
        if os.path.isdir(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    for name in os.listdir(paths.PROVISION_SRC):
        src = os.path.join(paths.PROVISION_SRC, name)
        dst = os.path.join(paths.PROVISION_DIR, name)
        if os.path.isdir(src):
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)


def steps(cfg, srv):
    """The (script, env) list for one server, in order."""
    env = {'LAB_HOST': srv['name'], 'LAB_ADDRESS': srv['address'],
           'LAB_SERVICES': ' '.join(srv.get('services') or []), 'LAB_DOMAIN': cfg['lab']['domain']}
    todo = [(FIRST, env)] + [(name, env) for name in srv.get('provision') or [] if name != FIRST]
    for plant in cfg.get('planted') or []:
        if plant['host'] == srv['name']:
            penv = dict(env)
            penv.update({'PLANT_' + k.upper(): _text(v) for k, v in plant['params'].items()})
            todo.append(('plant_' + plant['kind'], penv))
    return todo


def _text(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (list, tuple)):
        return ' '.join(str(v) for v in value)
    return str(value)


def check_scripts(cfg, servers):
    """Every script the file asks for must exist; the error names the missing one."""
    for srv in servers:
        for script, _env in steps(cfg, srv):
            path = os.path.join(paths.PROVISION_SRC, script + '.sh')
            if not os.path.isfile(path):
                raise LabError('%s: provision script %s.sh missing (needed by %s)' % (path, script, srv['name']))


def run_host(cfg, srv):
    """Run one server's scripts in order; stop at the first failure."""
    for script, env in steps(cfg, srv):
        cmd = ['podman', 'exec']
        for key, value in sorted(env.items()):
            cmd += ['-e', '%s=%s' % (key, value)]
        cmd += [srv['container'], 'bash', '/lab/provision/%s.sh' % script]
        proc = run(cmd, check=False, timeout=300)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip()[-1500:]
            raise LabError('%s: provision/%s.sh failed (exit %d): %s' % (srv['name'], script, proc.returncode, tail))


def run_all(cfg, servers):
    """Provision servers in parallel (each one's scripts in order); raise the first failure."""
    with ThreadPoolExecutor(max_workers=max(1, len(servers))) as pool:
        futures = [pool.submit(run_host, cfg, srv) for srv in servers]
        errors = [f.exception() for f in futures if f.exception()]
    if errors:
        raise LabError('\n'.join(str(e) for e in errors))
