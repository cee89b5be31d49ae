using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Microstructure;
using CathodeSim.Numerics.Voxels;
using Spectre.Console;

namespace CathodeSim.Studies;

/// <summary>
/// The CLI's one way to a <see cref="MicrostructureLawResolver"/>: the on-disk cache at its default place
/// (<c>$CATHODESIM_CACHE</c> or <c>~/.cache/cathodesim/microstructure</c>), the CPU voxel solver, progress on stderr.
/// </summary>
internal static class MicrostructureLaws
{
    public static MicrostructureLawResolver Resolver(CliContext context, bool showProgress) => new(
        Cache(context),
        new CpuVoxelConductivitySolver(),
        showProgress ? new SynchronousProgress<string>(m => context.Progress.MarkupLineInterpolated($"[grey]{m}[/]")) : new SynchronousProgress<string>(m => context.Error.WriteLine(m)),
        context.Cancellation);

    /// <summary>
    /// The cache, checked before any structure is computed: one that cannot be written is read but not written, with a
    /// warning, rather than failing the run after minutes of voxel solves.
    /// </summary>
    private static MicrostructurePropertyCache Cache(CliContext context)
    {
        string directory = MicrostructurePropertyCache.DefaultDirectory();
        if (OutputDirectoryCheck.Problem(directory, $"microstructure cache (${MicrostructurePropertyCache.EnvironmentVariable})") is not { } problem)
            return new MicrostructurePropertyCache(directory);
        context.Error.WriteLine($"warning: {problem}; structures are computed without saving them (set {MicrostructurePropertyCache.EnvironmentVariable} to a writable directory)");
        return new MicrostructurePropertyCache(directory, readOnly: true);
    }
}
