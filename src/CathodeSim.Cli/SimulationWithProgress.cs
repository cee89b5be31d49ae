using System.Globalization;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;
using CathodeSim.Studies;
using Spectre.Console;

namespace CathodeSim.Cli;

/// <summary>
/// Runs a simulation with a progress bar on stderr when it is a terminal, and with plain progress lines every few
/// seconds when it is not (<see cref="ProgressLines"/>; also with --json, since they go to stderr).
/// </summary>
internal static class SimulationWithProgress
{
    /// <summary>Calls <paramref name="simulate"/> with the progress to report to (null where nobody reads it).</summary>
    public static SimulationResult Run(CliContext context, string name, Func<IProgress<SimulationProgress>?, SimulationResult> simulate, bool showProgress, string command = "run")
    {
        if (!context.Progress.Profile.Capabilities.Interactive)
        {
            using var lines = ProgressLines.Start(context, command);
            var report = lines.Active
                ? new SynchronousProgress<SimulationProgress>(p => lines.Update(string.Create(CultureInfo.InvariantCulture,
                    $"step {p.StepIndex + 1}/{p.StepCount} ({p.Description}), t = {p.Time / 3600:0.00} h, V = {p.Voltage:0.000} V")))
                : null;
            return simulate(report);
        }
        if (!showProgress) return simulate(null);
        SimulationResult? result = null;
        context.Progress.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progressContext =>
            {
                var task = progressContext.AddTask(name, maxValue: 1.0);
                var progress = new SynchronousProgress<SimulationProgress>(p =>
                {
                    task.Value = (double)p.StepIndex / p.StepCount;
                    task.Description = Markup.Escape($"step {p.StepIndex + 1}/{p.StepCount} {p.Description}: t = {p.Time / 3600:F2} h, V = {p.Voltage:F3} V");
                });
                result = simulate(progress);
                task.Value = 1.0;
            });
        return result!;
    }
}
