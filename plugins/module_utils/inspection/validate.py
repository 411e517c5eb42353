# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory values checked once, where an action builds the spec of each target.

Two kinds of values, two rules:

- Settings (itops_thresholds, itops_impact, itops_snmp_profile, itops_report_language): an invalid
  value is a warning that names the host, the key and the value; the default applies instead and
  the host is still inspected. `settings()` returns the cleaned values and the warnings.
- Connection parameters (address, port, user, database, URL) never fall back: a wrong one would
  inspect another server or none. `port()`, `address()`, `name()` and `url()` raise ConfigError,
  and `not_inspected()` turns it into the host's one item `host.config_invalid`, so that host is
  "not inspected" with the reason and every other host of the task is inspected.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import IMPACTS
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item

CONFIG_ITEM = 'host.config_invalid'
LANGUAGES = ('zh_CN', 'en')      # the catalogs of reports_templates/i18n (report/i18n.LANGUAGES)
RULE_KEYS = ('warning', 'critical', 'direction')
DIRECTIONS = ('above', 'below')
# Items judged by a threshold that has no collection default (a user may still set one).
NO_DEFAULT_IDS = ('linux.updates.pending', 'pg.uptime.days', 'mysql.uptime.days')
CUSTOM_ID = re.compile(r'^custom\.[a-z0-9_]+(\.[a-z0-9_]+)*$')   # custom/definitions.NAME_RE under custom.
HOSTNAME = re.compile(r'^(\[[0-9a-fA-F:.]+\]|[0-9A-Za-z_.:-]+)$')
URL = re.compile(r'^https?://[^/\s?#]+[^\s]*$')


class ConfigError(ValueError):
    """A connection parameter of one host that cannot be used; the message names host, key and value."""

    def __init__(self, host, key, value, why):
        self.host, self.key, self.value = host, key, value
        if key is None:
            message = '%s %s' % (host, why)
        elif value is None:
            message = '%s: %s %s' % (host, key, why)
        else:
            message = '%s: %s = %r %s' % (host, key, value, why)
        super(ConfigError, self).__init__(message)


def warning(host, key, value, why, fallback='the default applies'):
    return '%s: %s = %r %s; %s' % (host, key, value, why, fallback)


# ---- connection parameters: never fall back ------------------------------------------------

def port(host, key, value, default=None):
    """A TCP/UDP port from a host variable (default when unset); ConfigError when unusable."""
    if value is None or value == '':
        if default is None:
            raise ConfigError(host, key, value, 'is required')
        return int(default)
    if isinstance(value, bool):
        raise ConfigError(host, key, value, 'is not a port number')
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ConfigError(host, key, value, 'is not a port number')
    if not 0 < number < 65536:
        raise ConfigError(host, key, value, 'is not a port number (1-65535)')
    return number


def address(host, key, value):
    """A host name or IP address; ConfigError for empty values, spaces and URLs."""
    text = '' if value is None else str(value).strip()
    if not text or not HOSTNAME.match(text):
        raise ConfigError(host, key, value, 'is not a host name or IP address')
    return text


def name(host, key, value, required=False):
    """A user or database name: a non-empty string without control characters (None when unset)."""
    if value is None or value == '':
        if required:
            raise ConfigError(host, key, value, 'is required')
        return None
    if isinstance(value, (dict, list, bool)) or re.search(r'[\x00-\x1f\x7f]', str(value)) or not str(value).strip():
        raise ConfigError(host, key, value, 'is not a usable name')
    return str(value)


def url(host, key, value):
    """An http(s) URL with a host part; ConfigError otherwise."""
    if not isinstance(value, str) or not URL.match(value.strip()):
        raise ConfigError(host, key, value, 'is not an http:// or https:// URL')
    port_part = re.match(r'^https?://(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/]*)(?::([^/?#]*))?', value.strip()).group(1)
    if port_part is not None:
        port(host, key, port_part)
    return value.strip()


def add_warnings(result, warnings):
    """Append warnings to an action result (Ansible shows them; AWX keeps them with the job)."""
    if warnings:
        result['warnings'] = list(result.get('warnings') or []) + list(warnings)
    return result


def not_inspected(host, device_class, check, reason):
    """The inspection of a host whose connection parameters are unusable: one item with the reason."""
    item = make_item(CONFIG_ITEM, subject=check, status='critical', fault=False,
                     detail=said('config.not_inspected', 'not inspected: {reason!q}', reason=str(reason)[:480]))
    return make_inspection(host, device_class, [item])


# ---- settings: warn and fall back ------------------------------------------------------------

