#!/usr/bin/env python3
"""Compare two sweep tables (<name>_table.csv) case for case.

Usage: compare_tables.py EXPECTED.csv ACTUAL.csv [--rtol 1e-12]

Same header, same number of rows, and row by row: text cells (index, status, error) equal, numeric cells equal to
within a relative difference of rtol (NaN equals NaN). Prints whether the tables are byte-for-byte/exactly equal,
equal within rtol (with the largest relative difference), or lists the differences and exits 1.
"""
import argparse
import csv
import math
import sys


def as_number(text):
    try:
        return float(text)
    except ValueError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--rtol", type=float, default=1e-12)
    args = parser.parse_args()

    with open(args.expected, newline="") as f:
        expected = list(csv.reader(f))
    with open(args.actual, newline="") as f:
        actual = list(csv.reader(f))

    problems = []
    if not expected:
        problems.append(f"{args.expected} is empty")
    if not actual:
        problems.append(f"{args.actual} is empty")
    if problems:
        print("\n".join(problems))
        return 1

    header, rows_e, rows_a = expected[0], expected[1:], actual[1:]
    if actual[0] != header:
        print(f"headers differ:\n  expected: {header}\n  actual:   {actual[0]}")
        return 1
    if len(rows_e) != len(rows_a):
        problems.append(f"row count differs: expected {len(rows_e)}, actual {len(rows_a)}")
    if not rows_e:
        problems.append("no cases in the expected table")

    exact = True
    worst = 0.0
    numeric_cells = 0
    for r, (re_, ra) in enumerate(zip(rows_e, rows_a)):
        if len(re_) != len(header) or len(ra) != len(header):
            problems.append(f"row {r + 1}: {len(re_)} / {len(ra)} cells, header has {len(header)}")
            continue
        for column, e, a in zip(header, re_, ra):
            if e == a:
                if as_number(e) is not None:
                    numeric_cells += 1
                continue
            exact = False
            x, y = as_number(e), as_number(a)
            if x is None or y is None:
                problems.append(f"row {r + 1} ({column}): expected '{e}', actual '{a}'")
                continue
            numeric_cells += 1
            if math.isnan(x) and math.isnan(y):
                continue
            diff = abs(x - y)
            scale = max(abs(x), abs(y))
            rel = diff / scale if scale > 0 else diff
            worst = max(worst, rel)
            if not rel <= args.rtol:
                problems.append(f"row {r + 1} ({column}): expected {e}, actual {a} (relative difference {rel:.3g})")

    if problems:
        print(f"tables differ ({args.expected} vs {args.actual}):")
        for p in problems[:50]:
            print("  " + p)
        if len(problems) > 50:
            print(f"  ... and {len(problems) - 50} more")
        return 1
    cases = len(rows_e)
    if exact:
        print(f"tables identical: {cases} cases x {len(header)} columns ({numeric_cells} numeric cells), exactly equal")
    else:
        print(f"tables equal within rtol {args.rtol:g}: {cases} cases x {len(header)} columns, "
              f"largest relative difference {worst:.3g} (not bit-identical)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
