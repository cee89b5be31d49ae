using CathodeSim.Gpu;
using CathodeSim.Numerics.Voxels;
using static CathodeSim.Tests.Microstructure.Transport.VoxelTestStructures;

namespace CathodeSim.Tests.Microstructure.Transport;

/// <summary>
/// What every <see cref="IVoxelConductivitySolver"/> back end must do, run against each through one subclass per back
/// end. Exact cases (laminates, removed clusters) are solved to 1e-10 and checked to 1e-7 relative: the face conductances
/// are stored in single precision (6e-8 relative rounding), which is what limits them. Sizes stay small because ILGPU's CPU
/// accelerator is slow.
/// </summary>
public abstract class VoxelConductivitySolverContract : IDisposable
{
    private static readonly double[] TwoConductors = [0, 1.0, 10.0];
    private static readonly VoxelTransportOptions Tight = new() { RelativeTolerance = 1e-10 };

    protected abstract IVoxelConductivitySolver Solver { get; }

    public virtual void Dispose()
    {
        (Solver as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(8, 8, 12)]
    [InlineData(5, 7, 13)]
    public void SeriesLaminate_LayersNormalToTransport_GivesHarmonicMean_To1e7(int nx, int ny, int nz)
    {
        var layers = Enumerable.Range(0, nz).Select(z => (byte)(z % 3 == 0 ? 2 : 1)).ToArray();
        var result = Solver.Solve(Laminate(nx, ny, nz, axis: 2, layers), TwoConductors, Tight);
        double expected = 1 / layers.Average(l => 1 / TwoConductors[l]);
        Assert.True(result.Converged);
        Assert.Equal(expected, result.EffectiveConductivity, expected * 1e-7);
        Assert.Null(result.TortuosityFactor); // two conductivities: no single bulk value
    }

    [Theory]
    [InlineData(VoxelTransportDirection.Z, true)]
    [InlineData(VoxelTransportDirection.Z, false)]
    [InlineData(VoxelTransportDirection.Y, true)]
    public void ParallelLaminate_LayersAlongTransport_GivesArithmeticMean_To1e7(VoxelTransportDirection direction, bool periodic)
    {
        var layers = new byte[] { 1, 2, 2, 1, 1, 1, 2 };
        var result = Solver.Solve(Laminate(7, 6, 9, axis: 0, layers), TwoConductors, Tight with { Direction = direction, PeriodicInPlane = periodic });
        double expected = layers.Average(l => TwoConductors[l]);
        Assert.Equal(expected, result.EffectiveConductivity, expected * 1e-7);
    }

    [Fact]
    public void Laminate_TransportAcrossItsLayersAlongX_GivesHarmonicMean_To1e7()
    {
        var layers = new byte[] { 1, 2, 2, 1, 1, 1, 2, 1 };
        var result = Solver.Solve(Laminate(8, 5, 6, axis: 0, layers), TwoConductors, Tight with { Direction = VoxelTransportDirection.X });
        double expected = 1 / layers.Average(l => 1 / TwoConductors[l]);
        Assert.Equal(expected, result.EffectiveConductivity, expected * 1e-7);
    }

    [Fact]
    public void HomogeneousBox_TortuosityFactorIsOne_AndNoIterationsAreNeeded()
    {
        var grid = new VoxelGrid(6, 5, 9, VoxelSize);
        Array.Fill(grid.Phases, (byte)1);
        var result = Solver.Solve(grid, [0, 2.5], VoxelTransportOptions.Default);
        Assert.Equal(2.5, result.EffectiveConductivity, 1e-12);
        Assert.Equal(1.0, result.TortuosityFactor!.Value, 1e-12);
        Assert.Equal(0, result.Iterations); // the linear start is the solution
    }

    [Fact]
    public void IslandsAndOneSidedClusters_AreRemoved_LeavingTheSpanningColumnsResultExactly()
    {
        // A straight conducting column 2 x 2 voxels, plus an isolated block, plus a branch touching only the inlet.
        var grid = new VoxelGrid(10, 10, 12, VoxelSize);
        for (int z = 0; z < 12; z++)
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 2; x++)
                    grid.Phases[grid.Index(x, y, z)] = 1;
        for (int z = 4; z < 7; z++) grid.Phases[grid.Index(6, 6, z)] = 1; // island
        for (int z = 0; z < 5; z++) grid.Phases[grid.Index(5, 1, z)] = 1; // touches the inlet only
        var result = Solver.Solve(grid, [0, 1], Tight);
        double expected = 4.0 / 100; // four unit columns of one voxel each over a 10 x 10 section
        Assert.Equal(expected, result.EffectiveConductivity, expected * 1e-7);
        Assert.Equal(48, result.Unknowns);
        Assert.Equal((48 + 3 + 5) / 1200.0, result.ConductingVolumeFraction, 1e-15);
        Assert.Equal(48 / 1200.0, result.SpanningVolumeFraction, 1e-15);
        Assert.Equal(result.ConductingVolumeFraction * 1 / expected, result.TortuosityFactor!.Value, 1e-6);
    }

