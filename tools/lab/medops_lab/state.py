"""The lab's live state, kept at /run/medops-lab/state.json so every clone on this machine finds it.

It records what `up` made (prefix, devices, scale hosts, the lxcfs it started). `down` does not
rely on it alone: it also removes anything named with the prefix, so a crashed or killed lab, or
one started from another clone, is still cleaned up.
"""
import json
import os

from medops_lab import paths


def load():
    """The saved state, or an empty one."""
    try:
        with open(paths.STATE_FILE, encoding='utf-8') as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


def save(state):
    """Write atomically, so a killed `up` never leaves half a file."""
    os.makedirs(paths.RUN_DIR, exist_ok=True)
    tmp = paths.STATE_FILE + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as fh:
        json.dump(state, fh, indent=2, sort_keys=True)
    os.replace(tmp, paths.STATE_FILE)


def clear():
    """Forget the lab (after `down`)."""
    try:
        os.unlink(paths.STATE_FILE)
    except FileNotFoundError:
        pass
