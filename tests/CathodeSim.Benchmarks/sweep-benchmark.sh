#!/usr/bin/env bash
# Sweep throughput and peak memory (issue 7): runs the 100- and 1000-case benchmark sweeps through the real CLI on
# every core, and prints cases per second (from the sweep's own JSON) and peak resident memory (GNU time).
# Usage: tests/CathodeSim.Benchmarks/sweep-benchmark.sh   (from the repository root; needs /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/CathodeSim.Cli -c Release -v q -nologo >/dev/null
cli=src/CathodeSim.Cli/bin/Release/net10.0/cathodesim
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for n in 100 1000; do
  /usr/bin/time -v "$cli" sweep "tests/CathodeSim.Benchmarks/sweeps/discharge-$n.yaml" --output "$out/$n" --json > "$out/$n.json" 2> "$out/$n.time"
  python3 - "$out/$n.json" "$out/$n.time" "$n" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1])); t = open(sys.argv[2]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
print(f"{sys.argv[3]:>5} cases: {r['cases_per_second']:.1f} cases/s while simulating ({r['failed']} failed), "
      f"whole command {wall} incl. start-up, plan, assembly and plots; peak RSS {rss:.0f} MB")
PY
done
