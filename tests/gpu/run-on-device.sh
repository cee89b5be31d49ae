#!/usr/bin/env bash
# GPU check and benchmark, for a machine with an NVIDIA GPU and no .NET (see docs/gpu.md). Runs from the repository
# root with gpu-build/cathodesim-linux-x64.tar.xz present (tests/gpu/pack.sh makes it); finishes in a few minutes.
#  1. correctness: the default cell (charge + discharge) on --device cpu and --device gpu; capacities and every voltage
#     must agree to 1e-10 relative;
#  2. batched solver throughput on cpu and gpu for M = 1e3 .. 1e7 particle systems of Nr = 20, with the memory
#     bandwidth floor of each; then one Newton iteration of the particle stepper (device-resident on gpu) for
#     M = 1e3 .. 1e6, with the kernel and host-link floors;
#  3. a 1000-case sweep of 0.1C discharges (K = 5): cases per second on cpu (all cores) and gpu (resident lockstep
#     batch: cases in slots of the device arrays).
# Results go to ${OUT:-out-gpu}/ (JSON, logs) and a summary to stdout.
# Before spending device time, the same script checks the package here: DEVICE=ilgpu-cpu SMOKE=1 tests/gpu/run-on-device.sh
# (the kernels on ILGPU's CPU accelerator, small sizes, the 100-case sweep).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-out-gpu}
device_under_test=${DEVICE:-gpu}
if [[ ${SMOKE:-} == 1 ]]; then
  systems=1000,10000; newton_systems=1000,10000; sweep=discharge-100
else
  systems=1000,10000,100000,1000000,10000000; newton_systems=1000,10000,100000,1000000; sweep=discharge-1000
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
# ---------------------------------------------------------------------------------------------------------------------
# 4. voxel transport (effective conductivity) solve: NOT ACTIVE. The CLI has no command for it yet (the CLI is owned
#    elsewhere); once `cathodesim bench-voxel` exists, calling
#    CathodeSim.Gpu.VoxelTransportBenchmark.Run(DeviceSelection.Select(device), [64, 128, 256]) and printing the
#    VoxelTransportBenchmarkReport as JSON, uncomment:
# echo "== 4. voxel transport solve (64^3, 128^3, 256^3 random overlapping spheres, 50 % conducting)"
# for device in cpu "$device_under_test"; do
#   "$cli" bench-voxel --device "$device" --sizes 64,128,256 --json > "$out/voxel-$device.json"
#   cat "$out/voxel-$device.json"
# done
# ---------------------------------------------------------------------------------------------------------------------
echo "== done: results in $out"
