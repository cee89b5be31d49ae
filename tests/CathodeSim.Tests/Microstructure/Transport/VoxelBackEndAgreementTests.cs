using CathodeSim.Gpu;
using CathodeSim.Numerics.Voxels;
using Xunit.Abstractions;
using static CathodeSim.Tests.Microstructure.Transport.VoxelTestStructures;

namespace CathodeSim.Tests.Microstructure.Transport;

/// <summary>The ILGPU kernels (on ILGPU's CPU accelerator) against the C# back end on multilevel problems.</summary>
public class VoxelBackEndAgreementTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(VoxelTransportDirection.Z, true)]
    [InlineData(VoxelTransportDirection.X, false)]
    public void IlgpuCpuAccelerator_MatchesCSharp_To1e8OnEffectiveConductivity_At24Cubed(VoxelTransportDirection direction, bool periodic)
    {
        var grid = RandomSpheres(24, 6, 0.45, overlapping: true, sphere: 1, matrix: 2, seed: 11);
        double[] sigma = [0, 1.0, 0.05];
        var options = new VoxelTransportOptions { Direction = direction, PeriodicInPlane = periodic, RelativeTolerance = 1e-10 };
        var cpu = new CpuVoxelConductivitySolver().Solve(grid, sigma, options);
        using var choice = DeviceSelection.Select("ilgpu-cpu");
        var solver = choice.CreateVoxelConductivitySolver();
        var ilgpu = solver.Solve(grid, sigma, options);
        (solver as IDisposable)?.Dispose();
        output.WriteLine($"cpu {cpu.EffectiveConductivity:R} ({cpu.Iterations} it), ilgpu-cpu {ilgpu.EffectiveConductivity:R} ({ilgpu.Iterations} it)");
        Assert.Equal("ilgpu-cpu", ilgpu.BackEnd);
        Assert.True(AggregationHierarchy.Build(VoxelTransportProblem.Create(grid, sigma, options).Fine).Levels.Count >= 3);
        Assert.Equal(cpu.Unknowns, ilgpu.Unknowns);
        Assert.Equal(cpu.EffectiveConductivity, ilgpu.EffectiveConductivity, cpu.EffectiveConductivity * 1e-8);
        Assert.InRange(Math.Abs(cpu.Iterations - ilgpu.Iterations), 0, 1);
    }

    [Fact]
    public void CpuChoice_GivesTheCSharpVoxelSolver()
    {
        using var choice = DeviceSelection.Select("cpu");
        Assert.IsType<CpuVoxelConductivitySolver>(choice.CreateVoxelConductivitySolver());
    }

    [Fact]
    public void CSharpBackEnd_IsReproducibleBitForBit_RunToRun()
    {
        var grid = RandomSpheres(40, 8, 0.5, overlapping: true, sphere: 1, matrix: 0, seed: 5);
        var solver = new CpuVoxelConductivitySolver();
        var first = solver.Solve(grid, [0, 1], VoxelTransportOptions.Default);
        var second = solver.Solve(grid, [0, 1], VoxelTransportOptions.Default);
        Assert.Equal(first.EffectiveConductivity, second.EffectiveConductivity);
        Assert.Equal(first.RelativeResidual, second.RelativeResidual);
    }
}
