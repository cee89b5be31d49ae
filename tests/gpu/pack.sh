#!/usr/bin/env bash
# Builds the self-contained linux-x64 CLI for a GPU machine without .NET and packs it as
# gpu-build/cathodesim-linux-x64.tar.xz (gpu-build/ is git-ignored; the device tool carries it with `carry`).
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf gpu-build/cathodesim
dotnet publish src/CathodeSim.Cli -c Release -r linux-x64 --self-contained -o gpu-build/cathodesim -v q -nologo
tar cJf gpu-build/cathodesim-linux-x64.tar.xz -C gpu-build cathodesim
ls -lh gpu-build/cathodesim-linux-x64.tar.xz
