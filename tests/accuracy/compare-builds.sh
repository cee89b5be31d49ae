#!/usr/bin/env bash
# Accuracy of a solver change (issue 19): runs the same configs through two builds of cathodesim, and through the base
# build at 100x tighter tolerances (relative 1e-6, absolute 1e-8, cut-off voltages met to 1 uV) as the reference, and
# compares the time series step by step (tests/accuracy/compare.py): capacity per step and voltage at the reference's
# times. A change is accurate when it moves results by much less than the base build's own error against the reference.
# Usage: tests/accuracy/compare-builds.sh BASE_CLI NEW_CLI   (from the repository root; needs python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
base=$1 new=$2
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Extra protocols on the default cell: rates from 0.05C to 3C, a CV hold, rests, and a cold cell.
write() { printf 'extends: %s/configs/b-ncm-65.yaml\n%s\n' "$root" "$2" > "$work/$1.yaml"; }
write fast 'protocol:
  - Charge at 1C until 3.7 V
  - Hold at 3.7 V until C/50
  - Rest for 1 h
  - Discharge at 3C until 2.1 V
  - Rest for 2 h
  - Discharge at 0.5C until 2.1 V'
write slow 'protocol:
  - Charge at 0.05C until 3.7 V
  - Discharge at 0.05C until 2.1 V'
write cold 'temperature: 0 degC
protocol:
  - Charge at 0.1C until 3.7 V
  - Discharge at 0.2C until 2.1 V'
write k1 'numerics:
  size_bins: 1'

cases=(
  "configs/b-ncm-65.yaml"
  "configs/m-ncm-65.yaml"
  "configs/s-ncm-65.yaml"
  "configs/calibrated/b-ncm-65.yaml"
  "configs/gitt/b-ncm-65.yaml"
  "configs/b-ncm-65-cycling.yaml"
  "$work/fast.yaml"
  "$work/slow.yaml"
  "$work/cold.yaml"
  "$work/k1.yaml"
)
printf '%-22s %6s %13s %13s | %9s %9s | %9s %9s %9s | %9s %9s %9s\n' case steps "accepted b/n" "Newton b/n" \
  "new-base" "" "base-ref" "" "" "new-ref" "" ""
printf '%-22s %6s %13s %13s | %9s %9s | %9s %9s %9s | %9s %9s %9s\n' "" "" "" "" "cap rel" "V mV" "cap rel" "V mV" "Vall mV" "cap rel" "V mV" "Vall mV"
tight=(--set numerics.relative_tolerance=1e-6 --set numerics.absolute_tolerance=1e-8 --set "numerics.voltage_event_tolerance=1e-6 V")
for c in "${cases[@]}"; do
  name=$(basename "$(dirname "$c")")-$(basename "$c" .yaml)
  for which in base new; do
    cli=${!which}
    "$cli" run "$c" --output "$work/$which-$name" --json > "$work/$which-$name.json"
  done
  "$base" run "$c" "${tight[@]}" --output "$work/ref-$name" --json > "$work/ref-$name.json"
  stem=$(basename "$c" .yaml)
  series() { echo "$work/$1-$name/${stem}_timeseries.csv"; }
  nb=$(python3 tests/accuracy/compare.py "$(series base)" "$(series new)")
  rb=$(python3 tests/accuracy/compare.py "$(series ref)" "$(series base)")
  rn=$(python3 tests/accuracy/compare.py "$(series ref)" "$(series new)")
  python3 - "$name" "$work/base-$name.json" "$work/new-$name.json" "$nb" "$rb" "$rn" <<'PY'
import json, sys
name, b, n = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
nb, rb, rn = (json.loads(a) for a in sys.argv[4:7])
def solver(r):
    s = r["solver"]
    return s["accepted_steps"], s["newton_iterations"]
(ab, ib), (an, inew) = solver(b), solver(n)
print(f"{name[-22:]:<22} {nb['steps']:>6} {ab:>6}/{an:<6} {ib:>6}/{inew:<6} | {nb['capacity_rel_max']:>9.1e} {nb['voltage_max_before_last_2pct_mV']:>9.4f} | "
      f"{rb['capacity_rel_max']:>9.1e} {rb['voltage_max_before_last_2pct_mV']:>9.4f} {rb['voltage_max_mV']:>9.2f} | "
      f"{rn['capacity_rel_max']:>9.1e} {rn['voltage_max_before_last_2pct_mV']:>9.4f} {rn['voltage_max_mV']:>9.2f}")
PY
done
