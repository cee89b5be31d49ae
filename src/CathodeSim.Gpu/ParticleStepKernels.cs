using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// The kernels of the device-resident particle stepper, one thread per particle. They repeat, operation for
/// operation, the arithmetic of <see cref="Numerics.Diffusion.HostAssembledParticleDiffusionStepper"/> (assembly),
/// <see cref="Numerics.Diffusion.CpuBatchedTridiagonalSolver"/> (Thomas) and
/// <see cref="Numerics.Diffusion.UniformLinearTable.Evaluate"/> (D(x)), so that on ILGPU's CPU accelerator the results
/// match the C# path bit for bit; change them together.
/// </summary>
/// <remarks>
/// The per-particle work is in <see cref="AssembleAndSolveParticle"/> and <see cref="UpdateParticle"/>, shared by the
/// single-run kernels (<see cref="AssembleAndSolve"/>, <see cref="Update"/>) and the lockstep kernel
/// (<see cref="LockstepStep"/>), so every path runs the same arithmetic. A particle's shells are addressed as
/// <c>first + s * stride</c>: (s * M + p) for one run, (slot block + s * particles of the case + p) in a lockstep slot.
/// </remarks>
internal static class ParticleStepKernels
{
    /// <summary>One run: assembles and forward-eliminates particle <c>index</c> (see <see cref="AssembleAndSolveParticle"/>).</summary>
    public static void AssembleAndSolve(Index1D index, ParticleStepArrays a, double hBeta, double factor)
    {
        int p = index.X;
        AssembleAndSolveParticle(a, p, p, a.Particles, a.ShellVolumes, a.FaceAreas, a.TableValues, a.TableSlopes, a.TableScale, hBeta, factor);
    }

    /// <summary>One run: back-substitutes and updates particle <c>index</c> (see <see cref="UpdateParticle"/>).</summary>
    public static void Update(Index1D index, ParticleStepArrays a, double relativeTolerance, double absoluteTolerance)
    {
        int p = index.X;
        UpdateParticle(a, p, p, a.Particles, relativeTolerance, absoluteTolerance);
    }

