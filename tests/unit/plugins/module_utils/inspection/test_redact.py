# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Redaction by what secrets are (docs/redaction.md): canary tests for each leak form, and for each
form that must stay intact. The lines are written here in the forms issue 9 reproduced."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.db.results import mask_sql
from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import Redactor
from ansible_collections.medops.itops.plugins.module_utils.linux.redact import redact

CANARY = 'Cn4ry-7q'


@pytest.mark.parametrize('line', [
    'backup failed: PGPASSWORD=%s pg_dump -h pg-db-01 his' % CANARY,
    'export PGPASSWORD="%s"; psql' % CANARY,
    'MYSQL_PWD=%s mysqldump lis' % CANARY,
    '数据库连接失败 用户 his 密码：%s 请检查' % CANARY,
    '口令＝%s' % CANARY,
    'sync: mysql -h my-db-01 -u lis -p%s lis' % CANARY,
    "mysqldump --user=lis -p'%s' lis" % CANARY,
    'mysql --password=%s lis' % CANARY,
    'jdbc settings dbpassword=%s timeout=30' % CANARY,
    'dbPassword: %s' % CANARY,
    'proxy http://svc:%s@10.0.0.1:3128/' % CANARY,
    'snmp community=%s' % CANARY,
])
def test_each_leak_form_is_masked_in_log_samples(line):
    assert CANARY not in redact(line)


def test_sql_comments_in_statements_are_masked():
    text = "SELECT /* password=%s */ count(*) FROM visits -- token %s\nWHERE id = 42" % (CANARY, CANARY)
    masked = mask_sql(text)
    assert CANARY not in masked and 'count(*) FROM visits' in masked


@pytest.mark.parametrize('line', [
    'uid 0: root',
    'root@10.77.0.14 logged in',
    'mkdir -p /data/his && mysql -P 3306 lis',
    'department public-office 行政办公',
    'ifOperStatus GigabitEthernet0/0/1 public up',
])
def test_ordinary_text_stays_intact(line):
    assert redact(line) == line


def test_short_and_common_values_only_where_secrets_appear():
    variables = {'ansible_user': 'root', 'snmp_community': 'public', 'db_password': 'admin', 'itops_db_password': 'Long-Secret-99'}
    redactor = Redactor(Redactor.secret_values(variables))
    inspection = {'target': 'sw-core-01', 'items': [
        {'id': 'linux.accounts.privileged', 'subject': 'root', 'status': 'ok', 'detail': 'uid 0: root'},
        {'id': 'snmp.if.oper_status', 'subject': 'public-office', 'status': 'ok', 'detail': '86 interfaces public up'},
        {'id': 'pg.table.dead_tuples_pct', 'subject': 'his.admin.visits', 'status': 'ok', 'detail': 'table his.admin.visits'},
        {'id': 'x', 'subject': 'y', 'status': 'ok', 'detail': 'login admin with password=admin, then Long-Secret-99'},
    ]}
    clean = redactor(inspection)
    assert clean['items'][0] == inspection['items'][0]
    assert clean['items'][1] == inspection['items'][1]
    assert clean['items'][2] == inspection['items'][2]
    assert clean['items'][3]['detail'] == 'login admin with password=***, then ********'


def test_a_secret_equal_to_a_host_name_never_collapses_targets():
    variables = {'snmp_community': 'sw-core-01'}
    redactor = Redactor(Redactor.secret_values(variables), keep=['sw-core-01', 'sw-acc-01'])
    item = {'id': 'a', 'subject': 'sw-core-01', 'status': 'ok', 'detail': 'sw-core-01 answers; community=sw-core-01'}
    inspections = [{'target': 'sw-core-01', 'device_class': 'switch', 'items': [item]},
                   {'target': 'sw-acc-01', 'items': []}]
    clean = redactor(inspections)
    assert [i['target'] for i in clean] == ['sw-core-01', 'sw-acc-01']
    assert clean[0]['items'][0]['subject'] == 'sw-core-01'
    assert clean[0]['items'][0]['detail'] == 'sw-core-01 answers; community=***'


def test_long_secrets_are_masked_in_free_text_never_in_keys_ids_or_subjects():
    redactor = Redactor(['Zq8-long-secret'])
    data = {'target': 'h', 'facts': {'Zq8-long-secret': 'Zq8-long-secret'}, 'items': [
        {'id': 'custom.x', 'subject': 'Zq8-long-secret', 'status': 'ok', 'detail': 'seen Zq8-long-secret'}]}
    clean = redactor(data)
    assert list(clean['facts']) == ['Zq8-long-secret'] and clean['facts']['Zq8-long-secret'] == '********'
    assert clean['items'][0]['subject'] == 'Zq8-long-secret' and clean['items'][0]['detail'] == 'seen ********'
