# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad inventory values against the lab (module_utils/inspection/validate.py): a wrong threshold or
impact is a warning naming host, key and value and the host is still inspected with its real items;
a wrong database port makes that one server "not inspected" with the reason while the other
PostgreSQL server is inspected."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from playbook_runner import ROOT, run_playbook

pytestmark = pytest.mark.integration

PLAYBOOK = 'tests/integration/targets/validation/validation.yml'


@pytest.fixture()
def bad_inventory(tmp_path):
    """The lab inventory plus host_vars with one bad threshold / impact and one bad database port."""
    inv = tmp_path / 'inventory'
    (inv / 'host_vars').mkdir(parents=True)
    for name in ('hosts.yml', 'group_vars'):
        os.symlink(os.path.join(ROOT, 'inventories', 'lab', name), str(inv / name))
    (inv / 'host_vars' / 'lis-app-01.yml').write_text(
        '---\nitops_impact: galaxy\nitops_thresholds:\n  linux.fs.used_pct: {warning: eighty}\n', encoding='utf-8')
    (inv / 'host_vars' / 'pg-db-02.yml').write_text('---\nitops_db_port: "54x29"\n', encoding='utf-8')
    return str(inv)


def test_bad_values_warn_bad_port_leaves_one_server_not_inspected(lab, bad_inventory, tmp_path):
    reports = str(tmp_path / 'reports')
    rc, result = run_playbook(PLAYBOOK, '-i', bad_inventory, '--limit', 'lis-app-01:pacs-app-01:localhost',
                              env={'ITOPS_REPORTS_DIR': reports}, check=False)
    assert rc == 0, json.dumps(result)[-3000:]
    runs = [d for d in os.listdir(reports) if os.path.isdir(os.path.join(reports, d))]
    with open(os.path.join(reports, runs[0], 'run.json'), encoding='utf-8') as handle:
        run = json.load(handle)
    by_target = dict((i['target'], i) for i in run['inspections'])

    # (a) the bad threshold and impact are warnings naming host, key and value; lis-app-01 keeps its items
    lis = by_target['lis-app-01']
    assert lis['host_status'] == 'ok'
    ids = [i['id'] for i in lis['items']]
    assert 'host.failed' not in ids and len(ids) >= 15, ids
    fs = [i for i in lis['items'] if i['id'] == 'linux.fs.used_pct']
    assert fs and all(i['threshold'] == {'warning': 80, 'critical': 90} for i in fs)   # the default, not "eighty"
    warnings = [w for play in result['plays'] for task in play['tasks'] for host, res in task['hosts'].items()
                if host == 'lis-app-01' for w in res.get('warnings', [])]
    text = '\n'.join(str(w) for w in warnings)
    assert 'lis-app-01' in text and 'itops_thresholds' in text and 'linux.fs.used_pct' in text and 'eighty' in text, warnings
    assert 'itops_impact' in text and 'galaxy' in text, warnings

    # (b) pg-db-02 (bad port) is not inspected, with the reason; pg-db-01 is inspected
    pg1 = dict((i['id'], i) for i in by_target['pg-db-01']['items'])
    assert pg1['pg.reach']['status'] == 'ok' and len(pg1) > 5
    pg2 = by_target['pg-db-02']
    assert pg2['host_status'] == 'not_inspected'
    bad = [i for i in pg2['items'] if i['id'] == 'host.config_invalid']
    assert len(bad) == 1 and 'itops_db_port' in bad[0]['detail'] and '54x29' in bad[0]['detail'], pg2['items']
    assert not [i for i in pg2['items'] if i['id'].startswith('pg.')]
    assert 'pg-db-02' in [f['target'] for f in run['findings'] if f['id'] == 'host.config_invalid']
    assert run['summary']['hosts_ok'] == len(run['inspections']) - 1
