using System.CommandLine;
using CathodeSim.IO.Sweeps;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim sweep SWEEP.yaml`: run every case of a parameter sweep.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var sweep = new Argument<string>("sweep") { Description = "Sweep YAML file (see configs/sweeps/)." };
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted sweep: finished cases (kept in <name>.journal/) are not recomputed." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "With --resume (or --shard): run the journal's failed cases again, e.g. after raising case_time_limit." };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of N (cases whose index mod N is i); for any array scheduler (PBS, LSF, ...). Inside a Slurm job array it defaults to SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT.", HelpName = "i/N" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Cases run in parallel (default: every core; with --emit-slurm: cores per array task, default 1).", HelpName = "N" };
        var device = CommonOptions.Device();
        var batch = new Option<int?>("--batch") { Description = "With a device other than cpu: cases kept resident and advanced together (default 256).", HelpName = "N" };
        var emit = new Option<int?>("--emit-slurm") { Description = "Instead of running: write <name>.sbatch (a Slurm job array of N tasks, fewer when the sweep has fewer cases or N exceeds --max-array-size), <name>.merge.sbatch and <name>.submit.sh (submits both, the merge after the array).", HelpName = "N" };
        var resubmit = new Option<bool>("--resubmit-failed") { Description = "Instead of running: write <name>.retry.sbatch, an array of only the shards of the earlier --emit-slurm into --output that have failed or missing cases (failed cases rerun), and <name>.retry.submit.sh." };
        var submit = new Option<bool>("--submit") { Description = "With --emit-slurm or --resubmit-failed: also submit the array and the merge job (runs <name>.submit.sh) and print their job ids." };
        var time = new Option<string?>("--slurm-time") { Description = "Wall time per array task: MM, HH:MM:SS or D-HH:MM:SS (also cluster.time in the sweep file).", HelpName = "TIME" };
        var mem = new Option<string?>("--slurm-mem") { Description = "Memory per task, e.g. 4G or 500M (cluster.mem).", HelpName = "SIZE" };
        var partition = new Option<string?>("--slurm-partition") { Description = "Partition (cluster.partition).", HelpName = "NAME" };
        var account = new Option<string?>("--slurm-account") { Description = "Account charged (cluster.account).", HelpName = "NAME" };
        var qos = new Option<string?>("--slurm-qos") { Description = "Quality of service (cluster.qos).", HelpName = "NAME" };
        var sbatch = new Option<string[]>("--sbatch")
        {
            Description = "A further #SBATCH line, repeatable: --sbatch constraint=avx2 or --sbatch=--mail-type=END (cluster.sbatch).",
            HelpName = "OPTION", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false,
        };
        var throttle = new Option<int?>("--slurm-throttle") { Description = "At most N array tasks at once (--array=...%N; cluster.throttle).", HelpName = "N" };
        var maxArray = new Option<int?>("--max-array-size") { Description = $"The cluster's MaxArraySize (`scontrol show config`; default {SlurmSettings.DefaultMaxArraySize}): more tasks are grouped into this many (cluster.max_array_size).", HelpName = "N" };
        var cathodesim = new Option<string?>("--cathodesim") { Description = "The cathodesim the jobs run: a path on the shared file system, or a name on the nodes' PATH (default: a self-contained copy in <output>/cathodesim/, published by the submit script; cluster.cathodesim).", HelpName = "EXE" };
        var command = new Command("sweep", """
            Run every case of a parameter sweep on all cores and write <name>.h5 (table of inputs and results, plus each
            case's time series), <name>_table.csv and PNG plots of each result against each swept parameter.
            Finished cases are journalled: an interrupted sweep continues with --resume.

            Examples:
              cathodesim sweep configs/sweeps/ncm-fraction.yaml --output out/sweeps
              cathodesim sweep configs/sweeps/ncm-fraction.yaml --output out/sweeps --resume --retry-failed
              cathodesim sweep configs/sweeps/ncm-fraction.yaml --emit-slurm 8 --slurm-time 1:00:00 --slurm-mem 2G --output /shared/out --submit
              cathodesim sweep configs/sweeps/ncm-fraction.yaml --output /shared/out --resubmit-failed --submit   # only failed/missing shards
              cathodesim sweep-status /shared/out
            """)
        {
            sweep, output, json, set, resume, retryFailed, shard, jobs, emit, resubmit, submit, time, mem, partition, account, qos, sbatch, throttle,
            maxArray, cathodesim, device, batch,
        };
        command.SetAction(parse => (int)new SweepCommandAction(context).Execute(new SweepOptions(
            parse.GetValue(sweep)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [], parse.GetValue(resume),
            parse.GetValue(shard), parse.GetValue(jobs), parse.GetValue(emit), parse.GetValue(device)!, parse.GetValue(batch),
            new SlurmSettings(parse.GetValue(time), parse.GetValue(mem), parse.GetValue(partition), parse.GetValue(account), parse.GetValue(qos),
                parse.GetValue(sbatch) ?? [], parse.GetValue(throttle), parse.GetValue(maxArray), parse.GetValue(cathodesim)),
            parse.GetValue(submit), parse.GetValue(resubmit), parse.GetValue(retryFailed))));
        return command;
    }
}
