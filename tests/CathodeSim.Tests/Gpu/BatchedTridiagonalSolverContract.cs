using CathodeSim.Gpu;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Tests.Gpu;

/// <summary>
/// What every <see cref="IBatchedTridiagonalSolver"/> back end must do; one concrete subclass per back end runs the
/// same tests. Sizes stay small: ILGPU's CPU accelerator is slow.
/// </summary>
public abstract class BatchedTridiagonalSolverContract : IDisposable
{
    private readonly List<IBatchedTridiagonalSolver> _created = [];

    /// <summary>A new solver of the back end under test (disposed after the test when it is disposable).</summary>
    protected abstract IBatchedTridiagonalSolver NewSolver();

    /// <summary>The back end's expected <see cref="IBatchedTridiagonalSolver.Name"/>.</summary>
    protected abstract string ExpectedName { get; }

    protected IBatchedTridiagonalSolver Solver()
    {
        var solver = NewSolver();
        _created.Add(solver);
        return solver;
    }

    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int m in new[] { 1, 7, 257 })
            foreach (int n in new[] { 2, 3, 20 })
                foreach (int k in new[] { 1, 2 })
                    data.Add(m, n, k);
        return data;
    }

    [Fact]
    public void Name_IsTheBackEnds() => Assert.Equal(ExpectedName, Solver().Name);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Solve_RandomDiagonallyDominantSystems_MatchesDenseEliminationWithSmallResidual(int systems, int size, int rightHandSides)
    {
        var original = RandomSystems.Create(systems, size, rightHandSides, seed: 1000 * systems + 10 * size + rightHandSides);
        var batch = RandomSystems.Copy(original);
        Solver().Solve(batch);

        Assert.True(RandomSystems.RelativeResidual(original, batch) < 1e-12);
        double difference = RandomSystems.RelativeDifference(systems, size, batch.Rhs, RandomSystems.DenseSolutions(original));
        Assert.True(difference < 1e-12, $"relative difference to dense elimination {difference:E2}");
    }

    [Fact]
    public void Solve_SameInstance_SmallThenLargeThenSmallBatch_AllCorrect()
    {
        var solver = Solver();
        foreach (var (m, n, k, seed) in new[] { (3, 4, 2, 1), (300, 20, 2, 2), (5, 3, 1, 3), (2, 2, 2, 4) })
        {
            var original = RandomSystems.Create(m, n, k, seed);
            var batch = RandomSystems.Copy(original);
            solver.Solve(batch);
            double residual = RandomSystems.RelativeResidual(original, batch);
            Assert.True(residual < 1e-12, $"M = {m}, N = {n}, k = {k}: residual {residual:E2}");
        }
    }

    [Fact]
    public void Solve_SameInstanceRepeatedly_GivesTheSameResultEachTime()
    {
        var solver = Solver();
        var original = RandomSystems.Create(33, 7, 2, seed: 5);
        var first = RandomSystems.Copy(original);
        solver.Solve(first);
        var second = RandomSystems.Copy(original);
        solver.Solve(second);
        Assert.Equal(first.Rhs[0], second.Rhs[0]);
        Assert.Equal(first.Rhs[1], second.Rhs[1]);
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(257, 20, 2)]
    [InlineData(64, 3, 2)]
    public void Solve_AgreesWithTheCpuReferenceToRoundOff(int systems, int size, int rightHandSides)
    {
        var original = RandomSystems.Create(systems, size, rightHandSides, seed: 77 + systems);
        var reference = RandomSystems.Copy(original);
        new CpuBatchedTridiagonalSolver(parallelThreshold: 0).Solve(reference);
        var batch = RandomSystems.Copy(original);
        Solver().Solve(batch);
        double difference = RandomSystems.RelativeDifference(systems, size, batch.Rhs, reference.Rhs);
        Assert.True(difference <= 1e-13, $"relative difference to the CPU reference {difference:E2}");
    }

    public void Dispose()
    {
        foreach (var solver in _created) (solver as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The plain C# reference, serial.</summary>
public sealed class CpuSolverContractTests : BatchedTridiagonalSolverContract
{
    protected override IBatchedTridiagonalSolver NewSolver() => new CpuBatchedTridiagonalSolver();
    protected override string ExpectedName => "cpu";
}

/// <summary>The plain C# reference with every batch split across cores (the benchmark's configuration).</summary>
public sealed class CpuParallelSolverContractTests : BatchedTridiagonalSolverContract
{
    protected override IBatchedTridiagonalSolver NewSolver() => new CpuBatchedTridiagonalSolver(parallelThreshold: 1);
    protected override string ExpectedName => "cpu";
}

/// <summary>One ILGPU CPU accelerator (context, compiled kernel) shared by a test class.</summary>
public sealed class IlgpuCpuDevice : IDisposable
{
    public DeviceChoice Choice { get; } = DeviceSelection.Select("ilgpu-cpu");

    public void Dispose() => Choice.Dispose();
}

/// <summary>The ILGPU kernel on ILGPU's CPU accelerator (the GPU kernel's code path without a GPU).</summary>
public sealed class IlgpuCpuSolverContractTests(IlgpuCpuDevice device) : BatchedTridiagonalSolverContract, IClassFixture<IlgpuCpuDevice>
{
    protected override IBatchedTridiagonalSolver NewSolver() => device.Choice.CreateSolver();
    protected override string ExpectedName => "ilgpu-cpu";

    [Fact]
    public void Solve_OnCpuAccelerator_IsBitwiseIdenticalToTheCpuReference()
    {
        var original = RandomSystems.Create(257, 20, 2, seed: 9);
        var reference = RandomSystems.Copy(original);
        new CpuBatchedTridiagonalSolver(parallelThreshold: 0).Solve(reference);
        var batch = RandomSystems.Copy(original);
        Solver().Solve(batch);
        Assert.Equal(reference.Rhs[0], batch.Rhs[0]);
        Assert.Equal(reference.Rhs[1], batch.Rhs[1]);
    }

    [Fact]
    public void DeviceBuffers_GrowOnlyForLargerBatches()
    {
        var solver = (IlgpuBatchedTridiagonalSolver)Solver();
        Assert.Equal(0, solver.BufferCapacity);
        solver.Solve(RandomSystems.Create(3, 4, 2, 1));
        Assert.Equal(12, solver.BufferCapacity);
        solver.Solve(RandomSystems.Create(300, 20, 2, 2));
        Assert.Equal(6000, solver.BufferCapacity);
        solver.Solve(RandomSystems.Create(5, 3, 1, 3));
        Assert.Equal(6000, solver.BufferCapacity);
    }

    [Fact]
    public void Solve_MoreThanTwoRightHandSides_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => Solver().Solve(RandomSystems.Create(4, 3, 3, 1)));
        Assert.Contains("at most 2 right-hand sides", e.Message);
    }

    [Fact]
    public void Solve_FromSeveralThreads_OneInstanceEach_AllCorrect()
    {
        Parallel.For(0, 4, i =>
        {
            using var solver = (IlgpuBatchedTridiagonalSolver)device.Choice.CreateSolver();
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var original = RandomSystems.Create(40 + i, 6, 2, seed: 100 * i + repeat);
                var batch = RandomSystems.Copy(original);
                solver.Solve(batch);
                Assert.True(RandomSystems.RelativeResidual(original, batch) < 1e-12);
            }
        });
    }

    [Fact]
    public void CreateCpu_OwnsItsContext_AndSolves()
    {
        using var solver = IlgpuBatchedTridiagonalSolver.CreateCpu();
        var original = RandomSystems.Create(7, 5, 2, seed: 11);
        var batch = RandomSystems.Copy(original);
        solver.Solve(batch);
        Assert.True(RandomSystems.RelativeResidual(original, batch) < 1e-12);
        solver.Dispose();
        Assert.Throws<ObjectDisposedException>(() => solver.Solve(batch));
    }
}
