#!/usr/bin/env python3
"""Compares the time series of two `cathodesim run` outputs of the same config, step by step.

Usage: compare.py BASE_timeseries.csv NEW_timeseries.csv
Prints one JSON line: the largest relative difference of a step's capacity (charge passed in the step), the largest
voltage difference at the base run's times (the new run interpolated linearly in time within the same step), and the
same excluding the last 2 % of each step's duration, where a voltage cut-off's cliff turns any shift of the end time
into a large voltage difference without the curves differing.
"""
import csv
import json
import sys


def read(path):
    steps = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (int(row["cycle"]), int(row["step_index"]))
            steps.setdefault(key, []).append((float(row["time_s"]), float(row["voltage_V"]), float(row["charge_C"])))
    return steps


def interpolate(points, t):
    lo, hi = 0, len(points) - 1
    if t <= points[0][0]:
        return points[0][1]
    if t >= points[-1][0]:
        return points[-1][1]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if points[mid][0] <= t:
            lo = mid
        else:
            hi = mid
    (t0, v0, _), (t1, v1, _) = points[lo], points[hi]
    return v0 + (v1 - v0) * (t - t0) / (t1 - t0)


base, new = read(sys.argv[1]), read(sys.argv[2])
if set(base) != set(new):
    print(json.dumps({"error": f"different steps: {len(base)} in base, {len(new)} in new"}))
    sys.exit(1)
cap_rel = 0.0
v_all = v_interior = 0.0
end_rel = 0.0
for key, b in base.items():
    n = new[key]
    cb, cn = b[-1][2] - b[0][2], n[-1][2] - n[0][2]
    if abs(cb) > 1e-12:
        cap_rel = max(cap_rel, abs(cn - cb) / abs(cb))
    tb0, tb1 = b[0][0], b[-1][0]
    duration = tb1 - tb0
    if duration > 0:
        end_rel = max(end_rel, abs((n[-1][0] - n[0][0]) - duration) / duration)
    for t, v, _ in b[1:]:
        d = abs(interpolate(n, t) - v)
        v_all = max(v_all, d)
        if duration > 0 and t - tb0 <= 0.98 * duration:
            v_interior = max(v_interior, d)
print(json.dumps({"steps": len(base), "capacity_rel_max": cap_rel, "step_duration_rel_max": end_rel,
                  "voltage_max_mV": v_all * 1e3, "voltage_max_before_last_2pct_mV": v_interior * 1e3}))
