# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report model judges a usage bar with the grading's own threshold evaluator."""

from ansible_collections.medops.itops.plugins.module_utils.report import model
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog


def _server(value, threshold, status=None):
    item = {'id': 'linux.mem.used_pct', 'subject': None, 'value': value, 'unit': '%', 'threshold': threshold}
    if status is not None:
        item['status'] = status
    return {'target': 'his-db-01', 'device_class': 'linux_server', 'metrics': {'mem.used_pct': value}, 'items': [item]}


def test_a_direction_below_threshold_gives_the_status_of_the_grading():
    # Lower is worse: 50 is above both limits, so it is ok; 20 is under warning, 5 under critical.
    rule = {'warning': 30, 'critical': 10, 'direction': 'below'}
    catalog = load_catalog('en')
    statuses = [model.resource_bars(_server(value, rule), catalog)[0]['status'] for value in (50, 20, 5)]
    assert statuses == ['ok', 'warning', 'critical']


def test_the_item_status_wins_over_the_threshold():
    catalog = load_catalog('en')
    usage = model.resource_bars(_server(50, {'warning': 80, 'critical': 90}, status='unknown'), catalog)[0]
    assert usage['status'] == 'unknown'


def test_a_metric_without_its_item_is_judged_by_the_default_threshold():
    catalog = load_catalog('en')
    inspection = {'target': 'his-db-01', 'device_class': 'linux_server', 'metrics': {'fs./data.used_pct': 99.0}, 'items': []}
    usage = model.resource_bars(inspection, catalog)[0]
    assert (usage['label'], usage['status']) == ('/data', 'critical')


def _graded_run(policy=None):
    from ansible_collections.medops.itops.plugins.module_utils.inspection import grading  # pylint: disable=import-outside-toplevel
    inspections = [{'target': 'his-app-01', 'impact': 'hospital', 'device_class': 'linux_server',
                    'items': [{'id': 'host.unreachable', 'status': 'critical', 'fault': True}]},
                   {'target': 'pacs-app-01', 'impact': 'hospital', 'device_class': 'linux_server',
                    'items': [{'id': 'linux.cpu.util_pct', 'status': 'ok', 'value': 5}]}]
    findings = grading.build_findings(inspections, policy)
    return {'inspections': inspections, 'findings': findings, 'summary': grading.summarize(inspections, findings, policy)}


def test_the_deadline_table_is_the_runs_grading_policy():
    catalog = load_catalog('zh_CN')
    default = model.health_model(_graded_run(), catalog)['grading'][0]
    assert (default['respond'], default['recover']) == ('15 分钟', '2 小时')
    run = _graded_run({'deadlines': {'P1': {'respond_within_min': 5, 'recover_within_min': 60}}})
    changed = model.health_model(run, catalog)['grading']
    assert (changed[0]['respond'], changed[0]['recover']) == ('5 分钟', '1 小时')
    assert changed[2]['respond'] == '2 小时'        # P3 is the default, no finding of it needed


def test_a_capped_score_prints_its_reason_in_both_languages():
    run = _graded_run()
    assert run['summary']['score'] == 50            # (0 + 100) / 2 is under the P1 cap already
    assert model.health_model(run, load_catalog('zh_CN'))['score_reason'] == ''
    run['summary'] = dict(run['summary'], score=59, score_cap={'grade': 'P1', 'cap': 59, 'faults': 2, 'uncapped': 97})
    assert model.health_model(run, load_catalog('zh_CN'))['score_reason'] == \
        '存在 2 个未恢复的 P1 重大故障，健康评分最高 59 分（按扣分计算为 97 分）。'
    assert 'at most 59' in model.health_model(run, load_catalog('en'))['score_reason']


def test_the_scope_counts_thin_clients_in_terminals_not_department_ranges():
    ranges = [{'target': dept, 'device_class': 'thin_client', 'metrics': {'fleet.total': total, 'fleet.online': total},
               'items': [{'id': 'fleet.online_pct', 'status': 'ok'}, {'id': 'fleet.offline', 'status': 'ok'}]}
              for dept, total in (('门诊', 600), ('病房', 10))]
    run = {'inspections': ranges + [_server(50, {'warning': 80, 'critical': 90})], 'summary': {}}
    scope = model.health_model(run, load_catalog('zh_CN'))['scope']
    assert {'label': '瘦客户机（2 个科室地址段）', 'hosts': 610, 'checks': 4} in scope
    assert {'label': 'Linux 服务器', 'hosts': 1, 'checks': 1} in scope


