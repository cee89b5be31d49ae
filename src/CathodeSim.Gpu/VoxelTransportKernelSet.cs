using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Algorithms.ScanReduceOperations;
using ILGPU.Runtime;

namespace CathodeSim.Gpu;

/// <summary>
/// The voxel transport kernels loaded (compiled) once per accelerator, and ILGPU.Algorithms' sum reduction. Made on
/// first use by <see cref="IlgpuBackend.VoxelKernels"/>, so runs that never solve a voxel problem do not compile them.
/// </summary>
internal sealed class VoxelTransportKernelSet
{
    public VoxelTransportKernelSet(Accelerator accelerator)
    {
        ApplyAndProduct = accelerator.LoadAutoGroupedKernel<Index1D, VoxelLevelArrays, ArrayView<double>, ArrayView<double>, ArrayView<double>>(
            VoxelTransportKernels.ApplyAndProduct);
        Residual = accelerator.LoadAutoGroupedKernel<Index1D, VoxelLevelArrays, ArrayView<double>, ArrayView<double>, ArrayView<double>>(
            VoxelTransportKernels.Residual);
        RestrictResidual = accelerator.LoadAutoGroupedKernel<Index1D, VoxelLevelArrays, ArrayView<int>, ArrayView<int>, ArrayView<double>>(
            VoxelTransportKernels.RestrictResidual);
        SmoothFromZero = accelerator.LoadAutoGroupedKernel<Index1D, VoxelLevelArrays, double>(VoxelTransportKernels.SmoothFromZero);
        JacobiUpdate = accelerator.LoadAutoGroupedKernel<Index1D, VoxelLevelArrays, double>(VoxelTransportKernels.JacobiUpdate);
        Prolong = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<int>, ArrayView<double>, ArrayView<double>>(VoxelTransportKernels.Prolong);
        CoarsestSolve = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, VoxelLevelArrays, int>(VoxelTransportKernels.CoarsestSolve);
        UpdateSolutionAndResidual = accelerator.LoadAutoGroupedKernel<Index1D, double, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<double>>(VoxelTransportKernels.UpdateSolutionAndResidual);
        Product = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>>(VoxelTransportKernels.Product);
        Direction = accelerator.LoadAutoGroupedKernel<Index1D, double, ArrayView<double>, ArrayView<double>>(VoxelTransportKernels.Direction);
        Sum = accelerator.CreateReduction<double, Stride1D.Dense, AddDouble>();
    }

    public Action<AcceleratorStream, Index1D, VoxelLevelArrays, ArrayView<double>, ArrayView<double>, ArrayView<double>> ApplyAndProduct { get; }
    public Action<AcceleratorStream, Index1D, VoxelLevelArrays, ArrayView<double>, ArrayView<double>, ArrayView<double>> Residual { get; }
    public Action<AcceleratorStream, Index1D, VoxelLevelArrays, ArrayView<int>, ArrayView<int>, ArrayView<double>> RestrictResidual { get; }
    public Action<AcceleratorStream, Index1D, VoxelLevelArrays, double> SmoothFromZero { get; }
    public Action<AcceleratorStream, Index1D, VoxelLevelArrays, double> JacobiUpdate { get; }
    public Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<double>, ArrayView<double>> Prolong { get; }
    public Action<AcceleratorStream, Index1D, ArrayView<double>, VoxelLevelArrays, int> CoarsestSolve { get; }
    public Action<AcceleratorStream, Index1D, double, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>> UpdateSolutionAndResidual { get; }
    public Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>> Product { get; }
    public Action<AcceleratorStream, Index1D, double, ArrayView<double>, ArrayView<double>> Direction { get; }

    /// <summary>ILGPU.Algorithms' sum of a vector into a one-element output view.</summary>
    public Reduction<double, Stride1D.Dense> Sum { get; }
}
