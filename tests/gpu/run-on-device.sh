#!/usr/bin/env bash
# GPU check and benchmark, for a machine with an NVIDIA GPU and no .NET (see docs/gpu.md). Runs from the repository
# root with gpu-build/cathodesim-linux-x64.tar.xz present (tests/gpu/pack.sh makes it); finishes in a few minutes.
#  1. correctness: the default cell (charge + discharge) on --device cpu and --device gpu; capacities and every voltage
#     must agree to 1e-10 relative;
#  2. batched solver throughput on cpu and gpu for M = 1e3 .. 1e7 particle systems of Nr = 20, with the memory
#     bandwidth floor of each; then one Newton iteration of the particle stepper (device-resident on gpu) for
#     M = 1e3 .. 1e6, with the kernel and host-link floors;
#  3. a 1000-case sweep of 0.1C discharges (K = 5): cases per second on cpu (all cores) and gpu (resident lockstep
#     batch: cases in slots of the device arrays);
#  4. voxel conductivity solve: sigma_eff of the same 64^3 random structure on cpu and gpu must agree to 1e-5
#     relative; then voxels per second beside the memory-bandwidth floor at 64^3, 128^3, 256^3 on cpu and gpu;
#  5. the default B-NCM 65:35 microstructure (cathodesim microstructure) built on the host, solved on the gpu.
# Results go to ${OUT:-out-gpu}/ (JSON, logs) and a summary to stdout.
# Before spending device time, the same script checks the package here: DEVICE=ilgpu-cpu SMOKE=1 tests/gpu/run-on-device.sh
# (the kernels on ILGPU's CPU accelerator, small sizes, the 100-case sweep, 16^3-32^3 voxels and a 14 um box).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-out-gpu}
device_under_test=${DEVICE:-gpu}
if [[ ${SMOKE:-} == 1 ]]; then
  systems=1000,10000; newton_systems=1000,10000; sweep=discharge-100
  voxel_check=24; voxel_edges=16,32; micro_options="--box-edge 14um --voxels 28 --set cell.cathode.mass=1.5mg"
else
  systems=1000,10000,100000,1000000,10000000; newton_systems=1000,10000,100000,1000000; sweep=discharge-1000
  voxel_check=64; voxel_edges=64,128,256; micro_options=""
fi
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar xJf gpu-build/cathodesim-linux-x64.tar.xz -C "$work"
cli="$work/cathodesim/cathodesim"
echo "== device"; (nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi not found") | tee "$out/device.txt"
echo "== 1. GPU against CPU on configs/b-ncm-65.yaml"
"$cli" run configs/b-ncm-65.yaml --device cpu --json --output "$out/cpu" > "$out/run-cpu.json"
"$cli" run configs/b-ncm-65.yaml --device "$device_under_test" --json --output "$out/gpu" > "$out/run-gpu.json"
"$cli" compare-runs "$out/cpu/b-ncm-65_timeseries.csv" "$out/gpu/b-ncm-65_timeseries.csv" --tolerance 1e-10 | tee "$out/compare.txt"
echo "== 2. batched solver throughput"
for device in cpu "$device_under_test"; do
  "$cli" bench-solver --device "$device" --systems "$systems" --shells 20 --json > "$out/solver-$device.json"
  cat "$out/solver-$device.json"
done
for device in cpu "$device_under_test"; do
  "$cli" bench-solver --device "$device" --mode newton --systems "$newton_systems" --shells 20 --repeats 7 --json > "$out/newton-$device.json"
  cat "$out/newton-$device.json"
done
echo "== 3. $sweep sweep"
for device in cpu "$device_under_test"; do
  rm -rf "$out/sweep-$device"
  "$cli" sweep "tests/CathodeSim.Benchmarks/sweeps/$sweep.yaml" --device "$device" --output "$out/sweep-$device" --json > "$out/sweep-$device.json"
  grep -E '"cases_per_second"|"failed"' "$out/sweep-$device.json" | sed "s/^/$device: /"
done
echo "== 4. voxel transport solve: GPU against CPU at ${voxel_check}^3, then throughput at $voxel_edges"
# The same seed gives the same random structure on every device; both solve to a 1e-6 relative residual, so sigma_eff
# agrees to about that (the ILGPU and C# cycles are the same launch for launch; sums differ only in order).
for device in cpu "$device_under_test"; do
  "$cli" bench-voxel --device "$device" --edges "$voxel_check" --json > "$out/voxel-check-$device.json"
done
sigma() { grep -m1 '"effective_conductivity_S_per_m"' "$1" | sed 's/.*: *//; s/,$//'; }
awk -v a="$(sigma "$out/voxel-check-cpu.json")" -v b="$(sigma "$out/voxel-check-$device_under_test.json")" 'BEGIN {
  d = (a - b) / a; if (d < 0) d = -d;
  printf "sigma_eff at '"$voxel_check"'^3: cpu %.10g, '"$device_under_test"' %.10g, relative difference %.2e (tolerance 1e-5)\n", a, b, d;
  exit (d <= 1e-5 ? 0 : 1) }' | tee "$out/voxel-compare.txt"
for device in cpu "$device_under_test"; do
  "$cli" bench-voxel --device "$device" --edges "$voxel_edges" --json > "$out/voxel-$device.json"
  cat "$out/voxel-$device.json"
done
echo "== 5. microstructure of configs/b-ncm-65.yaml (default box and voxels) on $device_under_test"
"$cli" microstructure configs/b-ncm-65.yaml --device "$device_under_test" $micro_options --json --output "$out/micro" > "$out/micro.json"
grep -E '"(effective_.*|.*tortuosity_factor|wall_time_s|voxels)"' "$out/micro.json"
echo "== done: results in $out"