def test_the_report_is_due_seven_working_days_after_the_inspection():
    import datetime  # pylint: disable=import-outside-toplevel
    # Friday 2026-11-27: the next seven working days end on Tuesday 2026-12-08 (two weekends skipped).
    assert model.report_due('2026-11-27T17:00:00+08:00') == datetime.date(2026, 12, 8)
    assert model.report_due('2026-11-23T08:00:00+08:00', 1) == datetime.date(2026, 11, 24)
    assert model.report_due('not a time') is None
    header = model.header({'finished_at': '2026-11-27T17:00:00+08:00', 'meta': {}}, load_catalog('zh_CN'), today=datetime.date(2026, 11, 30))
    assert (header['report_date'], header['report_due']) == ('2026-11-30', '2026-12-08（巡检结束后 7 个工作日内）')


def test_the_equipment_list_reads_each_collectors_facts_and_leaves_out_thin_client_ranges():
    run = {'summary': {}, 'inspections': [
        {'target': 'san-his-01', 'device_class': 'storage', 'system': 'HIS', 'items': [],
         'facts': {'vendor': 'Huawei', 'model': 'OceanStor 5500 V5', 'serial': '2102351QLH10K5000001', 'firmware': 'V500R007C60SPC300'}},
        {'target': 'his-app-01', 'device_class': 'linux_server', 'system': 'HIS', 'items': [],
         'facts': {'manufacturer': 'Huawei', 'os_pretty': 'CentOS Linux 7 (Core)'}},
        {'target': '门诊', 'device_class': 'thin_client', 'items': [], 'metrics': {'fleet.total': 300}}]}
    rows = model.health_model(run, load_catalog('zh_CN'))['equipment']
    assert [(r['target'], r['vendor'], r['model'], r['serial'], r['version']) for r in rows] == [
        ('his-app-01', 'Huawei', '-', '-', 'CentOS Linux 7 (Core)'),
        ('san-his-01', 'Huawei', 'OceanStor 5500 V5', '2102351QLH10K5000001', 'V500R007C60SPC300')]


def test_print_rows_fold_three_or_more_normal_items_of_one_id_and_keep_the_rest():
    catalog = load_catalog('zh_CN')
    items = [{'id': 'if.oper_status', 'subject': 'GE0/0/%d' % n, 'value': 'up', 'unit': None, 'status': 'ok'} for n in range(1, 4)]
    items += [{'id': 'if.oper_status', 'subject': 'GE0/0/4', 'value': 'down', 'unit': None, 'status': 'critical'},
              {'id': 'snmp.cpu.util_pct', 'subject': None, 'value': 5, 'unit': '%', 'status': 'ok'},
              {'id': 'snmp.fan.state', 'subject': 'FAN1', 'value': 'normal', 'unit': None, 'status': 'ok'},
              {'id': 'snmp.fan.state', 'subject': 'FAN2', 'value': 'normal', 'unit': None, 'status': 'ok'}]
    run = {'inspections': [{'target': 'sw', 'device_class': 'switch', 'items': items}]}
    rows = list(model.print_rows(model.record_rows(run, catalog), catalog))
    summaries = [r for r in rows if r.get('summary')]
    assert [(s['item'], s['text']) for s in summaries] == [(catalog.item_name('if.oper_status'), '3 项均正常')]
    assert [r['subject'] for r in rows if not r.get('summary') and not r['fold']] == ['GE0/0/4', '', 'FAN1', 'FAN2']
    assert [r['seq'] for r in rows if not r.get('summary')] == list(range(1, 8))      # every item still numbered, in order


