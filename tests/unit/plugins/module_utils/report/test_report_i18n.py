# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Message catalogs: same keys in every language, every key the templates use exists."""

import os
import re

import pytest
import yaml

from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import LANGUAGES, CatalogError, catalog_path, load_catalog
from ansible_collections.medops.itops.plugins.module_utils.report.paths import templates_dir

PLUGINS = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', 'plugins')
# An item id written as the first argument of an item constructor: evaluate('linux.fs.used_pct', ...).
EMITTED = re.compile(r"\b(?:make_item|evaluate|unknown_item|info_item|judged|guarded|_item|item)\(\s*'([a-z][a-z0-9_]*\.[a-z0-9_.]+)'")

REQUIRED_ITEMS = (
    'linux.fs.used_pct', 'linux.fs.inodes_used_pct', 'linux.fs.readonly', 'linux.cpu.util_pct', 'linux.load.per_core',
    'linux.mem.used_pct', 'linux.swap.used_pct', 'linux.nic.errors', 'linux.time.offset_ms', 'linux.time.synced',
    'linux.unit.failed', 'linux.service.active', 'linux.zombies', 'linux.log.errors', 'linux.auth.failures',
    'linux.accounts.privileged', 'linux.ports.unexpected', 'linux.ports.missing', 'linux.updates.security',
    'linux.updates.pending', 'linux.reboot.required', 'linux.cert.days_left', 'linux.uptime.days', 'reach.ssh', 'reach.tcp',
    'reach.snmp', 'reach.redfish', 'reach.postgresql', 'reach.mysql', 'host.unreachable', 'host.failed', 'host.timeout',
)


def keys(node, prefix=''):
    out = set()
    for key, value in node.items():
        assert isinstance(key, str), 'YAML turned key %r under %r into %r' % (key, prefix, type(key))
        assert value is not None and value != '', prefix + key
        out.add(prefix + key)
        if isinstance(value, dict):
            out |= keys(value, prefix + key + '.')
    return out


