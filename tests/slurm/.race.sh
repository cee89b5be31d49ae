#!/usr/bin/env bash
# Single-node Slurm test of `cathodesim sweep --emit-slurm` + `cathodesim merge`.
#
# Starts munge and a throwaway one-node Slurm cluster on localhost (config, state, spool and logs in a temporary
# folder; the Slurm tools find the config through SLURM_CONF, so /etc/slurm is not touched), then:
#   1. runs tests/slurm/tiny-sweep.yaml unsharded                      -> $out/full/<name>_table.csv
#   2. writes the 3-task job-array script with --emit-slurm 3, submits it with `sbatch --wait`, checks every array
#      task (scontrol job records, slurm-*.out files, the 3 shard files)
#   3. merges the shards with `cathodesim merge`                         -> $out/merged/<name>_table.csv
#   4. compares the two tables case for case (tests/slurm/compare_tables.py: text cells equal, numbers within 1e-12
#      relative; it says whether they are exactly equal)
# and stops every daemon it started (trap, bounded in time). Exit status 0 only when all of this worked.
#
# Needs root, the .NET 10 SDK, python3 and the Debian packages slurm-wlm and munge (.ci/run installs them).
# Usage: tests/slurm/run-slurm-test.sh
# Environment: CATHODESIM_SLURM_KEEP=1 keeps the temporary folder; CATHODESIM_SLURM_PORTS="6817 6818" picks the
# slurmctld and slurmd ports (default 16817 16818, away from a system Slurm's defaults).
set -euo pipefail

