#!/usr/bin/env bash
# Python package check (CI, called by .ci/run; also by hand from anywhere in the clone):
#   1. the Debian packages it needs, installed with apt-get where missing (sudo when not root);
#   2. a venv with the system site packages, and `pip install --no-index --no-build-isolation ./python` (offline);
#   3. the unit tests (python/tests) and examples/quickstart.ipynb executed headless, against the CLI of the Release
#      build (CATHODESIM_CLI, default src/CathodeSim.Cli/bin/Release/net10.0/cathodesim: build it first).
# Ends with one line, "== Python: passed ..." or "== Python: FAILED ...", and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=/usr/bin/python3
packages=(python3-numpy python3-pandas python3-h5py python3-matplotlib python3-venv python3-pip python3-setuptools
          jupyter-nbconvert python3-ipykernel python3-nbformat)

fail() { echo "== Python: FAILED ($1) =="; exit 1; }

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
    echo "== Python: installing ${missing[*]} with apt-get =="
    sudo=""
    [[ $EUID -eq 0 ]] || sudo=sudo
    install() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
    install || { $sudo apt-get update -qq && install; } || fail "apt-get install ${missing[*]}"
fi

export CATHODESIM_CLI=${CATHODESIM_CLI:-$root/src/CathodeSim.Cli/bin/Release/net10.0/cathodesim}
[[ -x $CATHODESIM_CLI || $CATHODESIM_CLI == *.dll ]] \
    || fail "no CLI at $CATHODESIM_CLI: run \`dotnet build CathodeSim.sln -c Release\` first or set CATHODESIM_CLI"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
venv=$work/venv
start=$SECONDS
$python -m venv --system-site-packages "$venv" || fail "python3 -m venv"
"$venv/bin/pip" install -q --no-index --no-build-isolation ./python || fail "pip install ./python"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # quiets the ipykernel debugger's frozen-modules note
# nbconvert starts the kernel named in the notebook (python3); this one is the venv's, so it sees the package
"$venv/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null || fail "ipykernel install"

echo "== Python: unit tests (python/tests) with CATHODESIM_CLI=$CATHODESIM_CLI =="
"$venv/bin/python" -m unittest discover -s python/tests -v 2>&1 | tee "$work/unittest.log"
tests_status=${PIPESTATUS[0]}
summary=$(grep -E '^Ran [0-9]+ tests' "$work/unittest.log" | tail -1)
result=$(tail -3 "$work/unittest.log" | grep -E '^(OK|FAILED)' | tail -1)

echo "== Python: examples/quickstart.ipynb =="
notebook_start=$SECONDS
"$venv/bin/python" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
    examples/quickstart.ipynb --output-dir "$work" --output quickstart-executed.ipynb
notebook_status=$?
notebook_time=$((SECONDS - notebook_start))

if [[ $tests_status -eq 0 && $notebook_status -eq 0 ]]; then
    echo "== Python: passed ($summary, $result; notebook executed in ${notebook_time} s; $((SECONDS - start)) s in all) =="
    exit 0
fi
echo "== Python: FAILED (unit tests: exit $tests_status, $summary, $result; notebook: exit $notebook_status in ${notebook_time} s) =="
exit 1
