using System.Collections.Concurrent;
using CathodeSim.Model.Simulation;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// Replaces <see cref="UnresolvedMicrostructureLaw"/> markers in a setup with the tabulated laws of its composition line.
/// The tables are built once per (settings, line) and kept for the resolver's life, so that a search or sweep over the NCM
/// fraction (every point on the same line) computes its structures once; across runs the store keeps them. Thread-safe:
/// optimize-ratio resolves from parallel grid evaluations.
/// </summary>
public sealed class MicrostructureLawResolver(IMicrostructurePropertyStore? store, IVoxelConductivitySolver solver, IProgress<string>? progress = null,
    CancellationToken cancellation = default)
{
    private readonly ConcurrentDictionary<(MicrostructureTransportSettings, CompositionLine), Lazy<MicrostructureTransportTables>> _tables = new();

    /// <summary>Whether <paramref name="setup"/> has a law to resolve.</summary>
    public static bool Needs(SimulationSetup setup) =>
        setup.Design.Cathode.IonicTransport is UnresolvedMicrostructureLaw || setup.Design.Cathode.ElectronicTransport is UnresolvedMicrostructureLaw;

    /// <summary>Every table built so far.</summary>
    public IReadOnlyList<MicrostructureTransportTables> Built => [.. _tables.Values.Where(t => t.IsValueCreated).Select(t => t.Value)];

    /// <summary>
    /// <paramref name="setup"/> with its microstructure laws tabulated: the seed mean, or the table of seed index
    /// <paramref name="seedIndex"/> alone (for the spread of a result over the structures). Where the ionic law comes from
    /// the structures, so does the NCM's ionic reach, and the closed-form contact statistics are dropped.
    /// </summary>
    public SimulationSetup Resolve(SimulationSetup setup, int? seedIndex = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var cathode = setup.Design.Cathode;
        if (!Needs(setup)) return setup;
        if (cathode.IonicTransport is UnresolvedMicrostructureLaw ionic)
        {
            var t = Tables(setup, ionic.Settings);
            cathode = cathode with { IonicTransport = seedIndex is { } s ? t.IonicBySeed[s] : t.Ionic, ElectrolyteContacts = null };
        }
        if (cathode.ElectronicTransport is UnresolvedMicrostructureLaw electronic)
        {
            var t = Tables(setup, electronic.Settings);
            cathode = cathode with { ElectronicTransport = seedIndex is { } s ? t.ElectronicBySeed[s] : t.Electronic };
        }
        return setup with { Design = setup.Design with { Cathode = cathode } };
    }

    /// <summary>The tables of <paramref name="setup"/>'s composition line under <paramref name="settings"/> (built on first use).</summary>
    public MicrostructureTransportTables Tables(SimulationSetup setup, MicrostructureTransportSettings settings)
    {
        var cathode = setup.Design.Cathode;
        var line = new CompositionLine(1 - cathode.VoidFraction, cathode.ParticleSizes, settings.ElectrolyteDiameter);
        return _tables.GetOrAdd((settings, line), key => new Lazy<MicrostructureTransportTables>(
            () => MicrostructureTransportTables.Build(key.Item1, key.Item2, store, solver, progress, cancellation),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
