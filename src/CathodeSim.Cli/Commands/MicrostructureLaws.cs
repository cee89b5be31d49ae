using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Microstructure;
using CathodeSim.Numerics.Voxels;
using Spectre.Console;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// The CLI's one way to a <see cref="MicrostructureLawResolver"/>: the on-disk cache at its default place
/// (<c>$CATHODESIM_CACHE</c> or <c>~/.cache/cathodesim/microstructure</c>), the CPU voxel solver, progress on stderr.
/// </summary>
internal static class MicrostructureLaws
{
    public static MicrostructureLawResolver Resolver(CliContext context, bool showProgress) => new(
        new MicrostructurePropertyCache(MicrostructurePropertyCache.DefaultDirectory()),
        new CpuVoxelConductivitySolver(),
        showProgress ? new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]")) : new SynchronousProgress<string>(m => context.Error.WriteLine(m)),
        context.Cancellation);
}
