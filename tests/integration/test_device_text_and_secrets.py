# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device text and secrets against the lab (issue 9, points 1 and 2), in one ansible-runner job at -vvv.

Planted for the run, and removed afterwards: on emr-app-01 (a real sshd, a real file) a watched log
with a GBK line, a line of bytes that are not UTF-8, and canary secrets in each leak form; on the lab
PostgreSQL (pg-db-01) a statement whose SQL comment holds a canary password, so that it is among the
top statements of pg_stat_statements; a vault-encrypted variable under a name that does not look
secret, whose value the log line also holds. The same job runs twice, with and without redaction:
no canary may appear in run.json, the HTML and Markdown reports, the XLSX (its XML), the history
SQLite, the -vvv stdout or the job events, and the items must be the same in both runs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys
import zipfile

import pytest

from playbook_runner import LAB_CONFIG, ROOT

pytestmark = pytest.mark.integration

LOG = '/var/log/emr/legacy-gbk.log'
CANARIES = {
    'vault': 'Canary-Vault-4f7c1d',
    'pgpassword': 'CanaryPg-8a41x',
    'fullwidth': 'CanaryZh-3c1fx',
    'mysql_p': 'CanaryMy-52e0x',
    'dbpassword': 'CanaryDb-9d7bx',
    'sql_comment': 'CanarySql-6e2ax',
}
SURROGATES = tuple(chr(c) for c in range(0xDC80, 0xDD00))


def lab_exec(host, command, data=None):
    subprocess.run(['podman', 'exec', '-i', 'mlab-%s' % host, 'sh', '-c', command], input=data, check=True,
                   stdout=subprocess.DEVNULL)


def plant_log():
    """Recent ERROR lines in the documented log format of the lab's applications, as bytes."""
    stamp = subprocess.run(['podman', 'exec', 'mlab-emr-app-01', 'date', '+%Y-%m-%d %H:%M:%S'], stdout=subprocess.PIPE,
                           check=True, text=True).stdout.strip()
    lines = [
        ('%s,101 ERROR [db] 数据库连接失败 用户 emr 密码：%s 错误' % (stamp, CANARIES['fullwidth'])).encode('gbk'),
        ('%s,102 ERROR [hl7] undecodable bytes ' % stamp).encode('ascii') + b'\xff\xfe\x80 in segment PID',
        ('%s,103 ERROR [backup] pg_dump failed: PGPASSWORD=%s pg_dump -h pg-db-01 his' % (stamp, CANARIES['pgpassword'])).encode(),
        ('%s,104 ERROR [sync] mysql -h my-db-01 -u lis -p%s lis failed' % (stamp, CANARIES['mysql_p'])).encode(),
        ('%s,105 ERROR [report] dbpassword=%s rejected by gateway ref %s' % (stamp, CANARIES['dbpassword'], CANARIES['vault'])).encode(),
    ]
    lab_exec('emr-app-01', 'cat > %s' % LOG, data=b'\n'.join(lines) + b'\n')


def plant_statement():
    """A statement with a canary in its SQL comment, slow enough to be a top statement of pg_stat_statements."""
    sql = 'SELECT /* password=%s */ pg_sleep(0.7) FROM generate_series(1, 3);' % CANARIES['sql_comment']
    lab_exec('pg-db-01', "runuser -u postgres -- psql -X -q -d his >/dev/null", data=sql.encode())


