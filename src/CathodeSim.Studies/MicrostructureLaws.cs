using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Microstructure;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Studies;

/// <summary>
/// The studies' one way to a <see cref="MicrostructureLawResolver"/>: the on-disk cache at its default place
/// (<c>$CATHODESIM_CACHE</c> or <c>~/.cache/cathodesim/microstructure</c>), the CPU voxel solver, progress to the caller.
/// </summary>
public static class MicrostructureLaws
{
    /// <summary>A resolver for <c>law: microstructure</c> transport laws.</summary>
    /// <param name="log">Receives the warning when the cache cannot be written.</param>
    /// <param name="progress">Messages of the structures being computed; null for none.</param>
    /// <param name="cancellation">Stops the structure computations.</param>
    public static MicrostructureLawResolver Resolver(IStudyLog? log, IProgress<string>? progress, CancellationToken cancellation) => new(
        Cache(log),
        new CpuVoxelConductivitySolver(),
        progress,
        cancellation);

    /// <summary>
    /// The cache, checked before any structure is computed: one that cannot be written is read but not written, with a
    /// warning, rather than failing the run after minutes of voxel solves.
    /// </summary>
    private static MicrostructurePropertyCache Cache(IStudyLog? log)
    {
        string directory = MicrostructurePropertyCache.DefaultDirectory();
        if (OutputDirectoryCheck.Problem(directory, $"microstructure cache (${MicrostructurePropertyCache.EnvironmentVariable})") is not { } problem)
            return new MicrostructurePropertyCache(directory);
        log?.Warning($"{problem}; structures are computed without saving them (set {MicrostructurePropertyCache.EnvironmentVariable} to a writable directory)");
        return new MicrostructurePropertyCache(directory, readOnly: true);
    }
}
