# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspection items, metrics and facts from a profile and what the device answered.

Item kinds (profile `kind`):
  number   a value (scaled, or a percentage of another column) judged by thresholds.evaluate
  enum     a state mapped to a status through `map`, shown through `labels`; `fault: true`
           marks a critical state as an outage
  rate     counter increase per `per_seconds` between two samples (wrap at 2^counter_bits)
  if_oper  IF-MIB oper status of admin-up interfaces (docs/snmp.md "Interfaces"): down is a finding
           on an uplink / must-be-up / aggregation interface (critical, fault), on one that carries a
           description or was up in the previous run (warning); other down ports are unused access
           ports, counted in one `if.unused.count` item instead of a warning each
  if_util  interface utilisation % from octet counter rates and the interface speed
  count    number of rows (e.g. alarms present), judged by thresholds, rows named in the detail
  metric   a number kept in `metrics` only

Nothing read is dropped silently: a value column the device does not serve, or a `when` column it
does not serve (unless the condition says `missing: ignore`), makes one `unknown` item naming the
column and its OID; a row that has the value but not a filter column is an `unknown` item of its
own. An absent table gives no item only when the table or the item is marked optional.
Numbers may be judged against limits the device publishes (`threshold_warning`,
`threshold_critical` columns); the collection's defaults are the fallback.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said, said_list
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.snmp import host_memory
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import SYSTEM_COLUMNS
from ansible_collections.medops.itops.plugins.module_utils.snmp import transforms as tf