def raw(language):
    with open(catalog_path(language), encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def test_every_catalog_has_the_same_keys():
    reference = keys(raw('zh_CN'))
    for language in LANGUAGES:
        assert keys(raw(language)) == reference, language


@pytest.mark.parametrize('language', LANGUAGES)
def test_required_items_have_a_name_and_advice(language):
    catalog = load_catalog(language)
    for item_id in REQUIRED_ITEMS:
        assert catalog.item_name(item_id) != item_id, item_id
        assert catalog.item_advice(item_id), item_id


def emitted_item_ids():
    ids = set(DEFAULTS)
    for folder, _dirs, files in os.walk(PLUGINS):
        for name in files:
            if name.endswith('.py'):
                with open(os.path.join(folder, name), encoding='utf-8') as handle:
                    ids |= set(EMITTED.findall(handle.read()))
    return ids


@pytest.mark.parametrize('language', LANGUAGES)
def test_every_item_a_check_emits_has_a_name_and_advice(language):
    """Every id with a default threshold or written into an item by plugins/ is in i18n/items/<area>.yml."""
    ids = emitted_item_ids()
    assert len(ids) > 50, 'the scan of plugins/ found only %d item ids' % len(ids)
    ids |= set(REQUIRED_ITEMS)  # and those built from parts: host.<status>, reach.<protocol>
    catalog = load_catalog(language)
    missing = sorted(i for i in ids if catalog.item_name(i) == i or not catalog.item_advice(i))
    assert not missing, missing


def test_unknown_keys_fall_back_to_the_key():
    catalog = load_catalog('zh_CN')
    assert catalog.item_name('vendor.new.check') == 'vendor.new.check'
    assert catalog.item_advice('vendor.new.check') is None
    assert catalog.t('labels.nope') == 'labels.nope'
    assert catalog.status('weird') == 'weird'
    assert catalog.device_class(None) == ''
    assert catalog.t('conclusion.overview', hosts=1) == raw('zh_CN')['conclusion']['overview']  # missing placeholder: text as is


def test_labels():
    zh, en = load_catalog('zh_CN'), load_catalog('en')
    assert [zh.status(s) for s in ('ok', 'warning', 'critical', 'unknown')] == ['正常', '警告', '严重', '未知']
    assert en.status('critical') == 'Critical'
    assert zh.duration(15) == '15 分钟' and zh.duration(120) == '2 小时' and en.duration(1440) == '24 h'
    assert zh.t('titles.inspection_record') == '巡检记录单'
    assert zh.t('titles.health_report') == '系统健康检查与性能分析报告'


def test_unknown_language_is_refused():
    with pytest.raises(CatalogError, match='fr'):
        load_catalog('fr')


def test_every_key_used_by_the_templates_exists():
    used = set()
    for folder, _dirs, files in os.walk(templates_dir()):
        for name in files:
            if name.endswith('.j2'):
                with open(os.path.join(folder, name), encoding='utf-8') as handle:
                    used |= set(re.findall(r"\bt\('([a-z_.]+)'", handle.read()))
    assert used
    for language in LANGUAGES:
        catalog = load_catalog(language)
        missing = sorted(k for k in used if catalog.get(k.rstrip('.')) is None)  # 'grade.' ~ g: the section must exist
        assert not missing, (language, missing)


def test_area_item_catalogs_have_every_language(tmp_path):
    """i18n/items/<area>.yml entries carry every language with a name and advice, and are merged."""
    folder = os.path.join(templates_dir(), 'i18n', 'items')
    for name in sorted(os.listdir(folder)):
        if name.endswith('.yml'):
            with open(os.path.join(folder, name), encoding='utf-8') as handle:
                for item_id, languages in (yaml.safe_load(handle) or {}).items():
                    for language in LANGUAGES:
                        assert languages[language]['name'] and languages[language]['advice'], (name, item_id, language)
    base = tmp_path / 'templates'
    (base / 'i18n' / 'items').mkdir(parents=True)
    for language in LANGUAGES:
        (base / 'i18n' / ('%s.yml' % language)).write_text('language: %s\n' % language, encoding='utf-8')
    (base / 'i18n' / 'items' / 'demo.yml').write_text(
        'demo.item:\n  zh_CN: {name: 演示项, advice: 处理}\n  en: {name: Demo item, advice: Fix it}\n', encoding='utf-8')
    assert load_catalog('zh_CN', base_dir=str(base)).item_name('demo.item') == '演示项'
    assert load_catalog('en', base_dir=str(base)).item_advice('demo.item') == 'Fix it'
    (base / 'i18n' / 'items' / 'broken.yml').write_text('other.item:\n  zh_CN: {name: x, advice: y}\n', encoding='utf-8')
    with pytest.raises(CatalogError, match='other.item has no en entry'):
        load_catalog('en', base_dir=str(base / '..' / 'templates'))


def test_items_in_a_language_catalog_are_refused(tmp_path):
    """Item names have one layout (i18n/items/<area>.yml): an items section elsewhere is an error, not a second source."""
    base = tmp_path / 'templates'
    (base / 'i18n' / 'items').mkdir(parents=True)
    (base / 'i18n' / 'en.yml').write_text('items:\n  demo.item: {name: Old name, advice: Old}\n', encoding='utf-8')
    (base / 'i18n' / 'items' / 'demo.yml').write_text(
        'demo.item:\n  zh_CN: {name: 演示项, advice: 处理}\n  en: {name: Demo item, advice: Fix it}\n', encoding='utf-8')
    with pytest.raises(CatalogError, match='has an items section'):
        load_catalog('en', base_dir=str(base))
    for language in LANGUAGES:
        assert 'items' not in raw(language), language


def test_an_item_id_in_two_area_files_is_refused(tmp_path):
    base = tmp_path / 'templates'
    (base / 'i18n' / 'items').mkdir(parents=True)
    (base / 'i18n' / 'zh_CN.yml').write_text('language: zh_CN\n', encoding='utf-8')
    for name in ('a.yml', 'b.yml'):
        (base / 'i18n' / 'items' / name).write_text(
            'demo.item:\n  zh_CN: {name: 演示项, advice: 处理}\n  en: {name: Demo item, advice: Fix it}\n', encoding='utf-8')
    with pytest.raises(CatalogError, match='demo.item'):
        load_catalog('zh_CN', base_dir=str(base))