def known_threshold_id(item_id):
    """An id some check judges with a threshold: DEFAULTS, SNMP profile items, custom checks."""
    return item_id in DEFAULTS or item_id in NO_DEFAULT_IDS or bool(CUSTOM_ID.match(item_id)) or item_id in profile_item_ids()


_PROFILE_IDS = {}


def profile_item_ids():
    """Item ids of the shipped SNMP profiles (read once per process)."""
    if 'ids' not in _PROFILE_IDS:
        ids = set()
        try:
            from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
            loader = Loader()
            for profile in loader.names():
                ids.update(item.get('id') for item in loader.raw(profile)[1].get('items') or [])
        except Exception:  # a broken profile is reported by snmp_inspect itself
            pass
        _PROFILE_IDS['ids'] = frozenset(i for i in ids if i)
    return _PROFILE_IDS['ids']


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        text = str(value).strip()
        return int(text) if re.match(r'^-?\d+$', text) else float(text)
    except (TypeError, ValueError):
        return None


def _ordered(rule):
    warn, crit = rule.get('warning'), rule.get('critical')
    if warn is None or crit is None:
        return True
    return warn <= crit if rule.get('direction', 'above') == 'above' else warn >= crit


def thresholds(host, value, key='itops_thresholds'):
    """(overrides to use, warnings): bad entries dropped, so the default of each applies."""
    warnings = []
    if value is None or value == {}:
        return {}, warnings
    if not isinstance(value, dict):
        return {}, [warning(host, key, value, 'is not a mapping of item id to {warning, critical}', 'the defaults apply')]
    clean = {}
    # Plain ids first: an id@subject rule builds on the cleaned rule of its id.
    for rule_key in sorted(value, key=lambda k: ('@' in str(k), str(k))):
        rule_key = str(rule_key)
        item_id = rule_key.split('@', 1)[0]
        where = '%s[%s]' % (key, rule_key)
        raw = value[rule_key]
        if not known_threshold_id(item_id):
            warnings.append(warning(host, where, raw, 'names no item id with a threshold (docs/thresholds.md)', 'ignored'))
            continue
        if not isinstance(raw, dict):
            warnings.append(warning(host, where, raw, 'is not a mapping with warning/critical'))
            continue
        rule = {}
        for level, level_value in raw.items():
            if level not in RULE_KEYS:
                warnings.append(warning(host, '%s.%s' % (where, level), level_value, 'is not warning, critical or direction', 'ignored'))
            elif level == 'direction':
                if level_value in DIRECTIONS:
                    rule[level] = level_value
                else:
                    warnings.append(warning(host, '%s.direction' % where, level_value, 'is not above or below'))
            elif level_value is None:
                rule[level] = None
            elif _number(level_value) is None:
                warnings.append(warning(host, '%s.%s' % (where, level), level_value, 'is not a number'))
            else:
                rule[level] = _number(level_value)
        merged = dict((k, v) for k, v in DEFAULTS.get(item_id, {}).items() if k in RULE_KEYS)
        if '@' in rule_key:
            merged.update(clean.get(item_id, {}))
        merged.update(rule)
        if not _ordered(merged):
            direction = merged.get('direction', 'above')
            warnings.append(warning(host, where, raw, 'gives warning %s %s critical %s (direction %s: %s is worse)' % (
                merged['warning'], 'above' if direction == 'above' else 'below', merged['critical'], direction,
                'higher' if direction == 'above' else 'lower')))
            continue
        if rule:
            clean[rule_key] = rule
    return clean, warnings


def choice(host, key, value, allowed, fallback):
    """(value or None, warnings) for a setting that must be one of `allowed`."""
    if value is None or value == '':
        return None, []
    if value in allowed:
        return value, []
    return None, [warning(host, key, value, 'is not one of %s' % ', '.join(allowed), fallback)]


def impact(host, value):
    return choice(host, 'itops_impact', value, IMPACTS, 'graded with the default impact (itops_grading.default_impact)')


def language(host, value):
    return choice(host, 'itops_report_language', value, LANGUAGES, 'the reports are written in zh_CN')


def snmp_profile(host, value, names):
    return choice(host, 'itops_snmp_profile', value, tuple(names), 'the profile is detected from sysObjectID')


SETTINGS = (('thresholds', 'itops_thresholds', thresholds), ('impact', 'itops_impact', impact),
            ('language', 'itops_report_language', language))


def settings(host, hostvars, templar=None, only=None):
    """({thresholds, impact, language}, warnings) of one host's settings (`only`: some of them)."""
    out, warnings = {}, []
    for key, var, check in SETTINGS:
        if only is None or key in only:
            out[key], found = check(host, hostvar(hostvars, var, templar))
            warnings += found
    return out, warnings