@pytest.fixture(scope='module')
def runs(lab, tmp_path_factory):
    ansible_runner = pytest.importorskip('ansible_runner')
    work = tmp_path_factory.mktemp('canary')
    plain = work / 'canary.yml'
    plain.write_text('---\nitops_gateway_ref: %s\n' % CANARIES['vault'], encoding='utf-8')
    vaulted = work / 'canary.vault.yml'
    subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-vault'), 'encrypt', '--output', str(vaulted), str(plain)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_CONFIG=LAB_CONFIG))
    plain.unlink()
    plant_log()
    plant_statement()
    done = {}
    try:
        for mode in ('redacted', 'plain'):
            reports = work / ('reports-' + mode)
            envvars = {'ANSIBLE_CONFIG': LAB_CONFIG, 'ANSIBLE_COLLECTIONS_PATH': os.path.join(ROOT, '.build'),
                       'ITOPS_REPORTS_DIR': str(reports), 'ITOPS_REDACT': 'true' if mode == 'redacted' else 'false',
                       'PATH': os.path.dirname(sys.executable) + os.pathsep + os.environ.get('PATH', '')}
            (work / ('runner-' + mode)).mkdir()
            extra = {'inspect_linux_logs': [{'path': LOG}], 'itops_redact': mode == 'redacted'}
            result = ansible_runner.run(private_data_dir=str(work / ('runner-' + mode)), project_dir=ROOT,
                                        playbook=os.path.join(ROOT, 'playbooks', 'quarterly_inspection.yml'),
                                        inventory=os.path.join(ROOT, 'inventories', 'lab'), envvars=envvars, quiet=True,
                                        cmdline="-vvv --limit emr-app-01:pg-db-01:localhost -e @%s -e '%s'" % (vaulted, json.dumps(extra)))
            stdout = result.stdout.read()
            events = json.dumps(list(result.events), ensure_ascii=False)
            run_dirs = [d for d in reports.iterdir() if d.is_dir()]
            assert len(run_dirs) == 1, (mode, result.rc, stdout[-3000:])
            with open(str(run_dirs[0] / 'run.json'), encoding='utf-8') as handle:
                done[mode] = (json.load(handle), reports, stdout, events)
    finally:
        lab_exec('emr-app-01', 'rm -f %s' % LOG)
    return done


def _texts(reports):
    places = {}
    for root, _dirs, files in os.walk(str(reports)):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith('.xlsx'):
                with zipfile.ZipFile(path) as archive:
                    places[path] = ''.join(archive.read(n).decode('utf-8', 'replace') for n in archive.namelist())
            else:
                with open(path, 'rb') as handle:
                    places[path] = handle.read().decode('utf-8', 'replace')
    return places


def _items(run):
    return sorted((i['target'], item['id'], item.get('subject')) for i in run['inspections'] for item in i['items'])


def test_gbk_and_invalid_utf8_lines_are_decoded_and_the_run_is_written(runs):
    run, reports, _stdout, _events = runs['redacted']
    run_dir = [d for d in reports.iterdir() if d.is_dir()][0]
    for name in ('run.json', 'health_report.html', 'health_report.md', 'inspection_record.html', 'inspection_record.xlsx'):
        assert (run_dir / name).is_file(), name
    assert (reports / 'history.sqlite').is_file()
    item = [i for insp in run['inspections'] if insp['target'] == 'emr-app-01' for i in insp['items'] if i.get('subject') == LOG][0]
    assert item['status'] == 'warning', item
    assert '数据库连接失败 用户 emr 密码：***' in item['detail'] and 'undecodable bytes \ufffd' in item['detail'], item['detail']
    for where, text in _texts(reports).items():
        assert not any(s in text for s in SURROGATES), where


def test_no_canary_in_any_output_and_the_items_are_the_same_without_redaction(runs):
    run, reports, stdout, events = runs['redacted']
    places = _texts(reports)
    places.update({'-vvv stdout': stdout, 'job events': events})
    leaks = sorted((form, where) for where, text in places.items() for form, canary in CANARIES.items() if canary in text)
    assert leaks == []
    plain_run, _plain_reports, plain_stdout, _plain_events = runs['plain']
    # The canaries were really there: the vault value, in free text, is only masked by redaction (the log
    # samples' secret contexts and SQL comments are masked by the parsers themselves, whatever the setting).
    assert CANARIES['vault'] in json.dumps(plain_run, ensure_ascii=False) and CANARIES['vault'] in plain_stdout
    assert _items(run) == _items(plain_run) and run['summary']['items_total'] == plain_run['summary']['items_total']
    top = [i for insp in run['inspections'] if insp['target'] == 'pg-db-01' for i in insp['items'] if i['id'] == 'pg.statements.top']
    assert any('pg_sleep' in (i.get('detail') or '') for i in top), [i.get('detail') for i in top]
