using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Gpu;

/// <summary>
/// One run's particle stepper in a slot of a <see cref="ResidentLockstepBatch"/>: the resident stepper's operations,
/// with <see cref="AssembleAndSolve"/> and <see cref="Update"/> joining the batch's next launch (the calling thread waits
/// there for every other joined case) and the step's start and end copied straight into and out of the slot. As an
/// <see cref="IResidentParticleHistory"/> it keeps the run's BDF points, predictor and history combination in the slot
/// too, so a step moves O(M) (its own small launches on the member's stream, outside the barrier, like its copies).
/// </summary>
internal sealed class ResidentLockstepStepper : IParticleDiffusionStepper, IResidentParticleHistory
{
    private readonly ResidentLockstepBatch.Member _member;
    private bool _hasTable, _inStep, _haveNewest;

    internal ResidentLockstepStepper(ResidentLockstepBatch.Member member, ParticleDiffusionLayout layout)
    {
        _member = member;
        Layout = layout;
    }

    /// <inheritdoc />
    public string Name => $"resident-lockstep({_member.BackEndName})";

    /// <inheritdoc />
    public ParticleDiffusionLayout Layout { get; }

    /// <inheritdoc />
    public void SetDiffusivity(UniformLinearTable table, double factor)
    {
        ArgumentNullException.ThrowIfNull(table);
        _member.SetDiffusivity(table, factor);
        _hasTable = true;
    }

    /// <inheritdoc />
    public void BeginStep(double[] stoichiometry, double[] history, ReadOnlySpan<double> contactRatio, double hBeta)
    {
        long length = (long)Layout.Particles * Layout.Shells;
        if (stoichiometry.Length != length || history.Length != length || contactRatio.Length != Layout.Particles)
            throw new ArgumentException($"expected {Layout.Particles} particles x {Layout.Shells} shells");
        if (!_hasTable) throw new InvalidOperationException("SetDiffusivity must be called before the first step");
        _member.BeginStep(Layout.Particles, stoichiometry, history, contactRatio, hBeta);
        _inStep = true;
    }

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceShell => _member.SurfaceShell(Layout.Particles);

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceResponse => _member.SurfaceResponse(Layout.Particles);

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceSensitivity => _member.SurfaceSensitivity(Layout.Particles);

    /// <inheritdoc />
    public void AssembleAndSolve(ReadOnlySpan<double> current)
    {
        RequireStep(current.Length);
        _member.Launch(LockstepSlotArrays.AssembleAndSolveOperation, current);
    }

    /// <inheritdoc />
    public double Update(ReadOnlySpan<double> currentUpdate, double relativeTolerance, double absoluteTolerance)
    {
        RequireStep(currentUpdate.Length);
        _member.SetTolerances(relativeTolerance, absoluteTolerance);
        _member.Launch(LockstepSlotArrays.UpdateOperation, currentUpdate);
        // Summed over particles in order, as every stepper does.
        var partial = _member.NormPartial(Layout.Particles);
        double sum = 0;
        for (int p = 0; p < partial.Length; p++) sum += partial[p];
        return Math.Sqrt(sum / (Layout.Particles * Layout.Shells));
    }

    /// <inheritdoc />
    public void EndStep(double[] stoichiometry)
    {
        if (!_inStep) throw new InvalidOperationException("BeginStep first");
        if (stoichiometry.Length != (long)Layout.Particles * Layout.Shells) throw new ArgumentException($"expected {Layout.Particles} particles x {Layout.Shells} shells");
        _member.EndStep(Layout.Particles, stoichiometry);
        _inStep = false;
    }

    /// <inheritdoc />
    public void LoadNewest(ReadOnlySpan<double> stoichiometry)
    {
        if (stoichiometry.Length != (long)Layout.Particles * Layout.Shells) throw new ArgumentException($"expected {Layout.Particles} particles x {Layout.Shells} shells");
        _member.LoadNewest(stoichiometry);
        _haveNewest = true;
    }

    /// <inheritdoc />
    public void Prepare(BdfStepWeights weights)
    {
        if (!_haveNewest) throw new InvalidOperationException("LoadNewest first");
        if (weights.Points is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(weights), "1 to 3 points");
        _member.Prepare(weights);
    }

    /// <inheritdoc />
    public void BeginPredictedStep(ReadOnlySpan<double> contactRatio, double hBeta)
    {
        if (contactRatio.Length != Layout.Particles) throw new ArgumentException($"expected {Layout.Particles} particles");
        if (!_hasTable) throw new InvalidOperationException("SetDiffusivity must be called before the first step");
        _member.BeginPredictedStep(contactRatio, hBeta);
        _inStep = true;
    }

    /// <inheritdoc />
    public void EndPredictedStep(Span<double> surfaceShell)
    {
        if (!_inStep) throw new InvalidOperationException("BeginPredictedStep first");
        if (surfaceShell.Length != Layout.Particles) throw new ArgumentException($"expected {Layout.Particles} values");
        _member.EndPredictedStep(surfaceShell);
        _inStep = false;
    }

    /// <inheritdoc />
    public double ErrorNorm(double relativeTolerance, double absoluteTolerance) => _member.ErrorNorm(relativeTolerance, absoluteTolerance);

    /// <inheritdoc />
    public void Accept()
    {
        if (_inStep) throw new InvalidOperationException("end the step first");
        _member.Accept();
    }

    /// <inheritdoc />
    public void DownloadNewest(Span<double> stoichiometry)
    {
        if (stoichiometry.Length != (long)Layout.Particles * Layout.Shells) throw new ArgumentException($"expected {Layout.Particles} particles x {Layout.Shells} shells");
        _member.DownloadNewest(stoichiometry);
    }

    /// <inheritdoc />
    public void WeightedSums(ParticleField field, ReadOnlySpan<double> particleWeights, ReadOnlySpan<double> shellWeights, Span<double> sums) =>
        _member.WeightedSums(field, particleWeights, shellWeights, sums);

    private void RequireStep(int length)
    {
        if (!_inStep) throw new InvalidOperationException("BeginStep first");
        if (length != Layout.Particles) throw new ArgumentException($"expected {Layout.Particles} values, got {length}");
    }
}
