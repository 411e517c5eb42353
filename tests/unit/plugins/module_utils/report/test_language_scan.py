# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The language scanner the lab run's documents are checked with (tests/integration): it must find
what it is meant to find, or the integration test that uses it proves nothing."""

from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report.language_scan import (
    chinese_outside_names, english_words, html_text, run_names)


def test_an_english_detail_in_a_chinese_document_is_found():
    text = html_text('<html><style>td { color: red }</style><td>磁盘已用 91 %</td><td>the fan is broken</td></html>')
    assert english_words(text) == {'the': 1, 'fan': 1, 'is': 1, 'broken': 1}


def test_names_units_quoted_device_text_and_identifiers_are_not_words():
    run = {'meta': {'hospital': 'Medops Lab Hospital'},
           'inspections': [{'target': 'his-app-01', 'system': 'HIS', 'facts': {'model': 'PowerEdge R740'},
                            'items': [{'id': 'linux.fs.used_pct', 'subject': 'GigabitEthernet0/0/1'}]}]}
    text = ('Medops Lab Hospital 的 his-app-01（PowerEdge R740）：SNMP 超时 2000 ms，接口 GigabitEthernet0/0/1 断开；'
            '日志：「ERROR connection refused」；变量 itops_system 与 linux.fs.used_pct；地址 10.77.0.21；路径 /var/log/his')
    assert english_words(text, run_names(run)) == {}


def test_chinese_in_an_english_document_outside_names_is_found():
    names = run_names({'meta': {'hospital': '某市人民医院'}, 'inspections': []})
    assert chinese_outside_names('Report of 某市人民医院: disk 91 %', names) == ''
    assert chinese_outside_names('Report of 某市人民医院: 磁盘 91 %', names) == '磁盘'


def test_a_name_is_never_cut_out_of_a_word():
    assert english_words('published by lis', {'lis'}) == {'published': 1, 'by': 1}


def test_database_names_of_the_size_metrics_are_names():
    run = {'inspections': [{'target': 'pg-db-01', 'metrics': {'db.ie.size_bytes': 1, 'fs./.size_bytes': 2}, 'items': []}]}
    assert english_words('数据库大小：ie 8.0 MiB', run_names(run)) == {}
