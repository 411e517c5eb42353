#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Overhead of the inspection callback on a 200-host run (goal: under 5 %).

Two measurements:
  real   ansible-playbook over N hosts with ansible_connection=local; one fast controller-side task
         per host returns an inspection of M items (an action plugin written to a temporary
         directory, so the hosts cost no SSH). The play runs with and without the callback enabled;
         the median of --repeat runs of each is compared. Both use the default stdout callback (output
         discarded), as users and AWX always have one: it converts each result once, and the
         inspection callback reuses that conversion.
  lab    the real thing: medops.itops.linux_inspect over N lab scale hosts (real SSH, the collector
         on each host), with and without the callback; the overhead an inspection actually pays.
  hooks  the callback's own hooks driven directly with N x M synthetic items: the time spent in
         v2_runner_on_ok for every host, and in v2_playbook_on_stats split into build (grading,
         redaction), history (SQLite save + reload) and render (render_all).

    .venv/bin/python tools/bench/bench_callback.py [--hosts 200] [--items 40] [--repeat 3] [--mode both]
"""

from __future__ import absolute_import, division, print_function

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', '..'))
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, os.path.join(ROOT, '.build'))

ACTION = '''
from ansible.plugins.action import ActionBase

STATUSES = ('ok',) * 17 + ('warning', 'critical', 'unknown')


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        host = task_vars['inventory_hostname']
        n = int(self._task.args.get('items', 40))
        items = [{'id': 'linux.check.n%d' % i, 'subject': '/fs%d' % i, 'value': float(i), 'unit': '%',
                  'status': STATUSES[(i + len(host)) % len(STATUSES)], 'detail': 'synthetic item %d of %s' % (i, host)}
                 for i in range(n)]
        return {'changed': False, 'inspection': {
            'target': host, 'device_class': 'linux_server', 'collected_at': '2026-11-25T08:00:00+08:00',
            'facts': {'os': 'bench'}, 'metrics': dict(('m%d' % i, float(i)) for i in range(10)), 'items': items}}
'''
PLAYBOOK = '''
- name: bench
  hosts: all
  gather_facts: false
  tasks:
    - name: synthetic inspection
      synthetic_inspect:
        items: {items}
'''
IMPACTS = ('hospital', 'department', 'individual')


def write_project(base, hosts, items):
    os.makedirs(os.path.join(base, 'action_plugins'))
    with open(os.path.join(base, 'action_plugins', 'synthetic_inspect.py'), 'w') as handle:
        handle.write(ACTION)
    with open(os.path.join(base, 'bench_inspection.yml'), 'w') as handle:
        handle.write(PLAYBOOK.format(items=items))
    with open(os.path.join(base, 'hosts.ini'), 'w') as handle:
        handle.write('[linux_server]\n')
        for n in range(hosts):
            handle.write('h%03d ansible_connection=local itops_impact=%s\n' % (n, IMPACTS[n % 3]))
        handle.write('[all:vars]\nansible_python_interpreter=%s\nbench_password=bench-secret-value\n' % sys.executable)


def play_once(base, with_callback, forks):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build'),
               ANSIBLE_FORKS=str(forks), ITOPS_REPORTS_DIR=os.path.join(base, 'reports'), ANSIBLE_STDOUT_CALLBACK='ansible.builtin.default',
               # ansible.builtin.null is a stdout callback: listed here it is loaded and skipped, which overrides callbacks_enabled of ansible.cfg.
               ANSIBLE_CALLBACKS_ENABLED='medops.itops.inspection' if with_callback else 'ansible.builtin.null')
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', 'hosts.ini', 'bench_inspection.yml'], cwd=base, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit('ansible-playbook failed (%d):\n%s' % (proc.returncode, proc.stdout[-3000:]))
    return elapsed


def bench_real(hosts, items, repeat, forks):
    base = tempfile.mkdtemp(prefix='itops-bench-')
    try:
        write_project(base, hosts, items)
        play_once(base, False, forks)  # warm the caches (bytecode, inventory parsing)
        without, with_ = [], []
        for dummy in range(repeat):
            without.append(play_once(base, False, forks))
            with_.append(play_once(base, True, forks))
        return statistics.median(without), statistics.median(with_)
    finally:
        if not os.environ.get('ITOPS_BENCH_KEEP'):
            shutil.rmtree(base, ignore_errors=True)


def bench_hooks(hosts, items):
    """The callback's own time, hook by hook, without ansible-playbook around it."""
    import yaml
    from ansible import constants as C
    from ansible.executor.stats import AggregateStats
    from ansible.executor.task_result import CallbackTaskResult
    from ansible.inventory.manager import InventoryManager
    from ansible.parsing.dataloader import DataLoader
    from ansible.playbook.play import Play
    from ansible.playbook.task import Task
    from ansible_collections.medops.itops.plugins.callback import inspection as plugin

    class Quiet(object):
        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    base = tempfile.mkdtemp(prefix='itops-bench-hooks-')
    try:
        write_project(base, hosts, items)
        C.config.initialize_plugin_configuration_definitions('callback', plugin.CallbackModule.CALLBACK_NAME,
                                                             yaml.safe_load(plugin.DOCUMENTATION)['options'])
        from ansible.vars.manager import VariableManager
        loader = DataLoader()
        inventory = InventoryManager(loader=loader, sources=[os.path.join(base, 'hosts.ini')])
        manager = VariableManager(loader=loader, inventory=inventory)
        play = Play.load({'hosts': 'all', 'gather_facts': False, 'tasks': []}, variable_manager=manager, loader=loader)
        task = Task.load({'name': 'synthetic inspection', 'action': 'ansible.builtin.debug'})
        namespace = {}
        exec(compile(ACTION, 'synthetic_inspect', 'exec'), namespace)  # pylint: disable=exec-used  # the same items as the real run
        results = []
        for host in inventory.get_hosts():
            action = namespace['ActionModule'].__new__(namespace['ActionModule'])
            action._task = type('T', (), {'args': {'items': items}})()
            results.append(CallbackTaskResult(host, task, action.run(task_vars={'inventory_hostname': host.name}), {}))

        callback = plugin.CallbackModule()
        callback._load_name = plugin.CallbackModule.CALLBACK_NAME
        callback.set_options(direct={'reports_dir': os.path.join(base, 'reports')})
        callback._display = Quiet()
        callback.v2_playbook_on_play_start(play)
        timings = {}
        start = time.perf_counter()
        for result in results:
            callback.v2_runner_on_ok(result)
        timings['collect (v2_runner_on_ok x %d)' % hosts] = time.perf_counter() - start

        phases = {}

        def timed(phase, original):
            def wrapper(*args, **kwargs):
                begin = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    phases[phase] = time.perf_counter() - begin
            return wrapper
        for name in ('_store', '_render'):
            setattr(callback, name, timed(name, getattr(callback, name)))
        start = time.perf_counter()
        callback.v2_playbook_on_stats(AggregateStats())
        total_stats = time.perf_counter() - start
        timings['stats: history (save + reload)'] = phases.get('_store', 0.0)
        timings['stats: render_all (all formats)'] = phases.get('_render', 0.0)
        timings['stats: vars, redaction, grading'] = total_stats - sum(phases.values())
        if callback.errors:
            raise SystemExit('callback errors: %s' % callback.errors)
        return timings
    finally:
        shutil.rmtree(base, ignore_errors=True)


