using CathodeSim.Cli;

// The commands parallelise over their own independent work (fit starts, sweep cases, size bins); MathNet's parallel loops
// inside its small dense decompositions then only add thread hand-offs (measured: about 20 % more CPU per fit-eis fit).
MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;

JitProfile.Start(args);

using var cancellation = new CancellationTokenSource();
// The first Ctrl+C asks the command to stop at its next check (`run` then writes what it has done, marked partial); a
// second one, while the command is still stopping or writing, is not caught: the process ends at once (a half-staged
// output is cleared by the next command, see docs/output-integrity.md).
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
// SIGTERM (a batch scheduler's time limit, `kill`) as Ctrl+C: the command stops at its next check, writes nothing half, exits 130.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
});
return CommandLine.Invoke(args, CliContext.ForProcess(cancellation.Token));
