# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Details said in the report's language: every said() under plugins/ has a zh_CN template with the
same parameters, the glossary is consistent, and rendering falls back to the stored text."""

import ast
import json
import os
import re
import string

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import Said, render, said, said_list
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import (
    CatalogError, load_catalog, load_detail_catalogs, load_words)

PLUGINS = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', 'plugins')


def said_calls():
    """(detail_id, english template, file:line) of every said('id', 'english', ...) under plugins/."""
    found = []
    for folder, _dirs, files in os.walk(PLUGINS):
        for name in files:
            if not name.endswith('.py'):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8') as handle:
                tree = ast.parse(handle.read(), path)
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, 'id', None) == 'said':
                    args = node.args
                    assert len(args) >= 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2]), \
                        '%s:%d: said() takes a literal id and a literal English template' % (path, node.lineno)
                    found.append((args[0].value, args[1].value, '%s:%d' % (os.path.relpath(path, PLUGINS), node.lineno)))
    return found


def fields(template):
    return sorted(set(f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f))


CALLS = said_calls()


def test_there_are_said_details():
    assert len(CALLS) > 20


def test_one_english_template_per_id():
    english = {}
    for detail_id, template, where in CALLS:
        assert english.setdefault(detail_id, (template, where))[0] == template, \
            '%s: %s says %r, %s says %r' % (detail_id, where, template, english[detail_id][1], english[detail_id][0])


@pytest.mark.parametrize('language', ['zh_CN'])
def test_every_said_detail_has_a_template_with_the_same_parameters(language):
    templates = load_detail_catalogs(language)
    missing = sorted(set('%s (%s)' % (d, w) for d, _t, w in CALLS if d not in templates))
    assert missing == [], 'no %s template in reports_templates/i18n/details/: %s' % (language, missing)
    for detail_id, english, where in CALLS:
        assert fields(templates[detail_id]) == fields(english), '%s (%s): %s vs %s' % (detail_id, where, templates[detail_id], english)


def test_no_template_without_a_producer():
    used = set(d for d, _t, _w in CALLS)
    unused = sorted(set(load_detail_catalogs('zh_CN')) - used)
    assert unused == [], 'templates no said() uses: %s' % unused


def test_glossary_has_both_languages():
    assert set(load_words('zh_CN')) == set(load_words('en'))


def test_make_item_keeps_id_and_params_and_the_english_text():
    item = make_item('linux.service.active', subject='his', status='critical',
                     detail=said('x.state', 'systemd {active!w}/{sub!w}, {log!q}', active='inactive', sub='dead', log='a "b"'))
    assert item['detail'] == 'systemd inactive/dead, a "b"' and item['detail'].__class__ is str
    assert item['detail_id'] == 'x.state' and item['params'] == {'active': 'inactive', 'sub': 'dead', 'log': 'a "b"'}
    assert 'detail_id' not in make_item('a.b', detail='plain text')


def test_render_words_quotes_and_bad_templates():
    words = {'inactive': '未运行', 'dead': '已停止'}
    assert render('{a!w}/{b!w}/{c!w}：{q!q}', {'a': 'inactive', 'b': 'Dead', 'c': 'odd', 'q': 'x'}, words, ('「', '」')) == '未运行/已停止/odd：「x」'
    assert render('{n:.1f} % {m:.1f}', {'n': 3.14159, 'm': None}) == '3.1 % -'
    assert render('{n:.1f}', {'n': 'n/a'}) == 'n/a'
    assert render('{missing}', {}) is None and render('{a', {'a': 1}) is None


def test_catalog_renders_zh_and_falls_back_to_the_stored_text():
    zh = load_catalog('zh_CN')
    item = make_item('linux.swap.used_pct', status='ok', detail=said('linux.swap.none', 'no swap configured'))
    assert zh.detail(item) == '未配置交换分区'
    assert load_catalog('en').detail(item) == 'no swap configured'
    assert zh.detail({'detail': 'old text', 'detail_id': 'no.such.id', 'params': {}}) == 'old text'
    assert zh.detail({'detail': 'old text'}) == 'old text'
    assert isinstance(said('a.b', 'x'), Said)


def test_glossaries_that_disagree_are_refused(tmp_path):
    words = tmp_path / 'i18n' / 'words'
    words.mkdir(parents=True)
    (words / 'a.yml').write_text('dead: {zh_CN: 已停止, en: dead}\n', encoding='utf-8')
    (words / 'b.yml').write_text('dead: {zh_CN: 死亡, en: dead}\n', encoding='utf-8')
    with pytest.raises(CatalogError, match='differently'):
        load_words('zh_CN', base_dir=str(tmp_path))
    (words / 'b.yml').write_text('dead: {zh_CN: 已停止}\n', encoding='utf-8')
    with pytest.raises(CatalogError, match='has no en word'):
        load_words('en', base_dir=str(tmp_path))


def test_chinese_templates_and_glossary_words_have_no_english_word():
    """Placeholders aside, a zh_CN template speaks Chinese; commands and settings to type are in 「」."""
    from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report.language_scan import english_words  # pylint: disable=import-outside-toplevel
    placeholder = re.compile(r'\{[^}]*\}')
    english = dict((d, english_words(placeholder.sub(' ', t))) for d, t in load_detail_catalogs('zh_CN').items())
    english.update(('word ' + w, english_words(t)) for w, t in load_words('zh_CN').items())
    assert dict((k, v) for k, v in english.items() if v) == {}


def test_a_detail_inside_a_detail_and_a_list_of_details_render_in_the_report_language():
    refused = [said('storage.cli.refused', '{command}: exit {rc} {message!q}', command='lsnode%d' % n, rc=1, message='no') for n in range(3)]
    whole = said('storage.reach.storwize_unread', 'Storwize CLI over SSH; not read: {failures}', failures=said_list(refused))
    assert whole == 'Storwize CLI over SSH; not read: lsnode0: exit 1 no; lsnode1: exit 1 no; lsnode2: exit 1 no'   # English as joined
    stored = json.loads(json.dumps(whole.params))                  # what the run record keeps
    assert stored['failures']['sep'] == '; ' and stored['failures']['said_list'][2] == {
        'detail_id': 'storage.cli.refused', 'params': {'command': 'lsnode2', 'rc': 1, 'message': 'no'}}
    item = {'detail': str(whole), 'detail_id': whole.detail_id, 'params': stored}
    expected = '经 SSH 访问 Storwize CLI；未读取：lsnode0：退出码 1：「no」；lsnode1：退出码 1：「no」；lsnode2：退出码 1：「no」'
    assert load_catalog('zh_CN').detail(item) == expected
    reason = said('storage.missing.reason', '{source} gave no usable answer: {reason}', source='lsnode', reason=refused[0])
    assert load_catalog('zh_CN').detail({'detail': str(reason), 'detail_id': reason.detail_id, 'params': reason.params}) == \
        'lsnode 未返回可用结果：lsnode0：退出码 1：「no」'
    # a nested id without a template: the whole detail falls back to its English text, never half translated
    odd = said('storage.reach.storwize_unread', 'x {failures}', failures=said_list([said('no.such.template', 'plain')]))
    assert load_catalog('zh_CN').detail({'detail': str(odd), 'detail_id': odd.detail_id, 'params': odd.params}) == 'x plain'
    # a part that is plain English: the detail keeps only its English text
    assert said('storage.reach.storwize_unread', 'x {failures}', failures=said_list(['plain'])).detail_id is None
    assert said('storage.missing.reason', '{source}: {reason}', source='s', reason=Said('plain')).detail_id is None
