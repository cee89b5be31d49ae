using System.Diagnostics;
using CathodeSim.Model.Microstructure.Structures;
using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// Builds a 3D composite from a recipe, voxelises it, analyses it and solves the ionic (electrolyte) and electronic (NCM)
/// conductivity through the thickness: the one path from a recipe to <see cref="MicrostructureProperties"/>, used by
/// <c>cathodesim microstructure</c> and by the microstructure transport law.
/// </summary>
public static class MicrostructureComputation
{
    /// <summary>Runs every stage; <paramref name="progress"/> hears each stage's name as it starts.</summary>
    public static MicrostructureResult Compute(MicrostructureRequest request, IVoxelConductivitySolver solver,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(solver);
        if (!(request.VoxelSize > 0)) throw new ArgumentException($"voxel size must be positive (got {request.VoxelSize} m)");
        if (!(request.ElectrolyteConductivity > 0) || !(request.ActiveConductivity > 0))
            throw new ArgumentException("bulk conductivities of both phases must be positive");
        request.Recipe.ThrowIfInconsistent();
        var clock = Stopwatch.StartNew();

        progress?.Report(request.Generator == StructureGenerator.Packed ? "packing" : "placing overlapping spheres");
        PackingOutcome? outcome = null;
        SpherePacking packing;
        if (request.Generator == StructureGenerator.Packed)
        {
            outcome = CollectiveRearrangementGenerator.Generate(request.Recipe, request.VoxelSize);
            packing = outcome.Packing;
        }
        else
        {
            packing = BooleanModelGenerator.Generate(request.Recipe);
        }
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report("voxelising");
        var structure = packing.Voxelise(request.VoxelSize);
        progress?.Report("analysing clusters and interfaces");
        var statistics = VoxelStructureAnalysis.Analyse(structure);
        cancellationToken.ThrowIfCancellationRequested();

        var ionicConductivity = new double[3];
        ionicConductivity[(int)CompositePhase.Electrolyte] = request.ElectrolyteConductivity;
        var electronicConductivity = new double[3];
        electronicConductivity[(int)CompositePhase.Active] = request.ActiveConductivity;
        progress?.Report("solving ionic transport");
        var ionic = solver.Solve(structure.Grid, ionicConductivity, VoxelTransportOptions.Default, cancellationToken);
        progress?.Report("solving electronic transport");
        var electronic = solver.Solve(structure.Grid, electronicConductivity, VoxelTransportOptions.Default, cancellationToken);

        var properties = new MicrostructureProperties(
            statistics.Active.VolumeFraction,
            statistics.Electrolyte.VolumeFraction,
            statistics.Void.VolumeFraction,
            ionic.EffectiveConductivity,
            electronic.EffectiveConductivity,
            ionic.TortuosityFactor ?? double.PositiveInfinity,
            electronic.TortuosityFactor ?? double.PositiveInfinity,
            statistics.AccessibleActiveFraction,
            statistics.ActivePercolatingFraction,
            statistics.ElectrolytePercolatingFraction,
            statistics.Interfaces.ActiveElectrolyte,
            structure.Grid.Count);
        return new MicrostructureResult(request, structure, outcome, statistics, ionic, electronic, properties, clock.Elapsed);
    }
}