    [Fact]
    public void PhaseThatDoesNotSpan_GivesZeroConductivityAndInfiniteTortuosity_WithoutNaN()
    {
        var grid = new VoxelGrid(6, 6, 10, VoxelSize);
        for (int z = 0; z < 7; z++) grid.Phases[grid.Index(2, 2, z)] = 1; // from the inlet, stops short of the outlet
        for (int z = 3; z < 5; z++) grid.Phases[grid.Index(4, 4, z)] = 1; // floating
        var result = Solver.Solve(grid, [0, 1], VoxelTransportOptions.Default);
        Assert.Equal(0.0, result.EffectiveConductivity);
        Assert.Equal(0.0, result.CurrentMismatch);
        Assert.True(double.IsPositiveInfinity(result.TortuosityFactor!.Value));
        Assert.True(result.Converged);
        Assert.Equal(0, result.Unknowns);
        Assert.Equal(9 / 360.0, result.ConductingVolumeFraction, 1e-15);
    }

    [Fact]
    public void PathThroughThePeriodicBoundary_ConductsWhenPeriodic_AndNotBetweenInsulatingWalls()
    {
        // Column at x = 0 from the inlet to mid-height, column at x = nx - 1 from mid-height to the outlet: they touch
        // only across the periodic x boundary.
        var grid = new VoxelGrid(6, 4, 8, VoxelSize);
        for (int z = 0; z <= 4; z++) grid.Phases[grid.Index(0, 1, z)] = 1;
        for (int z = 4; z < 8; z++) grid.Phases[grid.Index(5, 1, z)] = 1;
        var periodic = Solver.Solve(grid, [0, 1], Tight with { PeriodicInPlane = true });
        var walled = Solver.Solve(grid, [0, 1], Tight with { PeriodicInPlane = false });
        // Series of half-voxel ends and 9 voxel-to-voxel links through a unit section: resistance 9 / (sigma h), cross-section 24 h^2, length 8 h.
        double expected = 8.0 / (9.0 * 24);
        Assert.Equal(expected, periodic.EffectiveConductivity, expected * 1e-7);
        Assert.Equal(0.0, walled.EffectiveConductivity);
    }

    [Fact]
    public void RandomStructure_InletAndOutletCurrentsAgree_ToTheSolverTolerance()
    {
        var grid = RandomSpheres(16, 5, 0.5, overlapping: true, sphere: 1, matrix: 0, seed: 3);
        var loose = Solver.Solve(grid, [0, 1], VoxelTransportOptions.Default);
        var tight = Solver.Solve(grid, [0, 1], Tight);
        Assert.True(loose.Converged && tight.Converged);
        Assert.True(loose.RelativeResidual <= 1e-6);
        // The mismatch is the sum of the residual over all unknowns, so it may exceed the 2-norm tolerance by up to sqrt(n).
        Assert.True(loose.CurrentMismatch < 1e-4, $"mismatch {loose.CurrentMismatch:E2} at tolerance 1e-6");
        Assert.True(tight.CurrentMismatch < 1e-8, $"mismatch {tight.CurrentMismatch:E2} at tolerance 1e-10");
        Assert.Equal(tight.EffectiveConductivity, loose.EffectiveConductivity, tight.EffectiveConductivity * 1e-4);
    }

    [Fact]
    public void Progress_IsReportedEveryIteration_AndCancellationStopsTheSolve()
    {
        var grid = RandomSpheres(12, 4, 0.6, overlapping: true, sphere: 1, matrix: 0, seed: 4);
        var reports = new List<VoxelSolveProgress>();
        var progress = new SynchronousProgress(reports.Add);
        var result = Solver.Solve(grid, [0, 1], Tight with { Progress = progress });
        Assert.Equal(result.Iterations, reports.Count);
        Assert.Equal(result.RelativeResidual, reports[^1].RelativeResidual);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Solver.Solve(grid, [0, 1], Tight, cancelled.Token));
    }

    [Fact]
    public void MissingOrNegativeConductivity_IsRefused()
    {
        var grid = new VoxelGrid(3, 3, 3, VoxelSize);
        grid.Phases[0] = 2;
        Assert.Throws<ArgumentException>(() => Solver.Solve(grid, [0, 1], VoxelTransportOptions.Default));
        Assert.Throws<ArgumentException>(() => Solver.Solve(grid, [0, 1, -1], VoxelTransportOptions.Default));
    }

    private sealed class SynchronousProgress(Action<VoxelSolveProgress> report) : IProgress<VoxelSolveProgress>
    {
        public void Report(VoxelSolveProgress value) => report(value);
    }
}

public sealed class CpuVoxelConductivitySolverTests : VoxelConductivitySolverContract
{
    protected override IVoxelConductivitySolver Solver { get; } = new CpuVoxelConductivitySolver();
}

public sealed class IlgpuCpuVoxelConductivitySolverTests : VoxelConductivitySolverContract
{
    // One ILGPU context for the whole class: compiling the kernels for a new context costs seconds per test.
    private static readonly Lazy<IlgpuVoxelConductivitySolver> Shared = new(IlgpuVoxelConductivitySolver.CreateCpu);

    protected override IVoxelConductivitySolver Solver => Shared.Value;

    public override void Dispose() => GC.SuppressFinalize(this);
}
