using System.CommandLine;

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
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of N (cases whose index mod N is i). Inside a Slurm job array it defaults to SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT.", HelpName = "i/N" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Cases run in parallel (default: every core).", HelpName = "N" };
        var device = CommonOptions.Device();
        var batch = new Option<int?>("--batch") { Description = "With a device other than cpu: cases kept resident and advanced together (default 256).", HelpName = "N" };
        var emit = new Option<int?>("--emit-slurm") { Description = "Write <name>.sbatch, a Slurm job-array script with N tasks, instead of running.", HelpName = "N" };
        var command = new Command("sweep", """
            Run every case of a parameter sweep on all cores and write <name>.h5 (table of inputs and results, plus each
            case's time series), <name>_table.csv and PNG plots of each result against each swept parameter.
            Finished cases are journalled: an interrupted sweep continues with --resume.

            Examples:
              cathodesim sweep configs/sweeps/ncm-fraction.yaml --output out/sweeps
              cathodesim sweep configs/sweeps/ncm-fraction.yaml --emit-slurm 8 --output /shared/out   # then: sbatch /shared/out/ncm-fraction.sbatch
            """)
        {
            sweep, output, json, set, resume, shard, jobs, emit, device, batch,
        };
        command.SetAction(parse => (int)new SweepCommandAction(context).Execute(new SweepOptions(
            parse.GetValue(sweep)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [], parse.GetValue(resume),
            parse.GetValue(shard), parse.GetValue(jobs), parse.GetValue(emit), parse.GetValue(device)!, parse.GetValue(batch))));
        return command;
    }
}
