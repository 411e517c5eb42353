# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Message catalogs: every human word of the reports comes from reports_templates/i18n/.

Labels, columns, statuses and the other report texts are in i18n/<lang>.yml; item names and
advice only in i18n/items/<area>.yml, both languages side by side (load_item_catalogs).

A missing key never crashes a report: it falls back to the key itself (an unknown item id is
shown as the id), so a new check appears in the reports before its translation does.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

try:
    import yaml
    HAS_YAML = True
except ImportError:  # pragma: no cover - PyYAML ships with ansible-core
    HAS_YAML = False

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import DetailFormatter, render as render_said
from ansible_collections.medops.itops.plugins.module_utils.report.paths import templates_dir

LANGUAGES = ('zh_CN', 'en')
DEFAULT_LANGUAGE = 'zh_CN'
# said_list() separators (English, as the producer joined them) in each language.
LIST_SEPARATORS = {'zh_CN': {'; ': '；', ', ': '、'}}

_CACHE = {}


class CatalogError(Exception):
    """A catalog cannot be loaded."""


def catalog_path(language, base_dir=None):
    return os.path.join(base_dir or templates_dir(), 'i18n', '%s.yml' % language)


def load_item_catalogs(language, base_dir=None):
    """Item names and advice from i18n/items/<area>.yml, both languages side by side per item id:

        pg.connections.used_pct:
          zh_CN: {name: 连接数使用率, advice: ...}
          en: {name: Connections used, advice: ...}

    One file per area keeps the languages of an item together and lets each area grow on its own.
    """
    items, found_in = {}, {}
    for name, path, data in _area_files('items', base_dir, 'item catalog'):
        for item_id, languages in data.items():
            if not isinstance(languages, dict) or not isinstance(languages.get(language), dict):
                raise CatalogError('item catalog %s: %s has no %s entry' % (path, item_id, language))
            if item_id in found_in:
                raise CatalogError('item catalogs %s and %s both name %s' % (found_in[item_id], name, item_id))
            found_in[item_id] = name
            items[item_id] = languages[language]
    return items


def _load_yaml(path, what='catalog'):
    try:
        with open(path, encoding='utf-8') as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError('load %s %s: %s' % (what, path, exc)) from exc
    if not isinstance(data, dict):
        raise CatalogError('%s %s is not a mapping' % (what, path))
    return data


def _area_files(kind, base_dir=None, what='catalog'):
    """(file name, path, mapping) of every i18n/<kind>/<area>.yml, in name order (none when the folder is missing)."""
    folder = os.path.join(base_dir or templates_dir(), 'i18n', kind)
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        if name.endswith('.yml'):
            path = os.path.join(folder, name)
            yield name, path, _load_yaml(path, what)


def load_detail_catalogs(language, base_dir=None):
    """Detail templates by detail_id from i18n/details/<area>.yml (see module_utils/inspection/said.py):

        linux.service.state:
          zh_CN: 'systemd 状态 {active!w}/{sub!w}，开机启动 {enabled!w}'

    English needs no entry (the item's `detail` is the English text); an `en` entry overrides it.
    """
    details, found_in = {}, {}
    for name, _path, data in _area_files('details', base_dir):
        for detail_id, languages in data.items():
            if not isinstance(languages, dict):
                raise CatalogError('detail catalog %s: %s is not a mapping of languages' % (name, detail_id))
            if detail_id in found_in:
                raise CatalogError('detail catalogs %s and %s both name %s' % (found_in[detail_id], name, detail_id))
            found_in[detail_id] = name
            if isinstance(languages.get(language), str):
                details[detail_id] = languages[language]
    return details


def load_words(language, base_dir=None):
    """The glossary (i18n/words/<area>.yml): a word devices or tools speak -> its word in `language`.

        fanError: {zh_CN: 风扇故障, en: fan error}

    A word in two area files must say the same in both (one term per concept)."""
    words, found_in = {}, {}
    for name, _path, data in _area_files('words', base_dir):
        for word, languages in data.items():
            if not isinstance(word, str):
                raise CatalogError('glossary %s: the word %r is not text to YAML (quote it: \'yes\', \'no\', \'on\')' % (name, word))
            if not isinstance(languages, dict) or not isinstance(languages.get(language), str):
                raise CatalogError('glossary %s: %r has no %s word' % (name, word, language))
            word = str(word)
            if word in words and words[word] != languages[language]:
                raise CatalogError('glossaries %s and %s translate %r differently' % (found_in[word], name, word))
            words[word], found_in[word] = languages[language], name
    return words


