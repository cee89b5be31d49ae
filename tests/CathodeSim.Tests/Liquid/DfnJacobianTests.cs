using CathodeSim.IO.Config;
using CathodeSim.Model.Dfn;
using Xunit;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Liquid;

/// <summary>
/// The DFN Newton Jacobian is assembled analytically; these tests hold it against the finite-difference Jacobian of the
/// same residual (the former method, still behind DfnSystem.FiniteDifferenceJacobian), entry by entry, at states away
/// from rest, for BDF steps and for the pinned (quasi-static) equations, and check that both Jacobians lead Newton to
/// the same solution.
/// </summary>
public sealed class DfnJacobianTests(ITestOutputHelper output)
{
    private static LiquidCell Coin()
    {
        var setup = ConfigLoader.LoadAnyMode(RepositoryPaths.File("configs", "liquid", "s-ncm-coin.yaml"), ["numerics.size_bins=2"]).Setup;
        return setup.Liquid!.Cell with { InitialStoichiometry = 0.4 };
    }

    /// <summary>A consistent start, then <paramref name="steps"/> implicit Euler steps of <paramref name="h"/> at <paramref name="current"/>: (state, previous state).</summary>
    private static (double[] Y, double[] Previous) Run(DfnSystem system, double current, double h, int steps)
    {
        var y = system.RestState();
        var rest = (double[])y.Clone();
        Assert.True(system.Step(y, rest, double.PositiveInfinity, 0));
        var previous = y;
        for (int n = 0; n < steps; n++)
        {
            var next = (double[])y.Clone();
            Assert.True(system.Step(next, y, h, current), $"Newton failed at step {n}");
            previous = y;
            y = next;
        }
        return (y, previous);
    }

    /// <summary>
    /// Compares the two Jacobians entry by entry. The finite-difference entry (row r, column c) carries a rounding error
    /// of about 1e-16 times the size of row r's terms over its step 1e-7 s_c (s_c = max(|y_c|, scale of c)), and a
    /// truncation error of order 1e-7 relative: the bound is 1e-5 of the entry plus 1e-6 of the row's largest
    /// |J[r, c']| s_c' over s_c.
    /// </summary>
    private void AssertJacobiansAgree(DfnSystem system, double[] y, double[] history, double hBeta, double current, string label)
    {
        var (rows, fd) = system.JacobianColumns(y, history, hBeta, current, finiteDifference: true);
        var (_, analytic) = system.JacobianColumns(y, history, hBeta, current, finiteDifference: false);
        var rowScale = new double[system.Size];
        var scale = new double[system.Size];
        for (int c = 0; c < system.Size; c++)
        {
            scale[c] = system.PerturbationScale(c, y);
            for (int t = 0; t < rows[c].Length; t++)
                rowScale[rows[c][t]] = Math.Max(rowScale[rows[c][t]], Math.Abs(fd[c][t]) * scale[c]);
        }
        double worst = 0, largestRelative = 0;
        int compared = 0;
        for (int c = 0; c < system.Size; c++)
            for (int t = 0; t < rows[c].Length; t++)
            {
                int r = rows[c][t];
                double a = analytic[c][t], f = fd[c][t];
                double bound = 1e-5 * Math.Max(Math.Abs(a), Math.Abs(f)) + 1e-6 * rowScale[r] / scale[c];
                Assert.True(double.IsFinite(a), $"{label}: J[{r}, {c}] = {a}");
                Assert.True(Math.Abs(a - f) <= bound, $"{label}: J[{r}, {c}] analytic {a:R}, finite difference {f:R}, bound {bound:G3}");
                worst = Math.Max(worst, Math.Abs(a - f) / bound);
                if (Math.Abs(f) * scale[c] > 1e-3 * rowScale[r]) largestRelative = Math.Max(largestRelative, Math.Abs(a - f) / Math.Abs(f));
                compared++;
            }
        output.WriteLine($"{label}: {compared} entries, worst |analytic - fd| / bound = {worst:G3}, largest relative difference of the significant entries {largestRelative:G3}");
    }

    [Fact]
    public void The_analytic_Jacobian_matches_the_FiniteDifference_one_mid_discharge_in_the_coin_cell_for_steps_and_the_pinned_equations()
    {
        var cell = Coin();
        var system = new DfnSystem(cell, new DfnGrid(8, 10, 10), 298.15);
        double current = -cell.OneCCurrent / cell.Area;
        var (y, previous) = Run(system, current, 90.0, 12); // 1C for 1080 s from x = 0.4
        AssertJacobiansAgree(system, y, previous, 90.0, current, "coin, 1C step");
        AssertJacobiansAgree(system, y, previous, double.PositiveInfinity, current, "coin, pinned");
        // A state off the solution (the step's start against its end) and a 3C charge current.
        AssertJacobiansAgree(system, previous, y, 5.0, -3 * current, "coin, off-solution, 3C charge");
    }

    [Fact]
    public void The_analytic_Jacobian_matches_the_FiniteDifference_one_with_interphase_films_on_the_cathode_particles()
    {
        // The film's j R_f term of the kinetic rows: a different film per volume and bin (as ageing leaves them).
        var cell = Coin() with { CathodeFilmResistance = 5e-3 };
        var system = new DfnSystem(cell, new DfnGrid(8, 10, 10), 298.15);
        for (int i = system.FirstCathodeNode; i < system.Nodes; i++)
            for (int k = 0; k < system.Bins; k++) system.SetFilmResistance(i, k, 5e-3 * (1 + 0.3 * (i - system.FirstCathodeNode) + k));
        double current = -cell.OneCCurrent / cell.Area;
        var (y, previous) = Run(system, current, 90.0, 8);
        AssertJacobiansAgree(system, y, previous, 90.0, current, "coin with films, 1C step");
        AssertJacobiansAgree(system, y, previous, double.PositiveInfinity, current, "coin with films, pinned");
    }

