namespace CathodeSim.Gpu;

/// <summary>Resolves a <c>--device</c> name to a <see cref="DeviceChoice"/>.</summary>
public static class DeviceSelection
{
    /// <summary>The device names <see cref="Select"/> accepts.</summary>
    public static IReadOnlyList<string> ValidNames { get; } = ["cpu", "gpu", "auto", "ilgpu-cpu"];

    /// <summary>The message of the <see cref="DeviceUnavailableException"/> for <c>--device gpu</c> without a CUDA GPU.</summary>
    public const string NoGpuMessage = "--device gpu: no CUDA GPU found by ILGPU (driver/libcuda missing?); use --device cpu or auto";

    /// <summary>
    /// Chooses the device: "cpu" the plain C# <see cref="Numerics.Diffusion.CpuBatchedTridiagonalSolver"/> (no ILGPU
    /// context is created); "gpu" the first CUDA GPU through ILGPU; "auto" CUDA when ILGPU finds one, else cpu;
    /// "ilgpu-cpu" ILGPU's CPU accelerator (runs the GPU kernel as .NET code: for tests and checking kernels without a
    /// GPU). Case and surrounding spaces are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name (the message lists the valid ones).</exception>
    /// <exception cref="DeviceUnavailableException">"gpu" on a machine where ILGPU finds no CUDA GPU.</exception>
    public static DeviceChoice Select(string device)
    {
        string name = device?.Trim().ToLowerInvariant() ?? "";
        switch (name)
        {
            case "cpu":
                return DeviceChoice.Cpu("cpu: plain C# batched Thomas solver");
            case "ilgpu-cpu":
                return DeviceChoice.Ilgpu(IlgpuBackend.CreateCpu(), "ilgpu-cpu: the ILGPU kernel on ILGPU's CPU accelerator (a check, not fast)");
            case "gpu":
            {
                var backend = IlgpuBackend.TryCreateCuda(out string? failure)
                    ?? throw new DeviceUnavailableException(NoGpuMessage, failure);
                return DeviceChoice.Ilgpu(backend, $"gpu: {backend.Name}");
            }
            case "auto":
            {
                var backend = IlgpuBackend.TryCreateCuda(out string? failure);
                return backend is not null
                    ? DeviceChoice.Ilgpu(backend, $"auto: CUDA GPU found by ILGPU, using {backend.Name}")
                    : DeviceChoice.Cpu($"auto: no CUDA GPU found by ILGPU ({failure}), using cpu (plain C# solver)");
            }
            default:
                throw new ArgumentException($"unknown device '{device}': valid names are {string.Join(", ", ValidNames)}", nameof(device));
        }
    }
}
