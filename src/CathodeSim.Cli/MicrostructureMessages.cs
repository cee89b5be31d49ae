using CathodeSim.Studies;
using Spectre.Console;

namespace CathodeSim.Cli;

/// <summary>
/// Where the messages of the 3D structures computed for <c>law: microstructure</c> go: grey lines on the progress
/// console, or (with --json) plain lines on stderr.
/// </summary>
internal static class MicrostructureMessages
{
    public static IProgress<string> For(CliContext context, bool showProgress) => showProgress
        ? new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]"))
        : new SynchronousProgress<string>(m => context.Error.WriteLine(m));
}
