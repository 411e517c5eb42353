"""Command line: tools/lab/lab {up,down,status,reset,inventory,planted,image}."""
import argparse
import json
import os
import sys
import time

from medops_lab import config, image, inventory, lifecycle, paths, podman_conf, previous_boot, state as lab_state, status
from medops_lab.util import LabError, locked, log


def _parser():
    parser = argparse.ArgumentParser(prog='tools/lab/lab', description='The simulated hospital of medops.itops.')
    parser.add_argument('--config', default=paths.DEFAULT_CONFIG, help='lab file (default: %(default)s)')
    sub = parser.add_subparsers(dest='command', required=True)
    p_up = sub.add_parser('up', help='start or repair the lab (idempotent)')
    p_up.add_argument('--servers', type=int, metavar='N', help='also run N cheap scale hosts (0 removes them)')
    sub.add_parser('down', help='remove every namespace, link, container, process and mount of the lab')
    sub.add_parser('status', help='table of devices; exit 1 if anything is not healthy')
    p_reset = sub.add_parser('reset', help='down, then up')
    p_reset.add_argument('--servers', type=int, metavar='N')
    p_inv = sub.add_parser('inventory', help='write the lab inventory from the lab file')
    p_inv.add_argument('--output', default=paths.INVENTORY_FILE, help='default: %(default)s')
    p_inv.add_argument('--with-scale', action='store_true', help='add the running scale hosts (group scale_servers)')
    sub.add_parser('planted', help='print the planted conditions and what the inspection must find (JSON)')
    p_img = sub.add_parser('image', help='build the server image (skipped when the tag exists)')
    p_img.add_argument('--force', action='store_true', help='rebuild even if the tag exists')
    return parser


def _need_root():
    if os.geteuid() != 0:
        raise LabError('the lab needs root (namespaces, podman, mounts)')


def _status(cfg):
    table = status.rows(cfg, lab_state.load(), lifecycle.devices_module())
    print(status.render(table))
    return 0 if all(row[3] == status.HEALTHY for row in table) else 1


def _up(cfg, count):
    start = time.monotonic()
    lifecycle.up(cfg, count)
    log('lab up in %.1fs' % (time.monotonic() - start))
    return _status(cfg)


def _down(args):
    start = time.monotonic()
    # A malformed or changed file must not stop a teardown: fall back to the state's prefix.
    try:
        cfg = config.load(args.config, check_host=False)
    except LabError:
        cfg = {'lab': {'prefix': 'mlab', 'subnet': '10.77.0.0/16'}}
    left = lifecycle.down(cfg)
    log('lab down in %.1fs' % (time.monotonic() - start))
    if left:
        log('left behind: ' + ', '.join(left))
        return 1
    return 0


def _image(cfg, force):
    podman_conf.ensure()
    took = image.build(cfg['lab']['image'], force=force)
    log('image %s %s' % (cfg['lab']['image'], 'built in %.0fs' % took if took else 'already present'))
    return 0


def run_command(args):
    """Dispatch; returns the exit code."""
    if args.command == 'down':
        _need_root()
        with locked(paths.LOCK_FILE):
            previous_boot.clear_podman_state()
            return _down(args)
    # `up` and `reset` also check the subnet against this machine; a bad file stops them first.
    cfg = config.load(args.config, check_host=args.command in ('up', 'reset'))
    if args.command == 'planted':
        print(json.dumps(cfg.get('planted') or [], indent=2, ensure_ascii=False))
        return 0
    if args.command == 'inventory':
        inventory.write(cfg, args.output, lab_state.load().get('scale') if args.with_scale else ())
        log('wrote %s' % args.output)
        return 0
    _need_root()
    if args.command in ('image', 'status'):
        return _image(cfg, args.force) if args.command == 'image' else _status(cfg)
    with locked(paths.LOCK_FILE):
        previous_boot.clear_podman_state()     # before any podman command of up, down or reset
        if args.command == 'reset' and _down(args):
            return 1
        return _up(cfg, args.servers)


def main(argv=None):
    """Entry point; errors the user can act on are printed without a traceback."""
    args = _parser().parse_args(argv)
    try:
        return run_command(args)
    except LabError as exc:
        print('lab: error: %s' % exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print('lab: interrupted; run `tools/lab/lab down` or `up` to tidy up', file=sys.stderr)
        return 130
