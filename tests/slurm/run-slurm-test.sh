#!/usr/bin/env bash
# Single-node Slurm test of `cathodesim sweep --emit-slurm/--submit/--resubmit-failed`, `merge` and `sweep-status`.
#
# Starts munge and a throwaway one-node Slurm cluster on localhost with MaxArraySize=4 (config, state, spool and logs
# in a temporary folder; the Slurm tools find the config through SLURM_CONF, so /etc/slurm is not touched), then:
#   1. runs tests/slurm/tiny-sweep.yaml (6 cases) unsharded                   -> $out/full/<name>_table.csv
#   2. asks for 8 array tasks with --max-array-size 4, --slurm-throttle 2, --slurm-time/--slurm-mem/--sbatch and
#      --submit: checks that 4 grouped tasks ran (every task COMPLETED, its log and shard file) the self-contained
#      cathodesim that the submit script published into the output folder, that the merge job chained with
#      afterok started after the array and merged, that the table equals the unsharded one (tests/slurm/
#      compare_tables.py: text cells equal, numbers within 1e-12 relative) and what sweep-status reports
#   3. a 5-case sweep whose slow case exceeds case_time_limit in a 3-task array: sweep-status reports it failed and
#      its shard to rerun; after raising the limit, --resubmit-failed --submit reruns only that shard (the task log
#      shows --retry-failed and progress lines), the chained merge merges again, and the table equals an unsharded run
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
max_array=4   # MaxArraySize of the test cluster: the 6-case sweep, asked for 8 tasks, must be grouped into 4
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
        /var/log/munge/munged.log "$out"/*/slurm-*.out; do
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
MaxArraySize=$max_array
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
[[ $cases -gt $max_array ]] || fail "the tiny sweep has $cases cases, not more than MaxArraySize $max_array"

# ---------------------------------------------------------------------------------------------------------------
# Helpers: waiting for a job to leave the queue, a field of a job record, a field of `sweep-status --json`.
wait_job() { # jobid seconds: waits until the job (every task of an array) has ended; fails after the limit
    local id=$1 limit=$2 deadline=$((SECONDS + $2)) states=""
    while ((SECONDS < deadline)); do
        states=$(timeout 10 scontrol -o show job "$id" 2>/dev/null | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2 | sort -u | tr '\n' ' ')
        [[ -n $states && ! $states =~ (PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED) ]] && return 0
        sleep 1
    done
    timeout 10 scontrol -o show job "$id" || true
    fail "job $id did not finish within $limit s (states: ${states:-none})"
}
record_field() { grep -oE "(^| )$2=[^ ]*" <<<"$1" | head -n 1 | cut -d= -f2; }
status_field() { # sweep-status --json file, sweep name, key (lists joined by commas)
    python3 -c 'import json, sys; s = [w for w in json.load(open(sys.argv[1]))["sweeps"] if w["name"] == sys.argv[2]][0]; v = s[sys.argv[3]]; print(",".join(map(str, v)) if isinstance(v, list) else v)' "$1" "$2" "$3"
}
# Every task of an array: COMPLETED with exit code 0:0, its log naming its shard, its shard file; no other task.
check_array() { # array_job "tasks" shard_count dir sweep_name
    local id=$1 tasks=$2 n=$3 dir=$4 sweep_name=$5 i record st ec log bad=0 count
    timeout 10 scontrol -o show job "$id" >"$work/jobs-$id.txt" || fail "scontrol show job $id failed"
    for i in $tasks; do
        record=$(grep -E "(^| )ArrayJobId=$id ArrayTaskId=$i " "$work/jobs-$id.txt" || true)
        st=$(record_field "$record" JobState); ec=$(record_field "$record" ExitCode)
        say "array $id task $i: state ${st:-missing}, exit code ${ec:-?}"
        [[ $st == COMPLETED && $ec == 0:0 ]] || bad=1
        log=$dir/slurm-$sweep_name-${id}_$i.out
        if [[ -f $log ]]; then
            grep -q "shard $i/$n" "$log" || { say "array $id task $i: its log does not mention shard $i/$n"; cat "$log"; bad=1; }
        else
            say "array $id task $i: no log $log"; bad=1
        fi
        [[ -s $dir/$sweep_name.shard-$i-of-$n.h5 ]] || { say "array $id task $i: no shard file $sweep_name.shard-$i-of-$n.h5"; bad=1; }
    done
    count=$(grep -cE "ArrayJobId=$id ArrayTaskId=" "$work/jobs-$id.txt" || true)
    [[ $count -eq $(wc -w <<<"$tasks") ]] || { say "array $id has $count task records, expected $(wc -w <<<"$tasks")"; bad=1; }
    [[ $bad -eq 0 ]] || fail "job array $id did not complete cleanly"
}
# The merge job completed and started only after every task of the array had ended.
check_merge_after() { # merge_job array_job
    local merge=$1 array=$2 record start latest
    record=$(timeout 10 scontrol -o show job "$merge")
    if [[ $(record_field "$record" JobState) != COMPLETED || $(record_field "$record" ExitCode) != 0:0 ]]; then
        echo "$record"; cat "$out"/*/slurm-*-merge-"$merge".out 2>/dev/null || true
        fail "merge job $merge did not complete"
    fi
    start=$(record_field "$record" StartTime)
    latest=$(grep -oE ' EndTime=[^ ]+' "$work/jobs-$array.txt" | cut -d= -f2 | sort | tail -n 1)
    [[ ! $start < $latest ]] || fail "merge job $merge started at $start, before array $array ended ($latest)"
    say "merge job $merge completed; started $start, after the last array task ended ($latest)"
}