export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin   # munged, slurmctld and slurmd live in /usr/sbin
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
t0=$SECONDS
shards=3
say() { printf '[slurm-test %3ds] %s\n' "$((SECONDS - t0))" "$*"; }
fail() { printf '[slurm-test %3ds] FAILED: %s\n' "$((SECONDS - t0))" "$*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || fail "must run as root (it starts munged and the Slurm daemons)"
for tool in dotnet python3 timeout setpriv munged munge unmunge slurmctld slurmd sbatch sinfo squeue scontrol scancel; do
    command -v "$tool" >/dev/null || fail "'$tool' not found (install the Debian packages slurm-wlm and munge, and the .NET 10 SDK)"
done
getent passwd munge >/dev/null || fail "no 'munge' user (is the munge package installed?)"

work=$(mktemp -d /tmp/cathodesim-slurm.XXXXXX)
chmod 0755 "$work"
out=$work/out
mkdir -p "$out" "$work/state" "$work/spool"
read -r ctld_port slurmd_port <<<"${CATHODESIM_SLURM_PORTS:-16817 16818}"
export SLURM_CONF=$work/slurm.conf

munged_pid="" ctld_pid="" slurmd_pid="" jobid=""

# ---------------------------------------------------------------------------------------------------------------
# Clean-up: cancel our jobs, stop slurmd, slurmctld and munged (only those this script started), each bounded.
stop_pid() { # pid name
    local pid=$1 name=$2 i
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || { say "stopped $name (pid $pid)"; return 0; }; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    say "killed $name (pid $pid) after 10 s"
}
show_logs() {
    local f
    for f in "$work/slurmctld.log" "$work/slurmd.log" "$work/slurmctld.stderr" "$work/slurmd.stderr" "$work/munged.stderr" \
        /var/log/munge/munged.log "$out"/sharded/slurm-*.out; do
        [[ -s $f ]] || continue
        # A daemon's stderr repeats its log file; it matters only when the daemon died before opening that file.
        [[ $f == *.stderr && $f != */munged.stderr && -s ${f%.stderr}.log ]] && continue
        echo "----- last lines of $f -----"
        tail -n 40 "$f"
    done
}
cleanup() {
    local rc=$? i
    trap - EXIT INT TERM
    set +e
    if [[ $rc -ne 0 ]]; then
        echo "===== diagnostics ====="
        [[ -n $ctld_pid ]] && kill -0 "$ctld_pid" 2>/dev/null && { timeout 5 sinfo -N -l; timeout 5 sinfo -R; timeout 5 squeue -a; }
        show_logs
        echo "======================="
    fi
    if [[ -n $ctld_pid ]] && kill -0 "$ctld_pid" 2>/dev/null; then
        if [[ -n $(timeout 5 squeue -h -o %i 2>/dev/null) ]]; then
            say "cancelling the jobs still in the queue"
            timeout 5 scancel --full --user=root 2>/dev/null
            for ((i = 0; i < 30; i++)); do [[ -z $(timeout 5 squeue -h -o %i 2>/dev/null) ]] && break; sleep 0.5; done
        fi
    fi
    stop_pid "$slurmd_pid" slurmd
    stop_pid "$ctld_pid" slurmctld
    stop_pid "$munged_pid" munged
    if [[ $rc -eq 0 && ${CATHODESIM_SLURM_KEEP:-0} != 1 ]]; then
        rm -rf "$work"
    else
        say "files kept in $work"
    fi
    if [[ $rc -eq 0 ]]; then say "PASSED in $((SECONDS - t0)) s"; else say "FAILED (exit $rc) after $((SECONDS - t0)) s"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

# ---------------------------------------------------------------------------------------------------------------
say "building the CLI: dotnet build src/CathodeSim.Cli -c Release"
if ! dotnet build src/CathodeSim.Cli -c Release -nologo -v quiet >"$work/build.log" 2>&1; then
    tail -n 40 "$work/build.log"
    fail "dotnet build src/CathodeSim.Cli -c Release failed"
fi
cli=$repo/src/CathodeSim.Cli/bin/Release/net10.0/cathodesim
[[ -x $cli ]] || fail "$cli missing after the build"

# ---------------------------------------------------------------------------------------------------------------
say "munge: checking /etc/munge, /var/lib/munge, /var/log/munge, /run/munge and the key"
install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
install -d -o munge -g munge -m 0711 /var/lib/munge
install -d -o munge -g munge -m 0755 /run/munge
if [[ ! -s /etc/munge/munge.key ]]; then
    say "munge: creating /etc/munge/munge.key"
    if command -v mungekey >/dev/null; then
        mungekey --create --keyfile=/etc/munge/munge.key
    else
        dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
if munge_works; then
    say "munge: a munged is already running and works; using it (it is left running)"
else
    start_munged() { # extra munged options
        setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground "$@" >>"$work/munged.stderr" 2>&1 &
        munged_pid=$!
        local i
        for ((i = 0; i < 50; i++)); do
            munge_works && return 0
            kill -0 "$munged_pid" 2>/dev/null || { munged_pid=""; return 1; }
            sleep 0.2
        done
        return 1
    }
    say "munge: starting munged as user munge"
    if ! start_munged; then
        # munged refuses to start when it dislikes a directory's permissions (common in containers); say so, retry.
        [[ -n $munged_pid ]] && stop_pid "$munged_pid" munged && munged_pid=""
        cat "$work/munged.stderr" >&2 || true
        say "munge: munged did not start with its default checks; retrying with --force"
        start_munged --force || fail "munged does not start (see $work/munged.stderr above)"
    fi
    say "munge: munged running (pid $munged_pid), credential round trip works"
fi

# ---------------------------------------------------------------------------------------------------------------
host=$(hostname -s)
cpus=$(nproc)
total_mb=$(free -m | awk '/^Mem:/ {print $2}')
margin_mb=$((total_mb / 10 > 256 ? total_mb / 10 : 256))
mem_mb=$((total_mb - margin_mb > 100 ? total_mb - margin_mb : 100))
for port in "$ctld_port" "$slurmd_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        fail "port $port is in use (another Slurm?); choose free ones with CATHODESIM_SLURM_PORTS=\"CTLD SLURMD\""
    fi
done
cat >"$SLURM_CONF" <<EOF
# Throwaway single-node cluster of tests/slurm/run-slurm-test.sh (no cgroups, no accounting).
ClusterName=cathodesim-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
say "slurm: wrote $SLURM_CONF (node $host, CPUs=$cpus, RealMemory=$mem_mb MB, ports $ctld_port/$slurmd_port)"

say "slurm: starting slurmctld and slurmd"
slurmctld -D -c -f "$SLURM_CONF" >"$work/slurmctld.stderr" 2>&1 &
ctld_pid=$!
ok=0
for ((i = 0; i < 100; i++)); do
    kill -0 "$ctld_pid" 2>/dev/null || fail "slurmctld exited at start-up"
    if timeout 5 scontrol ping 2>/dev/null | grep -q 'is UP'; then ok=1; break; fi
    sleep 0.2
done
[[ $ok == 1 ]] || fail "slurmctld does not answer 'scontrol ping' after 20 s"
slurmd -D -N "$host" -f "$SLURM_CONF" >"$work/slurmd.stderr" 2>&1 &
slurmd_pid=$!

say "slurm: waiting (at most 60 s) for node $host to be idle"
state=""
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)); do
    kill -0 "$ctld_pid" 2>/dev/null || fail "slurmctld exited"
    kill -0 "$slurmd_pid" 2>/dev/null || fail "slurmd exited"
    state=$(timeout 5 sinfo -h -N -n "$host" -o %T 2>/dev/null || true)
    [[ $state == idle ]] && break
    sleep 0.5
done
[[ $state == idle ]] || fail "node $host is '${state:-unknown}', not idle, after 60 s"
say "slurm: node $host idle"
sinfo

# ---------------------------------------------------------------------------------------------------------------
sweep=$repo/tests/slurm/tiny-sweep.yaml
field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

