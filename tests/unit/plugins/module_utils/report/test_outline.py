# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The written conclusion, 中间件与接口 and 风险提示与优化建议 of the health report."""

from ansible_collections.medops.itops.plugins.module_utils.report import outline
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.report.model import advice_for

ZH = load_catalog('zh_CN')
HOSTS = {'pg-db-01': {'system': 'HIS'}, 'core-sw-01': {'system': 'NET'}, 'acc-sw-01': {'system': 'NET'}, 'web-01': {}}


def finding(target, item_id, kind='risk', grade=None, level=None, subject=None):
    return {'target': target, 'id': item_id, 'kind': kind, 'grade': grade, 'level': level, 'subject': subject, 'status': 'critical'}


FINDINGS = [finding('pg-db-01', 'pg.reach', 'fault', grade='P1'),
            finding('core-sw-01', 'if.errors.rate', level='high', subject='GE0/0/1'),
            finding('acc-sw-01', 'if.errors.rate', level='high', subject='GE0/0/2'),
            finding('web-01', 'tls.days_left', level='medium')]


def test_the_conclusion_names_faults_high_risks_and_what_was_not_inspected():
    run = {'summary': {'hosts_total': 5, 'items_total': 90, 'score': 59},
           'inspections': [{'target': 'fin-app-01', 'host_status': 'unreachable'}, {'target': 'pg-db-01', 'host_status': 'ok'}]}
    text = ''.join(outline.conclusion(run, FINDINGS, HOSTS, ZH))
    assert '共检查设备 5 台、巡检项 90 项，健康评分 59 分' in text
    assert '1 台设备未能巡检（fin-app-01）' in text
    assert '1 个未恢复的故障（P1 1 个、P2 0 个、P3 0 个），包括 HIS pg-db-01' in text
    assert '高风险 2 项，集中在 NET（2 项）' in text and '中、低风险 1 项' in text
    assert '立即按分级时限处理' in text


def test_a_clean_run_says_so():
    run = {'summary': {'hosts_total': 2, 'items_total': 10, 'score': 100}, 'inspections': [{'target': 'a', 'host_status': 'ok'}]}
    assert outline.conclusion(run, [], {}, ZH)[-1] == ZH.t('conclusion.clean')


def test_recommendations_merge_one_item_of_one_system_and_keep_priority_order():
    rows = outline.recommendations(list(reversed(FINDINGS)), HOSTS, ZH, 'zh_CN', advice_for)
    assert [(r['priority'], r['system'], r['count']) for r in rows] == [('P1', 'HIS', 1), ('high', 'NET', 2), ('medium', '未标注业务系统', 1)]
    assert rows[1]['where'] == 'acc-sw-01 (GE0/0/2)、core-sw-01 (GE0/0/1)' and rows[1]['advice'] == ZH.item_advice('if.errors.rate')


def test_middleware_rows_list_every_middleware_and_interface_item():
    run = {'inspections': [
        {'target': 'mw-app-01', 'system': 'WEB', 'items': [
            {'id': 'tomcat.threads.busy_pct', 'value': 5, 'unit': '%', 'status': 'ok', 'subject': None},
            {'id': 'tls.days_left', 'value': 9, 'unit': 'd', 'status': 'warning', 'subject': 'https://his'},
            {'id': 'linux.cpu.util_pct', 'value': 3, 'unit': '%', 'status': 'ok'}]},
        {'target': 'db', 'items': [{'id': 'pg.reach', 'status': 'ok'}]}]}
    rows = outline.middleware_rows(run, ZH)
    assert [r['target'] for r in rows] == ['mw-app-01'] and rows[0]['abnormal'] == 1 and rows[0]['status'] == 'warning'
    assert [r['item'] for r in rows[0]['rows']] == [ZH.item_name('tomcat.threads.busy_pct'), ZH.item_name('tls.days_left')]


def test_missing_performance_data_is_said_once_per_reason():
    item = {'id': 'perf.sysstat', 'status': 'unknown', 'detail': 'no sysstat samples'}
    run = {'inspections': [{'target': t, 'items': [dict(item)]} for t in ('a', 'b', 'c')]
           + [{'target': 'd', 'items': [{'id': 'perf.sysstat', 'status': 'ok'}]}]}
    assert outline.performance_missing(run, ZH) == [{'reason': 'no sysstat samples', 'targets': 'a、b、c', 'count': 3}]


def test_the_device_chapter_groups_by_business_system_when_asked():
    from ansible_collections.medops.itops.plugins.module_utils.report.model import health_model  # pylint: disable=import-outside-toplevel
    inspections = [{'target': 'his-app-01', 'device_class': 'linux_server', 'system': 'HIS', 'items': [{'id': 'linux.zombies', 'status': 'ok'}]},
                   {'target': 'core-sw-01', 'device_class': 'switch', 'system': 'NET', 'items': [{'id': 'snmp.reach', 'status': 'ok'}]},
                   {'target': 'ups-01', 'device_class': 'ups', 'items': [{'id': 'ups.load_pct', 'status': 'warning', 'value': 85}]}]
    by_class = health_model({'inspections': inspections, 'meta': {}}, ZH)['devices']
    assert [d['device_class'] for d in by_class] == ['switch', 'ups']
    by_system = health_model({'inspections': inspections, 'meta': {'group_by': 'system'}}, ZH)['devices']
    assert [(d['label'], [h['target'] for h in d['hosts']]) for d in by_system] == [
        ('HIS', ['his-app-01']), ('NET', ['core-sw-01']), ('未标注业务系统', ['ups-01'])]
    assert [r['target'] for r in by_system[2]['rows']] == ['ups-01']


def test_a_database_is_set_against_the_filesystem_holding_its_data_directory():
    gib = 1 << 30
    run = {'inspections': [
        {'target': 'pg-db-01', 'facts': {'data_directory': '/var/lib/postgresql/15/main'},
         'metrics': {'db.his.size_bytes': 30 * gib, 'db.postgres.size_bytes': 2 * gib, 'fs./.size_bytes': 100 * gib, 'fs./.used_bytes': 40 * gib,
                     'fs./var/lib/postgresql.size_bytes': 50 * gib, 'fs./var/lib/postgresql.used_bytes': 46 * gib}},
        {'target': 'my-db-01', 'facts': {'data_directory': '/var/lib/mysql/'}, 'metrics': {'db.lis.size_bytes': gib}},
        {'target': 'app', 'facts': {}, 'metrics': {'fs./.size_bytes': 1}}]}
    pg, my = outline.database_storage(run, ZH)
    assert (pg['mount'], pg['databases'], pg['headroom']['status']) == ('/var/lib/postgresql', '32.0 GiB', 'critical')
    assert '剩余 4.0 GiB（已用 92%）' in pg['headroom']['text'] and pg['share'] == '数据库占该文件系统的 64%'
    assert my['mount'] == '' and my['headroom'] == {'text': ZH.t('capacity.db_fs_unknown'), 'status': 'unknown'}