    /// <summary>
    /// A lockstep launch, one thread per (slot, particle) of the batch: each slot does what its case asked for in this
    /// launch (assemble and solve, or update) with its own step, diffusivity table and factor and tolerances; slots that
    /// asked for nothing and padding particles beyond a case's count are left untouched.
    /// </summary>
    public static void LockstepStep(Index1D index, ParticleStepArrays a, LockstepSlotArrays slots)
    {
        int g = index.X, perSlot = slots.ParticlesPerSlot;
        int slot = g / perSlot, p = g - slot * perSlot;
        int operation = slots.Integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.OperationOffset];
        if (operation == LockstepSlotArrays.Idle) return;
        int count = slots.Integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.ParticlesOffset];
        if (p >= count) return;
        int nr = a.Shells;
        int first = slot * perSlot * nr + p;
        int scalars = slot * LockstepSlotArrays.ScalarStride;
        if (operation == LockstepSlotArrays.AssembleAndSolveOperation)
        {
            int tableLength = slots.Integers[slot * LockstepSlotArrays.IntegerStride + LockstepSlotArrays.TableLengthOffset];
            long tableStart = (long)slot * slots.TableCapacity;
            AssembleAndSolveParticle(a, g, first, count,
                a.ShellVolumes.SubView(slot * nr, nr), a.FaceAreas.SubView(slot * (nr + 1), nr + 1),
                a.TableValues.SubView(tableStart, tableLength), a.TableSlopes.SubView(tableStart, tableLength - 1),
                slots.Scalars[scalars + LockstepSlotArrays.TableScaleOffset],
                slots.Scalars[scalars + LockstepSlotArrays.StepOffset], slots.Scalars[scalars + LockstepSlotArrays.FactorOffset]);
        }
        else
        {
            UpdateParticle(a, g, first, count,
                slots.Scalars[scalars + LockstepSlotArrays.RelativeToleranceOffset], slots.Scalars[scalars + LockstepSlotArrays.AbsoluteToleranceOffset]);
        }
    }

    /// <summary>
    /// Assembles particle <paramref name="p"/>'s system row by row (each face's flux computed once, applied to both
    /// shells) and eliminates each row as soon as it is complete: reads x and history, writes the eliminated
    /// super-diagonal and the two forward-swept right-hand sides (5 doubles per row), then the outermost shell's x, u and
    /// w (the forward sweep's last row is already solved). Back substitution is left to <see cref="UpdateParticle"/>,
    /// which needs u and w on every row.
    /// </summary>
    /// <param name="a">The arrays; per-particle vectors are read and written at <paramref name="p"/>.</param>
    /// <param name="p">Index of the particle in the per-particle vectors.</param>
    /// <param name="first">Index of the particle's innermost shell in the M x Nr arrays.</param>
    /// <param name="stride">Distance between consecutive shells of one particle.</param>
    /// <param name="shellVolumes">The run's shell volumes (Nr).</param>
    /// <param name="faceAreas">The run's face areas (Nr + 1).</param>
    /// <param name="tableValues">Diffusivity samples.</param>
    /// <param name="tableSlopes">Their interval slopes.</param>
    /// <param name="tableScale">Intervals per unit stoichiometry.</param>
    /// <param name="hBeta">Effective step, s.</param>
    /// <param name="factor">Diffusivity factor (Arrhenius).</param>
    public static void AssembleAndSolveParticle(ParticleStepArrays a, int p, int first, int stride,
        ArrayView<double> shellVolumes, ArrayView<double> faceAreas, ArrayView<double> tableValues, ArrayView<double> tableSlopes,
        double tableScale, double hBeta, double factor)
    {
        int nr = a.Shells;
        double inverseRadius = a.InverseRadiusSquaredSpacing[p];
        double xl = a.Stoichiometry[first];
        double v = shellVolumes[0];
        // Row s as assembled so far: diagonal, sub-diagonal and residual right-hand side (the flux column is 0 above the surface).
        double b = v, lower = 0, r0 = -v * (xl - a.History[first]), r1 = 0;
        double cPrev = 0, d0Prev = 0, d1Prev = 0;
        for (int s = 0; s < nr; s++)
        {
            int row = first + s * stride;
            double c = 0;
            double bNext = 0, lowerNext = 0, r0Next = 0, xh = 0;
            if (s < nr - 1)
            {
                // Face s + 1 between shells s (lo) and s + 1 (hi): flux F = G (x_hi - x_lo) enters lo, leaves hi.
                int rowHi = row + stride;
                xh = a.Stoichiometry[rowHi];
                double d = Diffusivity(tableValues, tableSlopes, tableScale, 0.5 * (xl + xh), factor, out double dd);
                double area = hBeta * faceAreas[s + 1];
                double scale = area * inverseRadius;
                double g = scale * d, gp = scale * dd;
                double delta = xh - xl;
                double flux = g * delta;
                double dHi = g + 0.5 * gp * delta, dLo = -g + 0.5 * gp * delta;
                r0 += flux;
                b -= dLo;
                c -= dHi;
                double vNext = shellVolumes[s + 1];
                bNext = vNext;
                r0Next = -vNext * (xh - a.History[rowHi]);
                r0Next -= flux;
                bNext += dHi;
                lowerNext += dLo;
            }
            else
            {
                double coefficient = hBeta * a.SurfaceFluxCoefficient[p] * a.ContactRatio[p];
                r0 -= coefficient * a.Current[p];
                r1 = coefficient;
                a.SurfaceShell[p] = xl;
            }
            // Thomas forward sweep on the completed row.
            if (s == 0)
            {
                double inv = 1.0 / b;
                c *= inv;
                r0 *= inv;
                r1 *= inv;
            }
            else
            {
                double inv = 1.0 / (b - lower * cPrev);
                c *= inv;
                r0 = (r0 - lower * d0Prev) * inv;
                r1 = (r1 - lower * d1Prev) * inv;
            }
            a.Upper[row] = c;
            a.Response[row] = r0;
            a.Sensitivity[row] = r1;
            cPrev = c;
            d0Prev = r0;
            d1Prev = r1;
            xl = xh;
            b = bNext;
            lower = lowerNext;
            r0 = r0Next;
            r1 = 0;
        }
        a.SurfaceResponse[p] = d0Prev;
        a.SurfaceSensitivity[p] = d1Prev;
    }

    /// <summary>
    /// Back-substitutes u and w of particle <paramref name="p"/> from the outermost shell inwards and applies
    /// x += u - w di on the way, summing the squared weighted updates into the particle's norm partial (reads 4 doubles
    /// per row, writes 1). Addressing as in <see cref="AssembleAndSolveParticle"/>.
    /// </summary>
    public static void UpdateParticle(ParticleStepArrays a, int p, int first, int stride, double relativeTolerance, double absoluteTolerance)
    {
        int nr = a.Shells;
        double di = a.CurrentUpdate[p];
        int last = first + (nr - 1) * stride;
        double u = a.Response[last], w = a.Sensitivity[last];
        double sum = 0;
        for (int s = nr - 1; s >= 0; s--)
        {
            int row = first + s * stride;
            if (s < nr - 1)
            {
                double cr = a.Upper[row];
                u = a.Response[row] - cr * u;
                w = a.Sensitivity[row] - cr * w;
            }
            double dxv = u - w * di;
            double value = a.Stoichiometry[row] + dxv;
            a.Stoichiometry[row] = value;
            double weighted = dxv / (relativeTolerance * Math.Abs(value) + absoluteTolerance);
            sum += weighted * weighted;
        }
        a.NormPartial[p] = sum;
    }

    /// <summary>The arithmetic of <see cref="Numerics.Diffusion.UniformLinearTable.Evaluate"/> on a device table.</summary>
    private static double Diffusivity(ArrayView<double> values, ArrayView<double> slopes, double scale, double x, double factor, out double slope)
    {
        double s = x * scale;
        if (s <= 0) { slope = 0; return factor * values[0]; }
        if (s >= scale) { slope = 0; return factor * values[values.Length - 1]; }
        int i = (int)s;
        slope = factor * slopes[i];
        return factor * (values[i] + (s - i) * slopes[i] / scale);
    }
}