def load_catalog(language=DEFAULT_LANGUAGE, base_dir=None):
    """The Catalog of `language` (cached per path)."""
    if language not in LANGUAGES:
        raise CatalogError('report language %r is not one of %s' % (language, ', '.join(LANGUAGES)))
    if not HAS_YAML:
        raise CatalogError('loading the report catalogs requires the PyYAML library')
    path = catalog_path(language, base_dir)
    if path not in _CACHE:
        try:
            with open(path, encoding='utf-8') as handle:
                data = yaml.safe_load(handle)
        except (OSError, yaml.YAMLError) as exc:
            raise CatalogError('load report catalog %s: %s' % (path, exc)) from exc
        if not isinstance(data, dict):
            raise CatalogError('load report catalog %s: not a mapping' % path)
        if 'items' in data:
            # One layout for item names: an id in both places would show whichever happened to win.
            raise CatalogError('report catalog %s has an items section: item names and advice belong in i18n/items/<area>.yml'
                               % path)
        data['items'] = load_item_catalogs(language, base_dir)
        data['details'] = load_detail_catalogs(language, base_dir)
        data['words'] = load_words(language, base_dir)
        _CACHE[path] = Catalog(language, data)
    return _CACHE[path]


class Catalog(object):
    """Lookups with dotted keys; `t('labels.hospital')`, `item_name('linux.fs.used_pct')`."""

    def __init__(self, language, data):
        self.language = language
        self.data = data
        self._formatter = None

    def get(self, key, default=None):
        node = self.data
        for part in key.split('.'):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def t(self, key, **kwargs):
        """The text of `key`, formatted with kwargs; the key itself when it is missing."""
        text = self.get(key)
        if not isinstance(text, str):
            return key
        if kwargs:
            try:
                return text.format(**kwargs)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def _section(self, section, key):
        value = self.data.get(section, {}).get(key) if key is not None else None
        return value if isinstance(value, str) else (key if key is not None else '')

    def status(self, status):
        return self._section('status', status)

    def host_status(self, status):
        return self._section('host_status', status)

    def device_class(self, device_class):
        return self._section('device_class', device_class)

    def grade(self, grade):
        return self._section('grade', grade)

    def level(self, level):
        return self._section('level', level)

    def kind(self, kind):
        return self._section('kind', kind)

    def impact(self, impact):
        return self._section('impact', impact)

    def period(self, period):
        return self._section('period', period)

    def item_name(self, item_id):
        entry = self.data.get('items', {}).get(item_id)
        if isinstance(entry, dict) and entry.get('name'):
            return entry['name']
        return item_id

    def item_advice(self, item_id):
        entry = self.data.get('items', {}).get(item_id)
        if isinstance(entry, dict) and entry.get('advice'):
            return entry['advice']
        return None

    def word(self, text):
        """A device or tool word (fanError, inactive, Enabled) in this language; the word itself if unknown."""
        if not isinstance(text, str):
            return text
        words = self.data.get('words') or {}
        return words.get(text, words.get(text.lower(), text))

    def detail(self, entry):
        """The detail of an item or finding in this language: its detail_id's template with its params,
        else the stored (English) text."""
        text = entry.get('detail') or ''
        template = (self.data.get('details') or {}).get(entry.get('detail_id'))
        if template is None or not isinstance(entry.get('params'), dict):
            return text
        if self._formatter is None:
            zh = self.language == 'zh_CN'
            self._formatter = DetailFormatter(self.data.get('words'), ('「', '」') if zh else ('"', '"'),
                                              templates=self.data.get('details'), separators=LIST_SEPARATORS.get(self.language))
        rendered = render_said(template, entry['params'], formatter=self._formatter)
        return text if rendered is None else rendered

    def duration(self, minutes):
        """15 -> '15 分钟', 120 -> '2 小时'; None -> ''."""
        if minutes is None:
            return ''
        if minutes >= 60 and minutes % 60 == 0:
            return self.t('units.hours', n=minutes // 60)
        return self.t('units.minutes', n=minutes)
