"""podman's state from an earlier boot (tools/lab/medops_lab/previous_boot.py), on temporary folders.

The lab test test_lifecycle.test_up_after_a_reboot_that_kept_run proves it on the real podman.
"""
import os

# labtools puts tools/lab on sys.path.
import labtools  # noqa: F401  # pylint: disable=unused-import
from medops_lab import previous_boot


def _podman_dirs(tmp_path, age):
    dirs = [str(tmp_path / name) for name in ('libpod', 'containers', 'runc')]
    for path in dirs:
        os.makedirs(os.path.join(path, 'exits'))
    alive = os.path.join(dirs[0], 'alive')
    open(alive, 'w', encoding='utf-8').close()
    stamp = previous_boot.boot_time() + age
    os.utime(alive, (stamp, stamp))
    return alive, dirs


def test_boot_time_is_in_the_past():
    assert 0 < previous_boot.boot_time() <= os.stat('/proc/self').st_mtime + 1


def test_state_from_an_earlier_boot_is_removed(tmp_path):
    alive, dirs = _podman_dirs(tmp_path, -60)
    assert previous_boot.predates_boot(alive)
    assert previous_boot.clear_podman_state(alive, dirs, conmon_running=lambda: False)
    assert not any(os.path.exists(path) for path in dirs)


def test_state_of_this_boot_is_kept(tmp_path):
    alive, dirs = _podman_dirs(tmp_path, +1)
    assert not previous_boot.clear_podman_state(alive, dirs, conmon_running=lambda: False)
    assert all(os.path.isdir(path) for path in dirs)


def test_a_running_conmon_keeps_even_an_old_state(tmp_path):
    """A clock set forward after boot ages a live file: a running conmon proves the state live."""
    alive, dirs = _podman_dirs(tmp_path, -60)
    assert not previous_boot.clear_podman_state(alive, dirs, conmon_running=lambda: True)
    assert all(os.path.isdir(path) for path in dirs)


def test_no_podman_state_at_all_is_nothing_to_do(tmp_path):
    assert not previous_boot.predates_boot(str(tmp_path / 'alive'))
    assert not previous_boot.clear_podman_state(str(tmp_path / 'alive'), [str(tmp_path)], conmon_running=lambda: False)
    assert os.path.isdir(str(tmp_path))