    [Fact]
    public void The_analytic_Jacobian_matches_the_FiniteDifference_one_where_the_lithium_boundary_concentration_is_clamped()
    {
        // On charge the Dirichlet concentration at the lithium metal, c0 + d0 (1 - t+) i_e / (F D), falls; at ten times
        // the current that takes it to zero it sits on its floor, where its derivative is 0.
        var cell = Coin();
        var system = new DfnSystem(cell, new DfnGrid(8, 10, 10), 298.15);
        double current = -cell.OneCCurrent / cell.Area;
        var (y, previous) = Run(system, current, 60.0, 5);
        var el = cell.Electrolyte;
        double c0 = y[system.Concentration(0)];
        double d0 = system.Thickness(0) / 2, D0 = Math.Pow(system.Porosity(0), cell.SeparatorBruggeman) * el.Diffusivity(c0, 298.15);
        double clamping = 10 * c0 * 96485.33212 * D0 / (d0 * (1 - el.Transference(c0, 298.15)));
        AssertJacobiansAgree(system, y, previous, 60.0, clamping, "coin, clamped cb");
        AssertJacobiansAgree(system, y, previous, double.PositiveInfinity, clamping, "coin, clamped cb, pinned");
    }

    [Fact]
    public void The_analytic_Jacobian_matches_the_FiniteDifference_one_in_the_Marquis_full_cell_for_steps_and_the_pinned_equations()
    {
        var cell = DfnFullCellTests.Marquis().Liquid!.Cell;
        var system = new DfnSystem(cell, new DfnGrid(8, 10, 10, 12), 298.15);
        double current = -cell.OneCCurrent / cell.Area;
        var (y, previous) = Run(system, current, 120.0, 12); // 1C for 1440 s
        AssertJacobiansAgree(system, y, previous, 120.0, current, "Marquis, 1C step");
        AssertJacobiansAgree(system, y, previous, double.PositiveInfinity, current, "Marquis, pinned");
        AssertJacobiansAgree(system, previous, y, 3.0, -2 * current, "Marquis, off-solution, 2C charge");
    }

    [Fact]
    public void The_analytic_current_derivative_matches_the_FiniteDifference_of_the_residual_in_the_current()
    {
        // (The full cell's first Newton solve from rest does not converge at 60 s steps, with either Jacobian; 120 s does.)
        foreach (var (cell, grid, h) in new[] { (Coin(), new DfnGrid(8, 10, 10), 60.0), (DfnFullCellTests.Marquis().Liquid!.Cell, new DfnGrid(8, 10, 10, 12), 120.0) })
        {
            var system = new DfnSystem(cell, grid, 298.15);
            double current = -cell.OneCCurrent / cell.Area;
            var (y, previous) = Run(system, current, h, 5);
            foreach (double hBeta in new[] { h, double.PositiveInfinity })
            {
                var w = system.CurrentColumn(y, hBeta, current);
                double dI = 1e-6 * Math.Abs(current);
                var r0 = new double[system.Size];
                var r1 = new double[system.Size];
                system.Residual(y, previous, hBeta, current - dI, r0);
                system.Residual(y, previous, hBeta, current + dI, r1);
                for (int q = 0; q < system.Size; q++)
                {
                    double f = (r1[q] - r0[q]) / (2 * dI);
                    Assert.True(Math.Abs(w[q] - f) <= 1e-6 * Math.Abs(f) + 1e-9 * Math.Max(1, Math.Abs(r0[q]) / dI),
                        $"dR[{q}]/dI analytic {w[q]:R}, central difference {f:R}");
                }
            }
        }
    }

    [Fact]
    public void Newton_with_the_analytic_Jacobian_reaches_the_IndependentSolution_of_the_finite_difference_one()
    {
        // The Jacobian changes only Newton's path: the same BDF steps from the same start agree to the Newton tolerance.
        var cell = Coin();
        double current = -cell.OneCCurrent / cell.Area;
        var analytic = new DfnSystem(cell, new DfnGrid(8, 10, 10), 298.15);
        var fd = new DfnSystem(cell, new DfnGrid(8, 10, 10), 298.15) { FiniteDifferenceJacobian = true };
        var (ya, _) = Run(analytic, current, 60.0, 20);
        var (yf, _) = Run(fd, current, 60.0, 20);
        double worst = 0;
        for (int q = 0; q < ya.Length; q++) worst = Math.Max(worst, Math.Abs(ya[q] - yf[q]) / analytic.PerturbationScale(q, yf));
        output.WriteLine($"largest scaled difference {worst:G3}; Newton iterations {analytic.NewtonIterations} (analytic) vs {fd.NewtonIterations} (finite difference), factorisations {analytic.Factorisations} vs {fd.Factorisations}");
        Assert.True(worst < 1e-8, $"solutions differ by {worst:G3} (scaled)");
        Assert.Equal(analytic.Voltage(yf, current), analytic.Voltage(ya, current), 1e-8);
    }
}
