"""Running commands and reporting errors, the same way everywhere in the lab."""
import contextlib
import fcntl
import os
import subprocess
import sys


class LabError(Exception):
    """A problem the user can act on; printed without a traceback."""


def log(msg):
    """Progress goes to stderr so stdout stays clean for `planted` and `status`."""
    print(msg, file=sys.stderr, flush=True)


def run(cmd, check=True, capture=True, timeout=120, input_text=None, env=None):
    """Run `cmd` (a list); raise LabError naming the command when it fails and check is set."""
    try:
        proc = subprocess.run(cmd, check=False, capture_output=capture, text=True, timeout=timeout,
                              input=input_text, env=env)
    except FileNotFoundError as exc:
        raise LabError('%s: command not found (%s)' % (cmd[0], exc)) from exc
    except subprocess.TimeoutExpired as exc:
        raise LabError('%s: timed out after %ss' % (' '.join(cmd), timeout)) from exc
    if check and proc.returncode != 0:
        err = (proc.stderr or proc.stdout or '').strip() if capture else ''
        raise LabError('%s: exit %d%s' % (' '.join(cmd), proc.returncode, (': ' + err[-800:]) if err else ''))
    return proc


def out(cmd, check=True, timeout=120):
    """Run `cmd` and return its stripped stdout."""
    return run(cmd, check=check, timeout=timeout).stdout.strip()


@contextlib.contextmanager
def locked(path):
    """Hold an exclusive lock on `path` (waiting for it): one `up`/`down` at a time per machine."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'a', encoding='utf-8') as fh:
        if not _try_lock(fh):
            log('waiting for another lab command to finish (%s)' % path)
            fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _try_lock(fh):
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