LAB_PLAYBOOK = '''---
- name: Inspect the lab's scale hosts
  hosts: scale_servers
  gather_facts: false
  tasks:
    - name: Inspect
      medops.itops.linux_inspect:
        updates: false
        sample_seconds: 1
'''


def bench_lab(hosts, repeat):
    """Median wall time of linux_inspect over `hosts` lab scale hosts without and with the callback."""
    lab = os.path.join(ROOT, 'tools', 'lab', 'lab')
    subprocess.run([lab, 'up', '--servers', str(hosts)], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix='itops-bench-cb-')
    inventory = os.path.join(work, 'inventory')
    os.makedirs(inventory)
    subprocess.run([lab, 'inventory', '--with-scale', '--output', os.path.join(inventory, 'hosts.yml')], check=True,
                   stdout=subprocess.DEVNULL)
    os.symlink(os.path.join(ROOT, 'inventories', 'lab', 'group_vars'), os.path.join(inventory, 'group_vars'))
    playbook = os.path.join(work, 'inspect.yml')
    with open(playbook, 'w') as handle:
        handle.write(LAB_PLAYBOOK)
    times = {False: [], True: []}
    for _round in range(repeat):
        for enabled in (False, True):
            env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'tools', 'lab', 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build'),
                       ANSIBLE_FORKS='25', ITOPS_REPORTS_DIR=os.path.join(work, 'reports'), ITOPS_PROGRESS='false',
                       ANSIBLE_CALLBACKS_ENABLED='medops.itops.inspection' if enabled else 'ansible.builtin.timer')
            started = time.monotonic()
            subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', inventory, playbook], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[enabled].append(time.monotonic() - started)
    shutil.rmtree(work, ignore_errors=True)
    return statistics.median(times[False]), statistics.median(times[True])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--hosts', type=int, default=200)
    parser.add_argument('--items', type=int, default=40)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--forks', type=int, default=25)
    parser.add_argument('--mode', choices=('real', 'hooks', 'both', 'lab'), default='both')
    args = parser.parse_args(argv)
    if args.mode == 'lab':
        without, with_ = bench_lab(args.hosts, args.repeat)
        ratio = (with_ - without) / without * 100.0
        print('inspection callback overhead: linux_inspect over %d lab hosts (real SSH)' % args.hosts)
        print('  lab    without the callback  %7.2f s (median of %d)' % (without, args.repeat))
        print('  lab    with the callback     %7.2f s (median of %d; history + all reports rendered)' % (with_, args.repeat))
        print('  lab    overhead              %+6.1f %%  (goal < 5 %%)' % ratio)
        return 0
    print('inspection callback overhead: %d hosts x %d items' % (args.hosts, args.items))
    timings = {}
    if args.mode in ('hooks', 'both'):
        timings = bench_hooks(args.hosts, args.items)
        for name, seconds in timings.items():
            print('  hooks  %-36s %7.3f s' % (name, seconds))
        print('  hooks  %-36s %7.3f s' % ('total', sum(timings.values())))
    if args.mode in ('real', 'both'):
        without, with_ = bench_real(args.hosts, args.items, args.repeat, args.forks)
        ratio = (with_ - without) / without * 100.0
        print('  real   ansible-playbook without the callback  %7.3f s (median of %d)' % (without, args.repeat))
        print('  real   ansible-playbook with the callback     %7.3f s (median of %d)' % (with_, args.repeat))
        print('  real   overhead                               %+6.1f %%  (goal < 5 %%)' % ratio)
        if timings:
            # Wall-clock differences drown in the noise of a loaded machine; the hook times do not.
            own = sum(v for k, v in timings.items() if 'render_all' not in k)
            print('  ratio  callback hooks without render_all / play  %5.1f %%' % (own / without * 100.0))
            print('  ratio  callback hooks with render_all / play     %5.1f %%' % (sum(timings.values()) / without * 100.0))
        return 0 if ratio < 5.0 else 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