say "slurm: MaxArraySize=$max_array is in force: sbatch must refuse --array=0-$max_array"
if timeout 20 sbatch --array=0-$max_array --wrap=true >"$work/refused.out" 2>&1; then
    cat "$work/refused.out"; fail "sbatch accepted an array of $((max_array + 1)) tasks; MaxArraySize is not in force"
fi
say "slurm: refused as expected: $(head -n 1 "$work/refused.out")"

# ---------------------------------------------------------------------------------------------------------------
# 1. Asked for 8 tasks on a cluster allowing 4: 4 grouped tasks (throttled to 2 at a time) that run a self-contained
#    cathodesim, published into the output folder by the submit script, and the merge job chained with afterok.
say "sweep, job array: sweep tiny-sweep.yaml --emit-slurm 8 --max-array-size $max_array --slurm-throttle 2 --slurm-time 10 --slurm-mem 100M --submit"
t1=$SECONDS
"$cli" sweep "$sweep" --emit-slurm 8 --max-array-size "$max_array" --slurm-throttle 2 --slurm-time 10 --slurm-mem 100M \
    --sbatch=--comment=cathodesim-ci --output "$out/sharded" --submit --json >"$out/emit.json" 2>"$out/emit.err" \
    || { rc=$?; cat "$out/emit.json" "$out/emit.err"; fail "--emit-slurm --submit failed (exit $rc)"; }
cat "$out/emit.err"
tasks=$(field "$out/emit.json" tasks)
array_job=$(field "$out/emit.json" array_job); merge_job=$(field "$out/emit.json" merge_job)
say "written and submitted in $((SECONDS - t1)) s (publishing included): $tasks tasks, --array=$(field "$out/emit.json" array), array job $array_job, merge job $merge_job"
[[ $tasks == "$max_array" ]] || fail "--emit-slurm 8 with --max-array-size $max_array wrote $tasks tasks, expected $max_array"
[[ $(field "$out/emit.json" array) == "0-3%2" ]] || fail "expected --array=0-3%2, got $(field "$out/emit.json" array)"
grep -q "array size limit of $max_array" "$out/emit.err" || fail "no note saying that the tasks were grouped under the array size limit"
[[ $(field "$out/emit.json" merge_command) == *".shard-*-of-$max_array.h5"* ]] || fail "the merge command does not name the real task count: $(field "$out/emit.json" merge_command)"
[[ -x $out/sharded/cathodesim/cathodesim && -f $out/sharded/cathodesim/libcoreclr.so ]] || fail "no self-contained cathodesim in $out/sharded/cathodesim"
script=$out/sharded/$name.sbatch
echo "----- $script -----"; cat "$script"; echo "-----"
grep -q -- "--time=10" "$script" && grep -q -- "--mem=100M" "$script" && grep -q -- "--comment=cathodesim-ci" "$script" \
    || fail "the script lacks the --slurm-time/--slurm-mem/--sbatch lines"
wait_job "$merge_job" 240
check_array "$array_job" "0 1 2 3" "$max_array" "$out/sharded" "$name"
check_merge_after "$merge_job" "$array_job"
say "compare: $out/full/${name}_table.csv vs the merge job's $out/sharded/${name}_table.csv"
python3 "$repo/tests/slurm/compare_tables.py" "$out/full/${name}_table.csv" "$out/sharded/${name}_table.csv" --rtol 1e-12 \
    || fail "the merged sharded sweep differs from the unsharded one"
"$cli" sweep-status "$out/sharded" --json >"$out/status1.json" || fail "sweep-status failed"
if [[ $(status_field "$out/status1.json" "$name" done) != "$cases" || $(status_field "$out/status1.json" "$name" missing) != 0 \
    || $(status_field "$out/status1.json" "$name" merged) != True ]]; then
    cat "$out/status1.json"; fail "sweep-status does not report $cases done, 0 missing, merged"
fi
say "sweep-status: $cases done, 0 failed, 0 missing, merged"

