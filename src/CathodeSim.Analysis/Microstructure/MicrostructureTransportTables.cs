using System.Diagnostics;
using CathodeSim.Model.Microstructure;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// The transport laws of a composition line computed from 3D structures: on each composition of the grid, each seed's
/// structure gives the ionic and electronic conductivity factors (sigma_eff / sigma_bulk, bulk conductivity 1) and the
/// connected shares; the laws tabulate their seed mean, and one law per seed keeps the spread for the uncertainty.
/// </summary>
/// <param name="Settings">How they were computed.</param>
/// <param name="Line">Along which compositions.</param>
/// <param name="Samples">Per composition, ascending in NCM.</param>
/// <param name="Ionic">Seed-mean ionic law (over the electrolyte fraction).</param>
/// <param name="Electronic">Seed-mean electronic law (over the NCM fraction).</param>
/// <param name="IonicBySeed">The ionic law of each seed alone.</param>
/// <param name="ElectronicBySeed">The electronic law of each seed alone.</param>
/// <param name="Computed">Structures computed in this call.</param>
/// <param name="Reused">Structures read from the store.</param>
/// <param name="WallTime">Time taken.</param>
public sealed record MicrostructureTransportTables(
    MicrostructureTransportSettings Settings,
    CompositionLine Line,
    IReadOnlyList<CompositionSample> Samples,
    TabulatedTransportLaw Ionic,
    TabulatedTransportLaw Electronic,
    IReadOnlyList<TabulatedTransportLaw> IonicBySeed,
    IReadOnlyList<TabulatedTransportLaw> ElectronicBySeed,
    int Computed,
    int Reused,
    TimeSpan WallTime)
{
    /// <summary>
    /// Computes (or reads from <paramref name="store"/>) every structure of the grid and tabulates the laws. Missing
    /// structures are computed in parallel, one per core; each is saved as soon as it is done, so an interrupted run keeps
    /// what it finished.
    /// </summary>
    public static MicrostructureTransportTables Build(MicrostructureTransportSettings settings, CompositionLine line,
        IMicrostructurePropertyStore? store, IVoxelConductivitySolver solver, IProgress<string>? progress = null,
        CancellationToken cancellation = default, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(solver);
        settings.ThrowIfInvalid();
        var clock = Stopwatch.StartNew();
        double[] grid = settings.CompositionGrid();
        var requests = new MicrostructureRequest[grid.Length, settings.Seeds];
        var results = new MicrostructureProperties?[grid.Length, settings.Seeds];
        var missing = new List<(int I, int S, MicrostructureCacheKey Key)>();
        for (int i = 0; i < grid.Length; i++)
            for (int s = 0; s < settings.Seeds; s++)
            {
                // Unit bulk conductivities: the voxel problem is linear, so the effective conductivities are the factors.
                requests[i, s] = new MicrostructureRequest(line.RecipeAt(grid[i], settings.BoxEdge, (ulong)(s + 1)), settings.VoxelSize, settings.Generator, 1.0, 1.0);
                var key = MicrostructureCacheKey.For(requests[i, s]);
                if (store is not null && store.TryLoad(key, out var cached)) results[i, s] = cached;
                else missing.Add((i, s, key));
            }
        int reused = grid.Length * settings.Seeds - missing.Count;
        progress?.Report($"microstructure: {grid.Length} compositions x {settings.Seeds} seeds, {reused} from the cache, {missing.Count} to compute");
        int done = 0;
        Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount, CancellationToken = cancellation }, m =>
        {
            var result = MicrostructureComputation.Compute(requests[m.I, m.S], solver, null, cancellation);
            store?.Save(m.Key, result.Properties);
            results[m.I, m.S] = result.Properties;
            int n = Interlocked.Increment(ref done);
            progress?.Report($"microstructure {n}/{missing.Count}: NCM {grid[m.I]:F3} of the solids, seed {m.S + 1}: " +
                $"ionic {result.Properties.EffectiveIonicConductivity:G3}, electronic {result.Properties.EffectiveElectronicConductivity:G3}, " +
                $"accessible {result.Properties.AccessibleActiveFraction:F3} ({result.WallTime.TotalSeconds:F1} s)");
        });

        var samples = Enumerable.Range(0, grid.Length).Select(i => new CompositionSample(grid[i], requests[i, 0].Recipe.ActiveVolumeFraction,
            requests[i, 0].Recipe.ElectrolyteVolumeFraction, [.. Enumerable.Range(0, settings.Seeds).Select(s => results[i, s]!)])).ToList();
        var (ionic, electronic) = Laws(samples, sample => sample.BySeed);
        var ionicBySeed = new List<TabulatedTransportLaw>();
        var electronicBySeed = new List<TabulatedTransportLaw>();
        for (int s = 0; s < settings.Seeds; s++)
        {
            int seed = s;
            var (i1, e1) = Laws(samples, sample => [sample.BySeed[seed]]);
            ionicBySeed.Add(i1);
            electronicBySeed.Add(e1);
        }
        return new MicrostructureTransportTables(settings, line, samples, ionic, electronic, ionicBySeed, electronicBySeed, missing.Count, reused, clock.Elapsed);
    }

    /// <summary>The ionic and electronic laws from the mean over the seeds that <paramref name="seeds"/> picks at each composition.</summary>
    private static (TabulatedTransportLaw Ionic, TabulatedTransportLaw Electronic) Laws(List<CompositionSample> samples, Func<CompositionSample, IReadOnlyList<MicrostructureProperties>> seeds)
    {
        double Mean(CompositionSample c, Func<MicrostructureProperties, double> f) => seeds(c).Average(f);
        // Electronic: ascending NCM fraction. Ionic: the same samples reversed, ascending electrolyte fraction.
        var up = samples;
        var down = samples.AsEnumerable().Reverse().ToList();
        var electronic = new TabulatedTransportLaw(
            [.. up.Select(c => c.ActiveVolumeFraction)],
            Monotone.NonDecreasing([.. up.Select(c => Math.Clamp(Mean(c, p => p.EffectiveElectronicConductivity), 0, 1))]),
            Monotone.NonDecreasing([.. up.Select(c => Math.Clamp(Mean(c, p => p.ActivePercolatingFraction), 0, 1))]));
        var ionic = new TabulatedTransportLaw(
            [.. down.Select(c => c.ElectrolyteVolumeFraction)],
            Monotone.NonDecreasing([.. down.Select(c => Math.Clamp(Mean(c, p => p.EffectiveIonicConductivity), 0, 1))]),
            Monotone.NonDecreasing([.. down.Select(c => Mean(c, CompositionSample.IonicallyReachedShare))]));
        return (ionic, electronic);
    }
}
