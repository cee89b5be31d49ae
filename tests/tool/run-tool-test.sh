#!/usr/bin/env bash
# The `cathodesim` .NET tool as a user gets it (README, "Install"): packs src/CathodeSim.Cli, installs the package into
# a temporary tool path from that folder alone (no other package source, an empty package cache: nothing from the
# network and nothing stale from an earlier install of the same version), then, from a directory outside the
# repository, runs `cathodesim --version` and `cathodesim run configs/b-ncm-65.yaml --output DIR --json` and checks
# the exit codes, the version, the JSON and that the HDF5 file and the PNG plot were written and are whole.
#
#   tests/tool/run-tool-test.sh [--no-build]     # --no-build: pack the existing Release build (.ci/run, after dotnet test)
#
# Exit 0 when every check passes; the first failed check prints what it saw and exits 1. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
pack_args=()
[[ ${1:-} == --no-build ]] && pack_args+=(--no-build)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "tool test: FAILED: $*" >&2; exit 1; }

echo "tool test: dotnet pack src/CathodeSim.Cli -c Release ${pack_args[*]:-}"
dotnet pack src/CathodeSim.Cli -c Release -o "$tmp/pkgs" -v q -nologo "${pack_args[@]}" >"$tmp/pack.log" 2>&1 \
    || { cat "$tmp/pack.log"; fail "dotnet pack exited $?"; }
shopt -s nullglob
packages=("$tmp"/pkgs/CathodeSim.Cli.*.nupkg)
[[ ${#packages[@]} -eq 1 ]] || fail "expected one CathodeSim.Cli package, found: ${packages[*]:-none}"
version=$(basename "${packages[0]}" .nupkg)
version=${version#CathodeSim.Cli.}
echo "tool test: packed $(basename "${packages[0]}") ($(du -h "${packages[0]}" | cut -f1))"

# Only the folder just packed as a source, and a package cache of our own.
cat >"$tmp/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$tmp/pkgs" />
  </packageSources>
</configuration>
EOF
NUGET_PACKAGES="$tmp/nuget-cache" dotnet tool install CathodeSim.Cli --version "$version" --tool-path "$tmp/tools" \
    --configfile "$tmp/nuget.config" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "dotnet tool install exited $?"; }
tool="$tmp/tools/cathodesim"
[[ -x $tool ]] || fail "dotnet tool install did not create $tool"
echo "tool test: installed $tool"

mkdir "$tmp/work"
cd "$tmp/work"   # nothing of the repository around: the tool must carry what it reads at run time
reported=$("$tool" --version) || fail "cathodesim --version exited $?"
[[ $reported == "$version" || $reported == "$version+"* ]] || fail "cathodesim --version printed '$reported', the package is $version"
echo "tool test: cathodesim --version: $reported"

status=0
"$tool" run "$repo/configs/b-ncm-65.yaml" --output "$tmp/out" --json >"$tmp/run.json" 2>"$tmp/run.err" || status=$?
[[ $status -eq 0 ]] || { cat "$tmp/run.err"; fail "cathodesim run exited $status"; }
grep -Eq '"discharge_capacity_mAh_per_g": *[0-9]{3}\.' "$tmp/run.json" \
    || { head -c 2000 "$tmp/run.json"; fail "run --json has no discharge capacity of three digits"; }
grep -q '"warnings": *\[\]' "$tmp/run.json" || { head -c 2000 "$tmp/run.json"; fail "run --json reports warnings"; }
h5="$tmp/out/b-ncm-65.h5"
png="$tmp/out/b-ncm-65_voltage.png"
[[ -s $h5 ]] || fail "no $h5; written: $(ls "$tmp/out" 2>/dev/null | tr '\n' ' ')"
[[ -s $png ]] || fail "no $png; written: $(ls "$tmp/out" 2>/dev/null | tr '\n' ' ')"
[[ $(head -c 8 "$h5" | od -An -tx1 | tr -d ' \n') == 894844460d0a1a0a ]] || fail "$h5 does not start with the HDF5 signature"
[[ $(head -c 8 "$png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$png does not start with the PNG signature"
[[ $(stat -c %s "$png") -gt 10000 ]] || fail "$png is only $(stat -c %s "$png") bytes"
echo "tool test: run wrote $(ls "$tmp/out" | tr '\n' ' ')"
echo "tool test: passed"