def test_the_database_assessment_shows_the_worst_object_sizes_and_statements():
    items = [{'id': 'pg.reach', 'subject': None, 'value': True, 'unit': None, 'status': 'ok'},
             {'id': 'pg.version', 'subject': 'server', 'value': '15.18', 'unit': None, 'status': 'ok'},
             {'id': 'pg.connections.used_pct', 'subject': None, 'value': 4, 'unit': '%', 'status': 'ok'},
             {'id': 'pg.table.dead_tuples_pct', 'subject': 'his.public.visits', 'value': 28.8, 'unit': '%', 'status': 'warning'},
             {'id': 'pg.table.dead_tuples_pct', 'subject': 'his.public.orders', 'value': 2.0, 'unit': '%', 'status': 'ok'},
             {'id': 'pg.statements.top', 'subject': '#1', 'value': 1878.4, 'unit': 'ms', 'status': 'ok', 'detail': '1 calls, db his: INSERT ...'}]
    run = {'summary': {}, 'inspections': [
        {'target': 'pg-db-01', 'device_class': 'linux_server', 'items': items,
         'metrics': {'db.his.size_bytes': 32715571, 'db.ie.size_bytes': 8388608, 'cpu.util_pct': 3}},
        {'target': 'web-01', 'device_class': 'linux_server', 'items': [{'id': 'linux.cpu.util_pct', 'status': 'ok', 'value': 1}]}]}
    rows = model.health_model(run, load_catalog('zh_CN'))['databases']
    assert len(rows) == 1
    row = rows[0]
    assert (row['target'], row['engine'], row['status'], row['version']['text']) == ('pg-db-01', 'PostgreSQL', 'warning', '15.18')
    assert row['bloat'] == {'text': '28.8% (his.public.visits)', 'status': 'warning'}
    assert row['replication'] == {'text': '-', 'status': 'ok'}
    assert row['sizes'] == 'his 31.2 MiB; ie 8.0 MiB'
    assert [s['rank'] for s in row['statements']] == ['#1']


def test_backup_and_patch_sections_say_when_no_check_covers_them():
    run = {'summary': {}, 'inspections': [{'target': 'his-app-01', 'device_class': 'linux_server', 'items': [
        {'id': 'linux.updates.pending', 'subject': None, 'value': 12, 'unit': None, 'status': 'warning', 'detail': '12 updates'},
        {'id': 'linux.reboot.required', 'subject': None, 'value': False, 'unit': None, 'status': 'ok'}]}]}
    health = model.health_model(run, load_catalog('zh_CN'))
    assert health['backup'] == {'covered': 0, 'rows': []}
    assert health['patch']['covered'] == 1 and [r['subject'] or r['item'] for r in health['patch']['rows']] == ['待安装更新']


def test_headroom_advice_comes_from_todays_figures_without_history():
    from ansible_collections.medops.itops.plugins.module_utils.report import capacity  # pylint: disable=import-outside-toplevel
    zh = load_catalog('zh_CN')
    gib = 1024 ** 3
    assert capacity.headroom(93.5 * gib, 100 * gib, zh) == {'text': '剩余 6.5 GiB（已用 93.5%），建议一个月内扩容或清理', 'status': 'critical'}
    assert capacity.headroom(85 * gib, 100 * gib, zh)['status'] == 'warning'
    assert capacity.headroom(31 * gib, 252 * gib, zh)['text'].endswith('容量充足')
    assert capacity.headroom(None, 100, zh) == {'text': '', 'status': 'unknown'}
    rows = capacity.capacity_rows([{'target': 'pacs-app-01', 'kind': 'filesystem', 'subject': '/data', 'used': 93.5 * gib,
                                    'capacity': 100 * gib, 'status': 'insufficient_history', 'samples': 1, 'span_days': 0}], zh)
    assert rows[0]['headroom']['status'] == 'critical' and rows[0]['insufficient']


def test_the_summary_groups_findings_by_business_system_gravest_first():
    run = _graded_run()
    run['inspections'][0]['system'] = 'HIS 医院信息系统'
    run['inspections'][1]['system'] = 'PACS 影像系统'
    run['inspections'][1]['items'].append({'id': 'linux.fs.used_pct', 'subject': '/data', 'status': 'warning', 'value': 85, 'unit': '%'})
    from ansible_collections.medops.itops.plugins.module_utils.inspection import grading  # pylint: disable=import-outside-toplevel
    run['findings'] = grading.build_findings(run['inspections'])
    rows = model.health_model(run, load_catalog('zh_CN'))['by_system']
    assert [(r['system'], r['faults'], r['risks'], r['top']['grade'] or r['top']['level']) for r in rows] == [
        ('HIS 医院信息系统', 1, 0, 'P1'), ('PACS 影像系统', 0, 1, 'medium')]