say "sweep, unsharded: cathodesim sweep tests/slurm/tiny-sweep.yaml --output $out/full --json"
"$cli" sweep "$sweep" --output "$out/full" --json >"$out/full.json" || { rc=$?; cat "$out/full.json"; fail "unsharded sweep failed (exit $rc)"; }
name=$(field "$out/full.json" name)
cases=$(field "$out/full.json" cases)
say "sweep '$name': $cases cases, $(field "$out/full.json" failed) failed"
[[ $cases -ge $shards ]] || fail "the tiny sweep has $cases cases, fewer than $shards shards"

say "sweep, job array: cathodesim sweep tests/slurm/tiny-sweep.yaml --emit-slurm $shards --output $out/sharded"
"$cli" sweep "$sweep" --emit-slurm "$shards" --output "$out/sharded" --json >"$out/emit.json" || { rc=$?; cat "$out/emit.json"; fail "--emit-slurm failed (exit $rc)"; }
script=$out/sharded/$name.sbatch
[[ -f $script ]] || fail "--emit-slurm did not write $script"
[[ $(field "$out/emit.json" tasks) == "$shards" ]] || fail "--emit-slurm $shards wrote a script with $(field "$out/emit.json" tasks) tasks"
echo "----- $script -----"; cat "$script"; echo "-----"

say "slurm: sbatch --wait $script (at most 120 s)"
set +e
(cd "$out/sharded" && timeout 120 sbatch --parsable --wait "$script") >"$work/sbatch.out" 2>"$work/sbatch.err"
sbatch_rc=$?
set -e
cat "$work/sbatch.out" "$work/sbatch.err"
jobid=$(head -n 1 "$work/sbatch.out" | cut -d';' -f1)
[[ $jobid =~ ^[0-9]+$ ]] || fail "sbatch did not submit the job (exit $sbatch_rc)"
[[ $sbatch_rc -ne 124 ]] || fail "job array $jobid did not finish within 120 s"
say "slurm: job array $jobid finished, sbatch --wait exit $sbatch_rc"

# Every array task: a COMPLETED job record with exit code 0:0 (no accounting, so scontrol rather than sacct) ...
timeout 10 scontrol -o show job "$jobid" >"$work/jobs.txt" || fail "scontrol show job $jobid failed"
bad=0
for ((i = 0; i < shards; i++)); do
    record=$(grep -E "(^| )ArrayJobId=$jobid ArrayTaskId=$i " "$work/jobs.txt" || true)
    st=$(grep -oE 'JobState=[A-Z_]+' <<<"$record" | cut -d= -f2)
    ec=$(grep -oE ' ExitCode=[0-9]+:[0-9]+' <<<"$record" | cut -d= -f2)
    say "array task $i: state ${st:-missing}, exit code ${ec:-?}"
    [[ $st == COMPLETED && $ec == 0:0 ]] || bad=1
done
# ... its output file naming its shard, and its shard file.
for ((i = 0; i < shards; i++)); do
    log=$out/sharded/slurm-$name-${jobid}_$i.out
    if [[ -f $log ]]; then
        echo "----- $log -----"; cat "$log"
        grep -q "shard $i/$shards" "$log" || { say "array task $i: its output does not mention shard $i/$shards"; bad=1; }
    else
        say "array task $i: no output file $log"; bad=1
    fi
    [[ -s $out/sharded/$name.shard-$i-of-$shards.h5 ]] || { say "array task $i: no shard file $name.shard-$i-of-$shards.h5"; bad=1; }
done
[[ $sbatch_rc -eq 0 && $bad -eq 0 ]] || fail "the job array did not complete cleanly (sbatch --wait exit $sbatch_rc)"
say "all $shards array tasks completed and wrote their shard files"

say "merge: cathodesim merge $out/sharded/$name.shard-*-of-$shards.h5 --output $out/merged --json"
"$cli" merge "$out/sharded/$name".shard-*-of-"$shards".h5 --output "$out/merged" --json >"$out/merge.json" \
    || { rc=$?; cat "$out/merge.json"; fail "cathodesim merge failed (exit $rc)"; }
cat "$out/merge.json"
[[ $(field "$out/merge.json" cases) == "$cases" ]] || fail "merged file has $(field "$out/merge.json" cases) cases, expected $cases"

nf=0; for k in $(seq 1 15); do "$cli" sweep "$sweep" --emit-slurm 3 --output "$out/r$k" >/dev/null; (cd $out/r$k && timeout 120 sbatch --wait --parsable "$out/r$k/$name.sbatch" >/dev/null 2>&1) || { nf=$((nf+1)); cat $out/r$k/slurm-*.out; }; done; echo "RACE: $nf of 15 arrays failed"
say "compare: $out/full/${name}_table.csv vs $out/merged/${name}_table.csv"
python3 "$repo/tests/slurm/compare_tables.py" "$out/full/${name}_table.csv" "$out/merged/${name}_table.csv" --rtol 1e-12 \
    || fail "the merged sharded sweep differs from the unsharded one"
