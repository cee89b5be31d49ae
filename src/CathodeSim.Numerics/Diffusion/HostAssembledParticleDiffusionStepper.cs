using System.Numerics;
using System.Runtime.InteropServices;

namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// The reference particle stepper: assembles the particle systems in plain C# on the host (loops over particles
/// innermost, contiguous), solves them with any <see cref="IBatchedTridiagonalSolver"/> (the C# Thomas solver, a
/// lockstep batch member, or the ILGPU solver that copies whole systems every iteration) and updates x on the host.
/// It iterates on the caller's arrays in place: <see cref="BeginStep"/> and <see cref="EndStep"/> copy nothing.
/// All work arrays are allocated once.
/// </summary>
/// <remarks>
/// The loops over particles run <see cref="Vector{T}.Count"/> particles per operation (the JIT does not vectorise
/// loops by itself), the remainder one at a time; each lane does the scalar code's operations in the same order, and
/// the JIT never contracts a multiply and an add into a fused multiply-add, so the results are the same bit for bit.
/// D(x) is looked up one particle at a time (a table gather) into a scratch row before the vector arithmetic of a face.
/// The arithmetic, operation for operation, is what the device-resident stepper (src/CathodeSim.Gpu) repeats per
/// particle thread; change both together.
/// </remarks>
public sealed class HostAssembledParticleDiffusionStepper : IParticleDiffusionStepper
{
    private readonly IBatchedTridiagonalSolver _solver;
    private readonly BatchedTridiagonalSystems _systems;
    private readonly double[] _surfaceShell, _normPartial, _contactRatio;
    private readonly double[] _faceD, _faceSlope;   // D and dD/dx at one face of every particle (scratch)
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
        _faceD = new double[layout.Particles];
        _faceSlope = new double[layout.Particles];
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
        // Every array is np x nr long (checked by the layout and BatchedTridiagonalSystems): the vector loads and stores
        // below stay within them, so they skip the bounds checks.
        if (x.Length != np * nr || history.Length != np * nr || a.Length != np * nr || invRadiusSquaredSpacing.Length != np)
            throw new InvalidOperationException("particle arrays do not match the layout");
        int width = Vector<double>.Count;
        int vectorEnd = Vector.IsHardwareAccelerated ? np / width * width : 0;
        ref double xRef = ref MemoryMarshal.GetArrayDataReference(x);
        ref double historyRef = ref MemoryMarshal.GetArrayDataReference(history);
        ref double aRef = ref MemoryMarshal.GetArrayDataReference(a);
        ref double bRef = ref MemoryMarshal.GetArrayDataReference(b);
        ref double cRef = ref MemoryMarshal.GetArrayDataReference(c);
        ref double r0Ref = ref MemoryMarshal.GetArrayDataReference(r0);
        ref double r1Ref = ref MemoryMarshal.GetArrayDataReference(r1);
        for (int s = 0; s < nr; s++)
        {
            double v = volumes[s];
            int row = s * np;
            var vv = new Vector<double>(v);
            int p = 0;
            for (; p < vectorEnd; p += width)
            {
                nuint i = (nuint)(row + p);
                Vector.StoreUnsafe(vv, ref bRef, i);
                Vector.StoreUnsafe(Vector<double>.Zero, ref aRef, i);
                Vector.StoreUnsafe(Vector<double>.Zero, ref cRef, i);
                Vector.StoreUnsafe(-vv * (Vector.LoadUnsafe(ref xRef, i) - Vector.LoadUnsafe(ref historyRef, i)), ref r0Ref, i);
                Vector.StoreUnsafe(Vector<double>.Zero, ref r1Ref, i);
            }
            for (; p < np; p++)
            {
                int i = row + p;
                b[i] = v;
                a[i] = 0;
                c[i] = 0;
                r0[i] = -v * (x[i] - history[i]);
                r1[i] = 0;
            }
        }
        double[] faceD = _faceD, faceSlope = _faceSlope;
        ref double invRef = ref MemoryMarshal.GetArrayDataReference(invRadiusSquaredSpacing);
        ref double faceDRef = ref MemoryMarshal.GetArrayDataReference(faceD);
        ref double faceSlopeRef = ref MemoryMarshal.GetArrayDataReference(faceSlope);
        var half = new Vector<double>(0.5);
        // Interior faces f = 1..Nr-1 between shells f-1 (lo) and f (hi): flux F = G (x_hi - x_lo) enters lo, leaves hi.
        for (int f = 1; f < nr; f++)
        {
            double area = hBeta * faces[f];
            int lo = (f - 1) * np, hi = f * np;
            for (int p = 0; p < np; p++)
                faceD[p] = table.Evaluate(0.5 * (x[lo + p] + x[hi + p]), factor, out faceSlope[p]);
            var areaV = new Vector<double>(area);
            int q = 0;
            for (; q < vectorEnd; q += width)
            {
                nuint pl = (nuint)(lo + q), ph = (nuint)(hi + q), pq = (nuint)q;
                var xl = Vector.LoadUnsafe(ref xRef, pl);
                var xh = Vector.LoadUnsafe(ref xRef, ph);
                var scale = areaV * Vector.LoadUnsafe(ref invRef, pq);
                var g = scale * Vector.LoadUnsafe(ref faceDRef, pq);
                var gp = scale * Vector.LoadUnsafe(ref faceSlopeRef, pq);
                var delta = xh - xl;
                var flux = g * delta;
                var bend = half * gp * delta;
                var dHi = g + bend;
                var dLo = -g + bend;
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref r0Ref, pl) + flux, ref r0Ref, pl);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref bRef, pl) - dLo, ref bRef, pl);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref cRef, pl) - dHi, ref cRef, pl);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref r0Ref, ph) - flux, ref r0Ref, ph);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref bRef, ph) + dHi, ref bRef, ph);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref aRef, ph) + dLo, ref aRef, ph);
            }
            for (int p = q; p < np; p++)
            {
                double xl = x[lo + p], xh = x[hi + p];
                double d = faceD[p], dd = faceSlope[p];
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
        if (x.Length != np * nr || u.Length != np * nr || w.Length != np * nr || currentUpdate.Length != np)
            throw new InvalidOperationException("particle arrays do not match the layout");
        int width = Vector<double>.Count;
        int vectorEnd = Vector.IsHardwareAccelerated ? np / width * width : 0;
        ref double xRef = ref MemoryMarshal.GetArrayDataReference(x);
        ref double uRef = ref MemoryMarshal.GetArrayDataReference(u);
        ref double wRef = ref MemoryMarshal.GetArrayDataReference(w);
        ref double partialRef = ref MemoryMarshal.GetArrayDataReference(partial);
        ref double diRef = ref MemoryMarshal.GetReference(currentUpdate);
        var rtol = new Vector<double>(relativeTolerance);
        var atol = new Vector<double>(absoluteTolerance);
        // Outermost shell first: the device stepper back-substitutes in this order and sums as it goes.
        for (int s = nr - 1; s >= 0; s--)
        {
            int row = s * np;
            int p = 0;
            for (; p < vectorEnd; p += width)
            {
                nuint i = (nuint)(row + p), pp = (nuint)p;
                var dxv = Vector.LoadUnsafe(ref uRef, i) - Vector.LoadUnsafe(ref wRef, i) * Vector.LoadUnsafe(ref diRef, pp);
                var value = Vector.LoadUnsafe(ref xRef, i) + dxv;
                Vector.StoreUnsafe(value, ref xRef, i);
                var weighted = dxv / (rtol * Vector.Abs(value) + atol);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref partialRef, pp) + weighted * weighted, ref partialRef, pp);
            }
            for (; p < np; p++)
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
