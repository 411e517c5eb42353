# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Transforms: examples plus property-based tests (counter wrap, scaling, enum maps, garbage)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from hypothesis import given, strategies as st

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import STATUSES
from ansible_collections.medops.itops.plugins.module_utils.snmp import transforms as tf

GARBAGE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.binary(max_size=40),
                    st.text(max_size=40), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def test_to_number_examples():
    assert tf.to_number(45) == (45, None)
    assert tf.to_number(b'45') == (45, None)
    assert tf.to_number(b' 23.5 ') == (23.5, None)
    assert tf.to_number(None)[1] == 'no such object or instance'
    assert 'binary' in tf.to_number(b'\xff\x00\xfe')[1]
    assert tf.to_number(b'lots')[0] is None
    assert tf.to_number('1.3.6.1')[0] is None
    assert tf.to_number(True)[0] is None
    assert tf.to_number(float('nan'))[0] is None


def test_to_text_decodes_utf8_and_gb18030():
    assert tf.to_text('信息中心'.encode('utf-8')) == '信息中心'
    assert tf.to_text('机房'.encode('gb18030')) == '机房'
    assert tf.to_text(b'a\r\nb\x00') == 'a b'
    assert tf.to_text(None) is None


def test_counter_delta_examples():
    assert tf.counter_delta(10, 25) == (15, None)
    assert tf.counter_delta(2 ** 32 - 5, 10) == (15, None)
    assert tf.counter_delta(5, 3, bits=64)[1].startswith('counter went back')
    assert tf.counter_delta(2 ** 40, 5)[1] == 'counter reading out of range for 32 bits'
    assert tf.counter_delta(None, 5)[1] == 'a counter reading is missing'
    assert 'not integers' in tf.counter_delta(b'1', 5)[1]
    assert 'not 32 or 64' in tf.counter_delta(1, 5, bits=16)[1]


def test_rate_and_percent_and_precision():
    assert tf.rate(100, 700, 10) == (60.0, None)
    assert tf.rate(100, 700, 0)[1] == 'no time between the two samples'
    assert tf.rate(2 ** 32 - 100, 100, 2, per_seconds=60) == (6000.0, None)
    assert tf.percent(25, 200) == (12.5, None)
    assert tf.percent(25, 200, complement=True) == (87.5, None)
    assert tf.percent(1, 0)[1] == 'total is 0, no percentage'
    assert tf.percent(-1, 10)[1] == 'negative value -1'
    assert tf.apply_precision(305, 1) == (30.5, None)
    assert tf.apply_precision(3, -2) == (300.0, None)
    assert tf.apply_precision(3, 12)[0] is None


def test_enum_and_range():
    assert tf.enum_status(2, {1: 'ok', 2: 'critical'}, {1: 'normal', 2: 'abnormal'}) == ('critical', 'abnormal')
    assert tf.enum_status(b'1', {1: 'ok'}) == ('ok', '1')
    assert tf.enum_status(9, {1: 'ok'}) == ('unknown', '9')
    assert tf.enum_status('1.3.6.1.2.1.33.1.6.3.2', {}, {'1.3.6.1.2.1.33.1.6.3.2': 'onBattery'}) == ('unknown', 'onBattery')
    assert tf.check_range(2000, [-40, 150]) == 'implausible value 2000 (expected -40 to 150)'
    assert tf.check_range(41, [-40, 150]) is None
    assert tf.scale(412, 0.1) == 41.2
    assert tf.scale(5, 2, 1) == 11


@given(st.integers(0, 2 ** 32 - 1), st.integers(0, 2 ** 32 - 1))
def test_counter32_wrap_recovers_any_increase(previous, increase):
    current = (previous + increase) % 2 ** 32
    assert tf.counter_delta(previous, current, 32) == (increase, None)


@given(st.integers(0, 2 ** 64 - 1), st.integers(0, 2 ** 64 - 1))
def test_counter64_never_negative(previous, current):
    delta, reason = tf.counter_delta(previous, current, 64)
    if current >= previous:
        assert delta == current - previous and reason is None
    else:
        assert delta is None and 'reset' in reason


@given(GARBAGE, GARBAGE)
def test_counter_delta_and_rate_never_raise(previous, current):
    delta, reason = tf.counter_delta(previous, current, 32)
    assert (delta is None) != (reason is None)
    assert delta is None or delta >= 0
    value, reason = tf.rate(previous, current, 5)
    assert value is None or value >= 0


@given(GARBAGE)
def test_to_number_never_raises(value):
    number, reason = tf.to_number(value)
    assert (number is None) != (reason is None)
    assert number is None or isinstance(number, (int, float))


@given(GARBAGE, st.dictionaries(st.integers(0, 10), st.sampled_from(STATUSES), max_size=5))
def test_enum_status_always_a_status(raw, mapping):
    status, label = tf.enum_status(raw, mapping, {1: 'one'})
    assert status in STATUSES
    assert label is None or isinstance(label, str)


@given(st.integers(-10 ** 9, 10 ** 9), st.sampled_from([1, 0.1, 0.01, 10]))
def test_scale_is_exact_enough(number, factor):
    assert abs(tf.scale(number, factor) - number * factor) < 0.001


@given(st.integers(0, 10 ** 12), st.integers(1, 10 ** 12))
def test_percent_of_part_within_whole(part, extra):
    value, reason = tf.percent(part, part + extra)
    assert reason is None and 0 <= value <= 100
