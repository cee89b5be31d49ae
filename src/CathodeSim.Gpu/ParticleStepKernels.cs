using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// The two kernels of the device-resident particle stepper, one thread per particle. They repeat, operation for
/// operation, the arithmetic of <see cref="Numerics.Diffusion.HostAssembledParticleDiffusionStepper"/> (assembly),
/// <see cref="Numerics.Diffusion.CpuBatchedTridiagonalSolver"/> (Thomas) and
/// <see cref="Numerics.Diffusion.UniformLinearTable.Evaluate"/> (D(x)), so that on ILGPU's CPU accelerator the results
/// match the C# path bit for bit; change them together.
/// </summary>
internal static class ParticleStepKernels
{
    /// <summary>
    /// Assembles the particle's system row by row (each face's flux computed once, applied to both shells) and
    /// eliminates each row as soon as it is complete: reads x and history, writes the eliminated super-diagonal and the
    /// two forward-swept right-hand sides (5 doubles per row), then the outermost shell's x, u and w (the forward sweep's
    /// last row is already solved). Back substitution is left to <see cref="Update"/>, which needs u and w on every row.
    /// </summary>
    public static void AssembleAndSolve(Index1D index, ParticleStepArrays a, double hBeta, double factor)
    {
        int p = index.X, m = a.Particles, nr = a.Shells;
        double inverseRadius = a.InverseRadiusSquaredSpacing[p];
        double xl = a.Stoichiometry[p];
        double v = a.ShellVolumes[0];
        // Row s as assembled so far: diagonal, sub-diagonal and residual right-hand side (the flux column is 0 above the surface).
        double b = v, lower = 0, r0 = -v * (xl - a.History[p]), r1 = 0;
        double cPrev = 0, d0Prev = 0, d1Prev = 0;
        for (int s = 0; s < nr; s++)
        {
            int row = s * m + p;
            double c = 0;
            double bNext = 0, lowerNext = 0, r0Next = 0, xh = 0;
            if (s < nr - 1)
            {
                // Face s + 1 between shells s (lo) and s + 1 (hi): flux F = G (x_hi - x_lo) enters lo, leaves hi.
                int rowHi = row + m;
                xh = a.Stoichiometry[rowHi];
                double d = Diffusivity(a, 0.5 * (xl + xh), factor, out double dd);
                double area = hBeta * a.FaceAreas[s + 1];
                double scale = area * inverseRadius;
                double g = scale * d, gp = scale * dd;
                double delta = xh - xl;
                double flux = g * delta;
                double dHi = g + 0.5 * gp * delta, dLo = -g + 0.5 * gp * delta;
                r0 += flux;
                b -= dLo;
                c -= dHi;
                double vNext = a.ShellVolumes[s + 1];
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
    /// Back-substitutes u and w from the outermost shell inwards and applies x += u - w di on the way, summing the
    /// squared weighted updates into the particle's norm partial (reads 4 doubles per row, writes 1).
    /// </summary>
    public static void Update(Index1D index, ParticleStepArrays a, double relativeTolerance, double absoluteTolerance)
    {
        int p = index.X, m = a.Particles, nr = a.Shells;
        double di = a.CurrentUpdate[p];
        int last = (nr - 1) * m + p;
        double u = a.Response[last], w = a.Sensitivity[last];
        double sum = 0;
        for (int s = nr - 1; s >= 0; s--)
        {
            int row = s * m + p;
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

    /// <summary>The arithmetic of <see cref="Numerics.Diffusion.UniformLinearTable.Evaluate"/> on the device table.</summary>
    private static double Diffusivity(ParticleStepArrays a, double x, double factor, out double slope)
    {
        double scale = a.TableScale;
        double s = x * scale;
        if (s <= 0) { slope = 0; return factor * a.TableValues[0]; }
        if (s >= scale) { slope = 0; return factor * a.TableValues[a.TableValues.Length - 1]; }
        int i = (int)s;
        slope = factor * a.TableSlopes[i];
        return factor * (a.TableValues[i] + (s - i) * a.TableSlopes[i] / scale);
    }
}
