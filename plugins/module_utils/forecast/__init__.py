# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Capacity forecasts (days to full) from the metric history (docs/forecast.md).

    fit = linear_fit([(t_days, used_bytes), ...]); days_to_full(fit, capacity, now)
    run['forecasts'] = forecasts_for_run(store, run, options)
"""
