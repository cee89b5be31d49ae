namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// The reference particle stepper: assembles the particle systems in plain C# on the host (loops over particles
/// innermost, contiguous), solves them with any <see cref="IBatchedTridiagonalSolver"/> (the C# Thomas solver, a
/// lockstep batch member, or the ILGPU solver that copies whole systems every iteration) and updates x on the host.
/// It iterates on the caller's arrays in place: <see cref="BeginStep"/> and <see cref="EndStep"/> copy nothing.
/// All work arrays are allocated once.
/// </summary>
/// <remarks>
/// The arithmetic, operation for operation, is what the device-resident stepper (src/CathodeSim.Gpu) repeats per
/// particle thread; change both together.
/// </remarks>
public sealed class HostAssembledParticleDiffusionStepper : IParticleDiffusionStepper
{
    private readonly IBatchedTridiagonalSolver _solver;
    private readonly BatchedTridiagonalSystems _systems;
    private readonly double[] _surfaceShell, _normPartial, _contactRatio;
    private UniformLinearTable? _table;
    private double _factor, _hBeta;
    private double[]? _x, _history;

    /// <summary>Creates the stepper for <paramref name="layout"/>, solving through <paramref name="solver"/>.</summary>
    public HostAssembledParticleDiffusionStepper(ParticleDiffusionLayout layout, IBatchedTridiagonalSolver solver)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _solver = solver ?? throw new ArgumentNullException(nameof(solver));
        _systems = new BatchedTridiagonalSystems(layout.Particles, layout.Shells, 2);
        _surfaceShell = new double[layout.Particles];
        _normPartial = new double[layout.Particles];
        _contactRatio = new double[layout.Particles];
    }

    /// <inheritdoc />
    public string Name => $"host-assembled({_solver.Name})";

    /// <inheritdoc />
    public ParticleDiffusionLayout Layout { get; }

    /// <inheritdoc />
    public void SetDiffusivity(UniformLinearTable table, double factor)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _factor = factor;
    }

    /// <inheritdoc />
    public void BeginStep(double[] stoichiometry, double[] history, ReadOnlySpan<double> contactRatio, double hBeta)
    {
        int length = Layout.Particles * Layout.Shells;
        if (stoichiometry.Length != length || history.Length != length || contactRatio.Length != Layout.Particles)
            throw new ArgumentException($"expected {Layout.Particles} particles x {Layout.Shells} shells");
        if (_table is null) throw new InvalidOperationException("SetDiffusivity must be called before the first step");
        _x = stoichiometry;
        _history = history;
        contactRatio.CopyTo(_contactRatio);
        _hBeta = hBeta;
    }

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceShell => _surfaceShell;

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceResponse => new(_systems.Rhs[0], (Layout.Shells - 1) * Layout.Particles, Layout.Particles);

    /// <inheritdoc />
    public ReadOnlySpan<double> SurfaceSensitivity => new(_systems.Rhs[1], (Layout.Shells - 1) * Layout.Particles, Layout.Particles);

    /// <inheritdoc />
    public void AssembleAndSolve(ReadOnlySpan<double> current)
    {
        double[] x = _x ?? throw new InvalidOperationException("BeginStep first");
        double[] history = _history!;
        var table = _table!;
        double factor = _factor, hBeta = _hBeta;
        int np = Layout.Particles, nr = Layout.Shells;
        double[] a = _systems.Lower, b = _systems.Diagonal, c = _systems.Upper;
        double[] r0 = _systems.Rhs[0], r1 = _systems.Rhs[1];
        double[] volumes = Layout.ShellVolumes, faces = Layout.FaceAreas, invRadiusSquaredSpacing = Layout.InverseRadiusSquaredSpacing;
        for (int s = 0; s < nr; s++)
        {
            double v = volumes[s];
            int row = s * np;
            for (int p = 0; p < np; p++)
            {
                int i = row + p;
                b[i] = v;
                a[i] = 0;
                c[i] = 0;
                r0[i] = -v * (x[i] - history[i]);
                r1[i] = 0;
            }
        }
        // Interior faces f = 1..Nr-1 between shells f-1 (lo) and f (hi): flux F = G (x_hi - x_lo) enters lo, leaves hi.
        for (int f = 1; f < nr; f++)
        {
            double area = hBeta * faces[f];
            int lo = (f - 1) * np, hi = f * np;
            for (int p = 0; p < np; p++)
            {
                double xl = x[lo + p], xh = x[hi + p];
                double d = table.Evaluate(0.5 * (xl + xh), factor, out double dd);
                double scale = area * invRadiusSquaredSpacing[p];
                double g = scale * d, gp = scale * dd;
                double delta = xh - xl;
                double flux = g * delta;
                double dHi = g + 0.5 * gp * delta, dLo = -g + 0.5 * gp * delta;
                // residual_lo = v(x-hist) - F ; residual_hi = v(x-hist) + F ; rhs holds minus the residual.
                r0[lo + p] += flux;
                b[lo + p] -= dLo;
                c[lo + p] -= dHi;
                r0[hi + p] -= flux;
                b[hi + p] += dHi;
                a[hi + p] += dLo;
            }
        }
        int last = (nr - 1) * np;
        double[] surfaceFluxCoefficient = Layout.SurfaceFluxCoefficient;
        for (int p = 0; p < np; p++)
        {
            double coefficient = hBeta * surfaceFluxCoefficient[p] * _contactRatio[p];
            r0[last + p] -= coefficient * current[p];
            r1[last + p] = coefficient;
        }
        Array.Copy(x, last, _surfaceShell, 0, np);
        _solver.Solve(_systems);
    }

    /// <inheritdoc />
    public double Update(ReadOnlySpan<double> currentUpdate, double relativeTolerance, double absoluteTolerance)
    {
        double[] x = _x ?? throw new InvalidOperationException("BeginStep first");
        int np = Layout.Particles, nr = Layout.Shells;
        double[] u = _systems.Rhs[0], w = _systems.Rhs[1], partial = _normPartial;
        Array.Clear(partial);
        // Outermost shell first: the device stepper back-substitutes in this order and sums as it goes.
        for (int s = nr - 1; s >= 0; s--)
        {
            int row = s * np;
            for (int p = 0; p < np; p++)
            {
                double dxv = u[row + p] - w[row + p] * currentUpdate[p];
                double value = x[row + p] + dxv;
                x[row + p] = value;
                double weighted = dxv / (relativeTolerance * Math.Abs(value) + absoluteTolerance);
                partial[p] += weighted * weighted;
            }
        }
        double sum = 0;
        for (int p = 0; p < np; p++) sum += partial[p];
        return Math.Sqrt(sum / (np * nr));
    }

    /// <inheritdoc />
    public void EndStep(double[] stoichiometry)
    {
        double[] x = _x ?? throw new InvalidOperationException("BeginStep first");
        if (!ReferenceEquals(x, stoichiometry)) x.CopyTo(stoichiometry, 0);
        _x = null;
        _history = null;
    }
}
