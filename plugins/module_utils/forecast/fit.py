# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Least-squares line through (time, used) samples and when it reaches a capacity.

The uncertainty is the prediction interval of the fit (from its residuals, Student t): the
earliest day is where the upper band reaches the capacity, the latest where the lower band does.
No numpy: hospital controllers run whatever Python the EE has, and the samples are few.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math

# Two-sided Student t quantiles by degrees of freedom, for 80 %, 90 % and 95 % confidence.
T_TABLE = {
    0.80: (3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.350, 1.345, 1.341,
           1.337, 1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310),
    0.90: (6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
           1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697),
    0.95: (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
           2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042),
}
T_LARGE = {0.80: 1.282, 0.90: 1.645, 0.95: 1.960}
CONFIDENCES = tuple(sorted(T_TABLE))


def t_quantile(confidence, dof):
    """Two-sided Student t critical value for confidence (0.80, 0.90 or 0.95) and dof >= 1."""
    if confidence not in T_TABLE:
        raise ValueError('confidence must be one of %s, got %r' % (', '.join(str(c) for c in CONFIDENCES), confidence))
    if dof < 1:
        return float('inf')
    table = T_TABLE[confidence]
    return table[dof - 1] if dof <= len(table) else T_LARGE[confidence]


class Fit(object):
    """y = intercept + slope * x over n points, with the residual standard error."""

    def __init__(self, points):
        self.n = len(points)
        if self.n < 2:
            raise ValueError('a line needs at least 2 points, got %d' % self.n)
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        self.x_mean = sum(xs) / self.n
        self.y_mean = sum(ys) / self.n
        self.sxx = sum((x - self.x_mean) ** 2 for x in xs)
        if self.sxx <= 0:
            raise ValueError('all samples were taken at the same time')
        sxy = sum((x - self.x_mean) * (y - self.y_mean) for x, y in zip(xs, ys))
        self.slope = sxy / self.sxx
        self.intercept = self.y_mean - self.slope * self.x_mean
        sse = sum((y - self.predict(x)) ** 2 for x, y in zip(xs, ys))
        syy = sum((y - self.y_mean) ** 2 for y in ys)
        self.dof = self.n - 2
        self.stderr = math.sqrt(sse / self.dof) if self.dof > 0 else 0.0
        if self.stderr < 1e-9 * max(1.0, abs(self.y_mean)):
            self.stderr = 0.0
        self.r2 = 1.0 - sse / syy if syy > 0 else 1.0

    def predict(self, x):
        return self.intercept + self.slope * x

    def half_width(self, x, confidence):
        """Half the prediction interval for one new observation at x."""
        if self.stderr == 0.0:
            return 0.0
        spread = math.sqrt(1.0 + 1.0 / self.n + (x - self.x_mean) ** 2 / self.sxx)
        return t_quantile(confidence, self.dof) * self.stderr * spread


def linear_fit(points):
    return Fit(points)


def _first_crossing(func, start, end, steps=400):
    """The first x in [start, end] where func(x) >= 0 (func increasing near it), or None."""
    if func(start) >= 0:
        return start
    step = (end - start) / float(steps)
    low = start
    for index in range(1, steps + 1):
        high = start + step * index
        if func(high) >= 0:
            for _round in range(60):
                mid = (low + high) / 2.0
                if func(mid) >= 0:
                    high = mid
                else:
                    low = mid
            return high
        low = high
    return None


def time_to_full(fit, capacity, now, confidence=0.95, horizon=3650.0):
    """(expected, earliest, latest) x at which used reaches capacity, counted from `now`.

    None for `expected` when the trend does not grow (never full); latest None when the lower
    band stays below the capacity within `horizon` (cannot be bounded). 0 when already full.
    """
    if fit.predict(now) >= capacity:
        return 0.0, 0.0, 0.0
    if fit.slope <= 0:
        return None, None, None
    expected = (capacity - fit.intercept) / fit.slope - now
    if fit.stderr == 0.0:
        return expected, expected, expected
    end = now + max(horizon, expected * 2.0)
    earliest = _first_crossing(lambda x: fit.predict(x) + fit.half_width(x, confidence) - capacity, now, end)
    latest = _first_crossing(lambda x: fit.predict(x) - fit.half_width(x, confidence) - capacity, now, end)
    return (expected,
            None if earliest is None else max(0.0, earliest - now),
            None if latest is None else latest - now)