IF_OPER = {1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown'}
IF_DOWN = (2, 6, 7)
# IANAifType ieee8023adLag(161) and the names vendors give aggregations (Huawei Eth-Trunk, H3C
# Bridge-/Route-Aggregation, Cisco/Dell Port-channel): an aggregation down is an outage.
IF_TYPE_LAG = 161
AGGREGATION_NAME = re.compile(r'^(eth-trunk|bridge-aggregation|route-aggregation|port-channel|po\d|bond|trk)', re.IGNORECASE)
UNUSED_ITEM = 'if.unused.count'
MAX_DETAIL_NAMES = 10
# A published limit of 0 or 65535 means "not set" on Huawei and H3C entity tables.
NOT_A_LIMIT = (0, 65535)


def _index_key(index):
    try:
        return (0, tuple(int(p) for p in index.split('.')))
    except ValueError:
        return (1, index)


def _condition(row, cond):
    op = cond.get('op', 'eq')
    raw = row.get(cond['column'])
    if op == 'present':
        return raw is not None
    if op == 'match':
        return re.search(str(cond.get('value')), tf.to_text(raw) or '') is not None
    value = tf.to_number(raw)[0]
    if value is None:
        value = tf.to_text(raw)
    want = cond.get('value')
    if op in ('in', 'not_in'):
        inside = value in (want or [])
        return inside if op == 'in' else not inside
    if op in ('eq', 'ne'):
        return (value == want) == (op == 'eq')
    if not isinstance(value, (int, float)) or not isinstance(want, (int, float)):
        return False
    return {'gt': value > want, 'ge': value >= want, 'lt': value < want, 'le': value <= want}[op]


def rows_of(snap, table, when=None):
    """[(index, row)] of a table in index order, rows failing `when` left out; index is in the row."""
    result = []
    for index in sorted(snap['tables'].get(table, {}), key=_index_key):
        row = dict(snap['tables'][table][index], index=index)
        if all(_condition(row, c) for c in (when or [])):
            result.append((index, row))
    return result


def subject_of(template, row, default=None):
    if not template:
        return default
    values = dict((k, tf.to_text(v) if v is not None else '') for k, v in row.items())
    try:
        text = template.format(**values).strip()
    except (KeyError, IndexError, ValueError):
        text = ''
    return text or default


class Context(object):
    """What the builders need besides the snapshot: threshold overrides, uplinks, the previous sample."""

    def __init__(self, overrides=None, uplinks=None, previous=None, rate_reason=None, must_be_up=None, previous_run=None):
        self.overrides = overrides or {}
        self.uplinks = set(uplinks or [])
        self.must_be_up = set(must_be_up or [])
        self.previous = previous          # a snapshot with the rate columns, or None
        self.rate_reason = rate_reason    # why there is no previous sample
        self.previous_run = previous_run  # the sample the previous run kept (interface states), or None


def _column_error(snap, item, columns):
    for column in columns:
        reason = snap['errors'].get('column:%s.%s' % (item['table'], column))
        if reason:
            return reason
    return None


def _missing(item, snap):
    """Reason for an item whose table or scalar brought nothing back, or None."""
    if item.get('scalar'):
        reason = snap['errors'].get('scalar:' + item['scalar'])
        if reason:
            return reason
        if snap['scalars'].get(item['scalar']) is None:
            return said('snmp.scalar.none', 'no such object ({scalar})', scalar=item['scalar'])
        return None
    values = item.get('value')
    columns = values if isinstance(values, list) else ([values] if values else [])
    reason = _column_error(snap, item, columns)
    if reason:
        return reason
    if not snap['tables'].get(item['table']) and item['kind'] != 'count':
        return said('snmp.table.empty', 'table {table} is empty or not supported by this device', table=item['table'])
    return None


def build(profile, snap, ctx):
    """(items, metrics) for every item of the profile; never raises on device data."""
    items, metrics = [], {}
    for spec in profile['items']:
        try:
            built = _build_one(spec, snap, ctx, metrics, profile)
        except Exception as exc:  # pylint: disable=broad-except  # a builder bug on odd data must not lose the device
            built = [unknown_item(spec['id'], None, said('snmp.item.crashed', 'could not evaluate: {error_type}: {error!q}',
                                                         error_type=type(exc).__name__, error=str(exc)))]
        items.extend(built)
    return items, metrics


def _build_one(spec, snap, ctx, metrics, profile):
    reason = _missing(spec, snap)
    if reason:
        if spec.get('optional') or spec['kind'] == 'metric' or spec.get('table') in profile.get('optional_tables', ()):
            return []
        return [unknown_item(spec['id'], spec.get('subject') if spec.get('scalar') else None, reason)]
    if spec.get('scalar'):
        row = dict(snap['scalars'], index='0')
        return _from_row(spec, row, subject_of(spec.get('subject'), row), snap, ctx, metrics)
    if spec['kind'] == 'count':
        return _count(spec, snap, ctx)
    if spec['kind'] == 'host_memory':
        return host_memory.build(spec, snap, ctx, metrics)
    columns = profile['tables'].get(spec['table'], {})
    when, unserved = usable_conditions(snap, spec, columns)
    if unserved:
        return [] if spec['kind'] == 'metric' else [unknown_item(spec['id'], None, unserved)]
    result, unused = [], []
    for index, row in rows_of(snap, spec['table']):
        subject = subject_of(spec.get('subject', '{index}'), row, index)
        if not any(c in row for c in _value_columns(spec)):
            continue                   # sparse table: this row is not a reading of this item
        lacking = [c['column'] for c in when if c.get('op') != 'present' and row.get(c['column']) is None]
        if lacking and spec['kind'] != 'metric':
            reason = said('snmp.row.no_filter_value', 'row {index} has no {column} ({oid}): cannot tell whether it applies',
                          index=index, column=lacking[0], oid=columns.get(lacking[0], '?'))
            result.append(unknown_item(spec['id'], subject, reason))
            continue
        if not all(_condition(row, c) for c in when):
            continue
        if spec['kind'] == 'if_oper':
            result.extend(_if_oper(spec, row, subject, ctx, unused))
        else:
            result.extend(_from_row(spec, row, subject, snap, ctx, metrics))
    if spec['kind'] == 'if_oper':
        result.append(_unused_ports(unused))
    return result


def _value_columns(spec):
    values = spec.get('value')
    names = values if isinstance(values, list) else ([values] if values else [])
    return names + ([spec['admin']] if spec.get('admin') else [])


def usable_conditions(snap, spec, columns):
    """(conditions to apply, reason or None): a value or filter column the device serves in no row
    is named in the reason, unless the condition says `missing: ignore` (then it is dropped)."""
    served = set()
    for row in snap['tables'].get(spec['table'], {}).values():
        served.update(k for k, v in row.items() if v is not None)
    for column in _value_columns(spec):
        if column not in served:
            return [], said('snmp.column.not_served', 'column {column} ({oid}) of table {table} is not served by this device',
                            column=column, oid=columns.get(column, '?'), table=spec['table'])
    usable = []
    for cond in spec.get('when', []):
        if cond['column'] in SYSTEM_COLUMNS or cond['column'] in served or cond.get('op') == 'present':
            usable.append(cond)
        elif cond.get('missing', 'unknown') != 'ignore':
            return [], said('snmp.column.filter_not_served', 'filter column {column} ({oid}) of table {table} is not served by this device: '
                            'its rows cannot be selected', column=cond['column'], oid=columns.get(cond['column'], '?'), table=spec['table'])
    return usable, None


def _metric(spec, subject, value, metrics):
    if spec.get('metric') and value is not None:
        key = spec['metric'].replace('{subject}', str(subject)) if subject is not None else spec['metric'].replace('.{subject}', '')
        metrics[key] = value


def _number(spec, row, column):
    raw = row.get(column)
    if raw is not None and spec.get('ignore_values') and (tf.to_number(raw)[0] in spec['ignore_values'] or tf.to_text(raw) in spec['ignore_values']):
        return None, 'skip'
    return tf.to_number(raw)


def _from_row(spec, row, subject, snap, ctx, metrics):
    kind = spec['kind']
    if kind == 'enum':
        return _enum(spec, row, subject)
    if kind == 'if_oper':
        return _if_oper(spec, row, subject, ctx)
    if kind in ('rate', 'if_util'):
        return _rated(spec, row, subject, snap, ctx, metrics)
    value, reason = _number(spec, row, spec.get('scalar') or spec['value'])
    if reason == 'skip':
        return []
    if reason is None and spec.get('minus'):
        other, reason = tf.to_number(row.get(spec['minus']))
        if reason is None:
            value = value - other
    if reason is None and spec.get('percent_of'):
        whole, reason = tf.to_number(row.get(spec['percent_of']))
        if reason is None:
            value, reason = tf.percent(value, whole, spec.get('complement', False))
    if reason is None and spec.get('precision'):
        digits, reason = tf.to_number(row.get(spec['precision']))
        if reason is None:
            value, reason = tf.apply_precision(value, digits)
    if reason is None and spec.get('divide_by'):
        value = round(value / float(spec['divide_by']), 3)
    if reason is None:
        value = tf.scale(value, spec.get('scale'), spec.get('offset'))
        reason = tf.check_range(value, spec.get('range', [0, 100] if spec.get('unit') == '%' else None))
    if reason:
        return [] if kind == 'metric' else [unknown_item(spec['id'], subject, reason)]
    _metric(spec, subject, value, metrics)
    if kind == 'metric':
        return []
    published = published_limits(spec, row)
    detail = None
    if published:
        unit = (' ' + spec['unit']) if spec.get('unit') and spec['unit'] != '%' else (spec.get('unit') or '')
        detail = said('snmp.limits.published', 'limits published by the device: warning {warning}{unit}, critical {critical}{unit}',
                      warning=published['warning'], critical=published['critical'], unit=unit)
    return [evaluate(spec['id'], value, subject=subject, overrides=ctx.overrides, unit=spec.get('unit'), detail=detail,
                     published=published)]


def _limit(spec, raw):
    value, reason = tf.to_number(raw)
    if reason or value in NOT_A_LIMIT:
        return None
    low, high = spec.get('range') or [None, None]
    if (low is not None and value < low) or (high is not None and value > high):
        return None
    return value


def published_limits(spec, row):
    """{warning, critical} from the device's own threshold columns, or None when it publishes none.

    Only a warning limit: critical is 10 above it (as open monitoring tools do); only a critical
    one (Huawei hwEntityTemperatureThreshold): warning is 5 below it.
    """
    critical = _limit(spec, row.get(spec['threshold_critical'])) if spec.get('threshold_critical') else None
    warning = _limit(spec, row.get(spec['threshold_warning'])) if spec.get('threshold_warning') else None
    if critical is None and warning is None:
        return None
    if critical is None:
        critical = warning + 10
    if warning is None or warning > critical:
        warning = critical - 5
    return {'warning': warning, 'critical': critical}


def _enum(spec, row, subject):
    raw = row.get(spec.get('scalar') or spec['value'])
    if raw is None:
        return [unknown_item(spec['id'], subject, said('snmp.value.missing', 'no such object or instance'))]
    status, label = tf.enum_status(raw, spec['map'], spec.get('labels'), spec.get('default_status', 'unknown'))
    detail = None if str(label) == str(tf.to_text(raw)) else said('snmp.enum.raw', 'raw value {raw}', raw=tf.to_text(raw))
    if status == 'unknown' and not detail:
        detail = said('snmp.enum.unknown_state', 'value {raw} is not a known state', raw=tf.to_text(raw))
    return [make_item(spec['id'], subject=subject, value=label, status=status, detail=detail,
                      fault=bool(spec.get('fault')) and status == 'critical')]


def _was_up(spec, row, ctx):
    if ctx.previous_run is None:
        return False
    before = ctx.previous_run['tables'].get(spec['table'], {}).get(row['index']) or {}
    return before.get(spec['value']) == 1


def _role(spec, row, subject, ctx):
    """Why this interface must be up ('uplink', 'must be up', 'aggregation': words of the glossary), or None."""
    if subject in ctx.uplinks:
        return 'uplink'
    if subject in ctx.must_be_up:
        return 'must be up'
    if_type = tf.to_number(row.get(spec['if_type']))[0] if spec.get('if_type') else None
    if if_type == IF_TYPE_LAG or AGGREGATION_NAME.match(subject or ''):
        return 'aggregation'
    return None


def _if_oper(spec, row, subject, ctx, unused):
    admin, _reason = tf.to_number(row.get(spec['admin']))
    if admin != 1:
        return []                       # administratively down (or unknown): not expected to be up
    oper, reason = tf.to_number(row.get(spec['value']))
    if reason:
        return [unknown_item(spec['id'], subject, tf.number_reason('ifOperStatus', reason))]
    label = IF_OPER.get(oper, str(oper))
    role = _role(spec, row, subject, ctx)
    alias = (tf.to_text(row.get(spec['alias'])) or '').strip() if spec.get('alias') else ''
    if oper in (1, 5):
        status, fault = 'ok', False
    elif oper == 3:
        status, fault = 'warning', False
    elif oper in IF_DOWN:
        if role:
            status, fault = 'critical', True
        elif _was_up(spec, row, ctx):
            status, fault, role = 'warning', False, 'up in the previous run'
        elif alias:
            status, fault = 'warning', False
            detail = said('snmp.if.down_described', 'admin {admin!w}, oper {oper!w} (described "{alias!q}")', admin='up', oper=label, alias=alias[:60])
            return [make_item(spec['id'], subject=subject, value=label, status=status, detail=detail, fault=fault)]
        else:
            unused.append(subject)      # an access port nothing is plugged into: counted, not warned
            return []
    else:
        status, fault = 'unknown', False
    if role:
        detail = said('snmp.if.oper_role', 'admin {admin!w}, oper {oper!w} ({role!w})', admin='up', oper=label, role=role)
    else:
        detail = said('snmp.if.oper', 'admin {admin!w}, oper {oper!w}', admin='up', oper=label)
    return [make_item(spec['id'], subject=subject, value=label, status=status, detail=detail, fault=fault)]


def _listed(names):
    """The first MAX_DETAIL_NAMES names, comma separated, ' ...' when there are more; None for none."""
    if not names:
        return None
    return ', '.join(str(n) for n in names[:MAX_DETAIL_NAMES]) + (' ...' if len(names) > MAX_DETAIL_NAMES else '')


def _unused_ports(names):
    detail = None
    if names:
        detail = said('snmp.if.unused', 'admin up, oper down, no description, not an uplink, not up in the previous run: {interfaces}',
                      interfaces=_listed(names))
    return make_item(UNUSED_ITEM, subject='interfaces', value=len(names), status='ok', detail=detail)


def _rate_of(spec, row, column, ctx, snap):
    bits = spec.get('counter_bits', 32)
    if ctx.previous is None:
        return None, ctx.rate_reason or said('snmp.rate.no_previous', 'no previous sample to compute a rate')
    prev_row = ctx.previous['tables'].get(spec['table'], {}).get(row['index'])
    if prev_row is None or prev_row.get(column) is None:
        return None, said('snmp.rate.no_previous_column', 'no previous sample of {column}', column=column)
    prev_up, cur_up = ctx.previous['scalars'].get('sysUpTime'), snap['scalars'].get('sysUpTime')
    if isinstance(prev_up, int) and isinstance(cur_up, int) and cur_up < prev_up:
        return None, said('snmp.rate.restarted', 'device restarted since the previous sample (counters reset)')
    return tf.rate(prev_row.get(column), row.get(column), snap['time'] - ctx.previous['time'], bits, spec.get('per_seconds', 1))


def _rated(spec, row, subject, snap, ctx, metrics):
    columns = spec['value'] if isinstance(spec['value'], list) else [spec['value']]
    rates = []
    for column in columns:
        value, reason = _rate_of(spec, row, column, ctx, snap)
        if reason:
            return [unknown_item(spec['id'], subject, reason)]
        rates.append(value)
    if spec['kind'] == 'rate':
        value = round(sum(rates), 3)
    else:
        speed, reason = tf.to_number(row.get(spec.get('speed_mbps') or spec.get('speed_bps')))
        if reason:
            return [unknown_item(spec['id'], subject, tf.number_reason('interface speed', reason))]
        speed_bps = speed * 1000000 if spec.get('speed_mbps') else speed
        if speed_bps <= 0:
            return []                  # no speed (loopback, NULL, virtual): utilisation is meaningless
        value = round(max(rates) * 8 * 100.0 / speed_bps, 2)
        reason = tf.check_range(value, spec.get('range', [0, 110]))
        if reason:
            return [unknown_item(spec['id'], subject, said('snmp.if.util_implausible', 'implausible value {value} (expected {low} to {high}): '
                                                           'counters or speed are inconsistent', **reason.params))]
        value = min(value, 100.0)
    _metric(spec, subject, value, metrics)
    if spec['kind'] == 'metric':
        return []
    return [evaluate(spec['id'], value, subject=subject, overrides=ctx.overrides, unit=spec.get('unit'))]


def _count(spec, snap, ctx):
    rows = rows_of(snap, spec['table'], spec.get('when'))
    names = []
    for _index, row in rows:
        raw = row.get(spec['value']) if spec.get('value') else None
        names.append((spec.get('labels') or {}).get(tf.to_text(raw), tf.to_text(raw)) if raw is not None else row['index'])
    detail = _count_detail(names, bool(spec.get('value')), bool(spec.get('labels')))
    return [evaluate(spec['id'], len(rows), subject=spec.get('subject'), overrides=ctx.overrides, unit=spec.get('unit'), detail=detail)]


def _count_detail(names, has_value, labelled):
    """The rows a count item counted: the words of its `labels` (translated one by one; a value without
    a label, e.g. a vendor's alarm OID, is shown as it is), the device's own text (quoted), or the row indexes."""
    if not names:
        return None
    if has_value and labelled and len(names) <= MAX_DETAIL_NAMES:
        return said('snmp.count.words', '{words}', words=_words(names))
    if has_value and labelled:
        return said('snmp.count.words_more', '{words} ...', words=_words(names[:MAX_DETAIL_NAMES]))
    if has_value:
        return said('snmp.count.text', '{names!q}', names=_listed(names))
    return said('snmp.count.rows', '{rows}', rows=_listed(names))


def _words(names):
    """A word list said word by word (each through the glossary), joined by the language's separator."""
    return said_list([said('snmp.count.word', '{word!w}', word=name) for name in names], ', ')


def build_facts(profile, snap):
    """Facts for the configuration ledger: each from a scalar or the first matching table row."""
    facts = {}
    for name, spec in sorted(profile['facts'].items()):
        if spec.get('scalar'):
            value = tf.to_text(snap['scalars'].get(spec['scalar']))
        else:
            value = None
            for _index, row in rows_of(snap, spec['table'], spec.get('when')):
                value = tf.to_text(row.get(spec['column']))
                if value:
                    break
        if value:
            facts[name] = value
    return facts
