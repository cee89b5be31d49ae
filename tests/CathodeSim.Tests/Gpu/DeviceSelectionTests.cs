using CathodeSim.Gpu;
using CathodeSim.Numerics.Diffusion;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Gpu;

public class DeviceSelectionTests(ITestOutputHelper output)
{
    /// <summary>Whether ILGPU finds a CUDA GPU here (never on CI): the "gpu"/"auto" tests check whichever case holds.</summary>
    private static bool CudaPresent()
    {
        using var auto = DeviceSelection.Select("auto");
        return auto.IsGpu;
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_GivesThePlainCSharpSolver(string name)
    {
        using var choice = DeviceSelection.Select(name);
        Assert.Equal("cpu", choice.BackEnd);
        Assert.False(choice.IsGpu);
        Assert.IsType<CpuBatchedTridiagonalSolver>(choice.CreateSolver());
        Assert.Contains("cpu", choice.Description);
    }

    [Fact]
    public void IlgpuCpu_GivesAWorkingIlgpuSolver_AndANewInstancePerCall()
    {
        using var choice = DeviceSelection.Select("ilgpu-cpu");
        Assert.Equal("ilgpu-cpu", choice.BackEnd);
        Assert.False(choice.IsGpu);
        using var first = Assert.IsType<IlgpuBatchedTridiagonalSolver>(choice.CreateSolver());
        using var second = Assert.IsType<IlgpuBatchedTridiagonalSolver>(choice.CreateSolver());
        Assert.NotSame(first, second);
        Assert.Same(first.Accelerator, second.Accelerator);
        Assert.Equal("ilgpu-cpu", first.Name);
        var original = RandomSystems.Create(9, 4, 2, seed: 3);
        var batch = RandomSystems.Copy(original);
        first.Solve(batch);
        Assert.True(RandomSystems.RelativeResidual(original, batch) < 1e-12);
    }

    [Fact]
    public void CreateStepper_OnCpu_GivesTheHostAssembledStepper_OnIlgpuCpu_TheDeviceResidentOne()
    {
        var layout = new ParticleDiffusionLayout([0.1, 0.2, 0.03], [0, 0.1, 0.4, 1], [1e12, 2e12], [1e-4, 2e-4]);
        using (var cpu = DeviceSelection.Select("cpu"))
            Assert.IsType<HostAssembledParticleDiffusionStepper>(cpu.CreateStepper(layout));
        using var ilgpu = DeviceSelection.Select("ilgpu-cpu");
        using var stepper = Assert.IsType<IlgpuParticleDiffusionStepper>(ilgpu.CreateStepper(layout));
        Assert.Same(layout, stepper.Layout);
        Assert.Equal("resident(ilgpu-cpu)", stepper.Name);
    }

    [Fact]
    public void IlgpuCpu_SolverDisposedAfterItsChoice_DoesNotThrow()
    {
        var choice = DeviceSelection.Select("ilgpu-cpu");
        var solver = (IlgpuBatchedTridiagonalSolver)choice.CreateSolver();
        solver.Solve(RandomSystems.Create(4, 3, 2, seed: 1));
        choice.Dispose();
        solver.Dispose();
        choice.Dispose();
    }

    [Fact]
    public void Gpu_WithoutCuda_ThrowsDeviceUnavailable_WithAClearMessage_ElseGivesACudaSolver()
    {
        if (CudaPresent())
        {
            using var choice = DeviceSelection.Select("gpu");
            Assert.True(choice.IsGpu);
            using var solver = Assert.IsType<IlgpuBatchedTridiagonalSolver>(choice.CreateSolver());
            Assert.StartsWith("ilgpu-cuda (", solver.Name);
            return;
        }
        var e = Assert.Throws<DeviceUnavailableException>(() => DeviceSelection.Select("gpu"));
        Assert.Equal("--device gpu: no CUDA GPU found by ILGPU (driver/libcuda missing?); use --device cpu or auto", e.Message);
    }

    [Fact]
    public void Auto_WithoutCuda_FallsBackToCpu_AndSaysWhy()
    {
        using var choice = DeviceSelection.Select("auto");
        output.WriteLine(choice.Description);
        if (choice.IsGpu)
        {
            Assert.Contains("ilgpu-cuda", choice.Description);
            return;
        }
        Assert.Equal("cpu", choice.BackEnd);
        Assert.IsType<CpuBatchedTridiagonalSolver>(choice.CreateSolver());
        Assert.StartsWith("auto: no CUDA GPU found by ILGPU", choice.Description);
        Assert.Contains("using cpu", choice.Description);
        Assert.DoesNotContain('\n', choice.Description);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("")]
    public void UnknownName_ThrowsArgumentException_ListingTheValidNames(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceSelection.Select(name));
        Assert.Contains("cpu, gpu, auto, ilgpu-cpu", e.Message);
        Assert.Equal("device", e.ParamName);
    }
}
