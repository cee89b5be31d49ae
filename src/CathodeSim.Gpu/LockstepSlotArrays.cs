using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// What each slot of a <see cref="ResidentLockstepBatch"/> asks of one lockstep launch, packed into two small arrays
/// (uploaded together once per launch, O(slots)): per slot the integers (operation, particles of its case, diffusivity
/// table length) and the scalars (hBeta, diffusivity factor, table scale, relative and absolute tolerance).
/// </summary>
internal struct LockstepSlotArrays
{
    /// <summary>Operation code: the slot's case is not in this launch (its arrays are left untouched).</summary>
    public const int Idle = 0;

    /// <summary>Operation code: assemble and forward-eliminate (the per-particle input is the interfacial current).</summary>
    public const int AssembleAndSolveOperation = 1;

    /// <summary>Operation code: back-substitute and update (the per-particle input is the current update).</summary>
    public const int UpdateOperation = 2;

    /// <summary>Integers per slot and their offsets.</summary>
    public const int IntegerStride = 3, OperationOffset = 0, ParticlesOffset = 1, TableLengthOffset = 2;

    /// <summary>Scalars per slot and their offsets.</summary>
    public const int ScalarStride = 5, StepOffset = 0, FactorOffset = 1, TableScaleOffset = 2, RelativeToleranceOffset = 3, AbsoluteToleranceOffset = 4;

    /// <summary>Per-slot integers (slots x <see cref="IntegerStride"/>).</summary>
    public ArrayView<int> Integers;

    /// <summary>Per-slot scalars (slots x <see cref="ScalarStride"/>).</summary>
    public ArrayView<double> Scalars;

    /// <summary>Particles a slot holds (the largest case; smaller ones are padded with particles nobody touches).</summary>
    public int ParticlesPerSlot;

    /// <summary>Diffusivity samples a slot's table range holds.</summary>
    public int TableCapacity;
}