# ---------------------------------------------------------------------------------------------------------------
# 2. A case over its time limit fails in the array; after raising case_time_limit (not part of the fingerprint),
#    --resubmit-failed reruns only its shard, failed case included, the chained merge job merges again, and the table
#    equals the unsharded run. Case 4 takes 1,872,000 time steps (two 13 h rests at max_step 0.05 s: about 12 s of CPU on
#    the 2-core development machine, so well over the limit also on a faster machine and with the faster solver), the others
#    a few hundred (well under the 2 s limit).
retry_sweep=$work/retry-sweep.yaml
cat >"$retry_sweep" <<EOF
name: slurm-retry
base: $repo/configs/b-ncm-65.yaml
case_time_limit: 10 min
set: [numerics.size_bins=1, numerics.cathode_nodes=6, numerics.radial_shells=6]
parameters:
  numerics.max_step: [600 s, 500 s, 400 s, 300 s, 0.05 s]
protocols:
  rest: [Charge at 1C for 2 min, Rest for 13 h, Rest for 13 h]
EOF
say "retry sweep, unsharded reference (case_time_limit 10 min)"
"$cli" sweep "$retry_sweep" --output "$out/retry-full" --json >"$out/retry-full.json" || fail "unsharded retry sweep failed"
[[ $(field "$out/retry-full.json" failed) == 0 ]] || fail "the reference run of the retry sweep has failed cases"
sed -i 's/^case_time_limit: .*/case_time_limit: 2 s/' "$retry_sweep"
exe=$out/sharded/cathodesim/cathodesim
say "retry sweep, case_time_limit 2 s: --emit-slurm 3 --cathodesim $exe --submit"
"$cli" sweep "$retry_sweep" --emit-slurm 3 --cathodesim "$exe" --output "$out/retry" --submit --json >"$out/retry-emit.json" \
    || { rc=$?; cat "$out/retry-emit.json"; fail "--emit-slurm of the retry sweep failed (exit $rc)"; }
array_job=$(field "$out/retry-emit.json" array_job); merge_job=$(field "$out/retry-emit.json" merge_job)
wait_job "$merge_job" 180
check_array "$array_job" "0 1 2" 3 "$out/retry" slurm-retry
check_merge_after "$merge_job" "$array_job"
"$cli" sweep-status "$out/retry" --json >"$out/status2.json" || fail "sweep-status failed"
"$cli" sweep-status "$out/retry"
if [[ $(status_field "$out/status2.json" slurm-retry failed) != 1 || $(status_field "$out/status2.json" slurm-retry shards_to_rerun) != 1 ]]; then
    cat "$out/status2.json"; fail "sweep-status should report case 4 failed (time limit) and shard 1 to rerun"
fi
grep -q "exceeded the per-case time limit" "$out/status2.json" || fail "sweep-status does not give the failed case's error"

sed -i 's/^case_time_limit: .*/case_time_limit: 10 min/' "$retry_sweep"
say "retry sweep, case_time_limit back to 10 min: --resubmit-failed --submit (progress lines every second)"
CATHODESIM_PROGRESS_INTERVAL=1 "$cli" sweep "$retry_sweep" --output "$out/retry" --resubmit-failed --submit --json >"$out/resubmit.json" \
    || { rc=$?; cat "$out/resubmit.json"; fail "--resubmit-failed failed (exit $rc)"; }
[[ $(field "$out/resubmit.json" array) == 1 ]] || fail "--resubmit-failed should resubmit only shard 1, got --array=$(field "$out/resubmit.json" array)"
array_job=$(field "$out/resubmit.json" array_job); merge_job=$(field "$out/resubmit.json" merge_job)
echo "----- $out/retry/slurm-retry.retry.sbatch -----"; cat "$out/retry/slurm-retry.retry.sbatch"; echo "-----"
wait_job "$merge_job" 180
check_array "$array_job" "1" 3 "$out/retry" slurm-retry
check_merge_after "$merge_job" "$array_job"
log=$out/retry/slurm-slurm-retry-${array_job}_1.out
echo "----- $log -----"; cat "$log"; echo "-----"
grep -q -- "--retry-failed: 1 failed case" "$log" || fail "the resubmitted task did not rerun the failed case"
grep -qE "^sweep: [0-9]+/[0-9]+ cases" "$log" || fail "no progress line in the task log $log"
"$cli" sweep-status "$out/retry" --json >"$out/status3.json" || fail "sweep-status failed"
if [[ $(status_field "$out/status3.json" slurm-retry failed) != 0 || $(status_field "$out/status3.json" slurm-retry missing) != 0 ]]; then
    cat "$out/status3.json"; fail "sweep-status should report no failed or missing case after the resubmission"
fi
say "compare: $out/retry-full/slurm-retry_table.csv vs the resubmitted merge's $out/retry/slurm-retry_table.csv"
python3 "$repo/tests/slurm/compare_tables.py" "$out/retry-full/slurm-retry_table.csv" "$out/retry/slurm-retry_table.csv" --rtol 1e-12 \
    || fail "the resubmitted and merged sweep differs from the unsharded one"
