using System.Numerics;
using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Impedance;

/// <summary>
/// The small-signal impedance of the discretised cell around any state (spec section 5, numerical route): the same
/// finite-volume equations as the time-domain engine, linearised, with d/dt replaced by j omega and the double layers
/// added, solved per frequency (frequencies in parallel). Each particle is condensed by a complex tridiagonal solve into
/// a faradaic impedance per contacted area; with the double layer in parallel this gives a volumetric admittance per
/// node, and a complex 2x2 block-tridiagonal solve along x gives the electrode; the separator (R || geometric C) and the
/// counter-electrode interface (R_ct || C_dl) are in series.
/// </summary>
public static class NumericalImpedance
{
    /// <summary>A state at rest at uniform stoichiometry <paramref name="x"/> (zero current).</summary>
    public static CellState RestState(CellModel model, double x)
    {
        var state = new CellState(model);
        Array.Fill(state.Stoichiometry, x);
        double ocv = model.OpenCircuitVoltage(x);
        Array.Fill(state.SolidPotential, ocv);
        state.Voltage = ocv;
        return state;
    }

    /// <summary>Cell impedance (ohm) at each frequency (Hz) around <paramref name="state"/>.</summary>
    public static Complex[] Compute(CellModel model, CellState state, ImpedanceParameters parameters, IReadOnlyList<double> frequencies)
    {
        var result = new Complex[frequencies.Count];
        Parallel.For(0, frequencies.Count, n => result[n] = AtFrequency(model, state, parameters, 2 * Math.PI * frequencies[n]));
        return result;
    }

    private static Complex AtFrequency(CellModel m, CellState state, ImpedanceParameters parameters, double omega)
    {
        var jw = new Complex(0, omega);
        int nodes = m.Nodes, nr = m.Shells.Count, np = m.Particles;
        double dr = m.Shells.Spacing, f = m.InverseThermalVoltage, cmax = m.MaxConcentration, faraday = PhysicalConstants.Faraday;
        double[] x = state.Stoichiometry;
        var admittance = new Complex[nodes];
        var a = new Complex[nr];
        var b = new Complex[nr];
        var c = new Complex[nr];
        var w = new Complex[nr];
        for (int p = 0; p < np; p++)
        {
            double radius = m.ParticleRadius[p], ratio = state.ContactRatio[p];
            double invR2dr = 1 / (radius * radius * dr);
            // Shells: jw V (dx) - (linearised diffusion fluxes) = -(theta/(F c_max R)) di on the last row.
            for (int s = 0; s < nr; s++) { a[s] = 0; b[s] = jw * m.Shells.Volumes[s]; c[s] = 0; w[s] = 0; }
            for (int face = 1; face < nr; face++)
            {
                int lo = face - 1, hi = face;
                double xl = x[lo * np + p], xh = x[hi * np + p];
                double d = m.Diffusivity.Evaluate(0.5 * (xl + xh), out double dd);
                double scale = m.Shells.FaceAreas[face] * invR2dr;
                double g = scale * d, gp = scale * dd, delta = xh - xl;
                double dHi = g + 0.5 * gp * delta, dLo = -g + 0.5 * gp * delta;
                b[lo] -= dLo; c[lo] -= dHi;
                b[hi] += dHi; a[hi] += dLo;
            }
            double theta = m.Coverage * ratio;
            w[nr - 1] = theta / (faraday * cmax * radius);
            SolveTridiagonal(a, b, c, w);   // dx = -w di
            // Surface stoichiometry and the Butler-Volmer condition, as in the time-domain step solver.
            double gamma = theta * dr * radius / (2 * faraday * cmax);
            double current = state.InterfacialCurrent[p];
            double raw = SurfaceExtrapolation.Surface(m.Diffusivity, x[(nr - 1) * np + p], gamma, current, out double drawdx, out double drawdi);
            var surface = CellStepSolver.SurfaceState.At(raw);
            double i0 = Math.Exp(Math.Log(2 * m.ExchangeCurrentDensity) + 0.5 * (surface.LogX + surface.LogVacancy));
            double inverseRoot = 1 / Math.Sqrt(4 * i0 * i0 + current * current);
            m.OpenCircuitVoltageLookup.Evaluate(surface.X, out double du);
            double dRdraw = -du * surface.Slope + 2 / f * current * inverseRoot * surface.LogI0Slope;
            double dRdiDirect = -state.FilmResistance[p] - 2 / f * inverseRoot;
            // d(phi_s - phi_e) = Z_f di with dx_last = -w_last di.
            Complex faradaic = -(dRdiDirect + dRdraw * (drawdi - drawdx * w[nr - 1]));
            Complex perArea = 1 / faradaic + jw * parameters.CathodeDoubleLayer;
            admittance[p / m.Bins] += m.ParticleArea[p] * ratio * state.ConnectedFraction[p] * perArea;
        }

        // External branch per area: separator R || C_geo, counter-electrode R_ct || C_dl.
        double separatorThickness = m.Microstructure.SeparatorThickness;
        Complex separator = 1 / (1 / m.SeriesResistance + jw * ImpedanceParameters.VacuumPermittivity * parameters.SeparatorPermittivity / separatorThickness);
        Complex counter = 1 / (m.CounterExchangeCurrentDensity * f + jw * parameters.CounterDoubleLayer);
        Complex external = separator + counter;

        // Node system for a unit applied current density, as the step solver's with S = -y and the forcing on the right.
        double dx = m.NodeWidth;
        var conductivity = new double[nodes];
        for (int j = 0; j < nodes; j++) conductivity[j] = m.ElectronicConductivity(j, Math.Clamp(m.NodeMeanStoichiometry(x, j), 0, 1));
        var gs = new double[nodes + 1];
        for (int j = 1; j < nodes; j++) gs[j] = 1 / (dx / (2 * conductivity[j - 1]) + dx / (2 * conductivity[j]));
        gs[nodes] = 2 * conductivity[nodes - 1] / dx;
        double ge = m.EffectiveIonicConductivity / dx, geBoundary = 2 * m.EffectiveIonicConductivity / dx;
        var lower = new Complex[4 * nodes];
        var diag = new Complex[4 * nodes];
        var upper = new Complex[4 * nodes];
        var rhs = new Complex[2 * nodes];
        for (int j = 0; j < nodes; j++)
        {
            double gsLeft = gs[j], gsRight = j < nodes - 1 ? gs[j + 1] : 0;
            double geLeft = j == 0 ? geBoundary : ge, geRight = j < nodes - 1 ? ge : 0;
            Complex y = dx * admittance[j];
            int o = 4 * j;
            diag[o] = gsLeft + gsRight + y;
            diag[o + 1] = -y;
            diag[o + 2] = -y;
            diag[o + 3] = geLeft + geRight + y;
            if (j > 0) { lower[o] = -gsLeft; lower[o + 3] = -geLeft; }
            if (j < nodes - 1) { upper[o] = -gsRight; upper[o + 3] = -geRight; }
        }
        rhs[2 * (nodes - 1)] = 1;                // electronic current leaves at the collector
        rhs[1] += geBoundary * external;         // the separator side sits at the external branch's potential
        SolveBlockTridiagonal(nodes, lower, diag, upper, rhs);
        Complex voltage = rhs[2 * (nodes - 1)] + 1 / gs[nodes];
        return voltage / m.Design.Area;
    }

    private static void SolveTridiagonal(Complex[] a, Complex[] b, Complex[] c, Complex[] d)
    {
        int n = d.Length;
        for (int i = 1; i < n; i++)
        {
            Complex factor = a[i] / b[i - 1];
            b[i] -= factor * c[i - 1];
            d[i] -= factor * d[i - 1];
        }
        d[n - 1] /= b[n - 1];
        for (int i = n - 2; i >= 0; i--) d[i] = (d[i] - c[i] * d[i + 1]) / b[i];
    }

    /// <summary>Block Thomas elimination with 2x2 complex blocks (row-major), solving in place.</summary>
    private static void SolveBlockTridiagonal(int n, Complex[] l, Complex[] d, Complex[] u, Complex[] r)
    {
        var g = new Complex[4 * n];
        for (int j = 0; j < n; j++)
        {
            int o = 4 * j;
            if (j > 0)
            {
                int p = o - 4;
                d[o] -= l[o] * g[p] + l[o + 1] * g[p + 2];
                d[o + 1] -= l[o] * g[p + 1] + l[o + 1] * g[p + 3];
                d[o + 2] -= l[o + 2] * g[p] + l[o + 3] * g[p + 2];
                d[o + 3] -= l[o + 2] * g[p + 1] + l[o + 3] * g[p + 3];
                r[2 * j] -= l[o] * r[2 * j - 2] + l[o + 1] * r[2 * j - 1];
                r[2 * j + 1] -= l[o + 2] * r[2 * j - 2] + l[o + 3] * r[2 * j - 1];
            }
            Complex det = d[o] * d[o + 3] - d[o + 1] * d[o + 2];
            Complex i00 = d[o + 3] / det, i01 = -d[o + 1] / det, i10 = -d[o + 2] / det, i11 = d[o] / det;
            Complex r0 = r[2 * j], r1 = r[2 * j + 1];
            r[2 * j] = i00 * r0 + i01 * r1;
            r[2 * j + 1] = i10 * r0 + i11 * r1;
            g[o] = i00 * u[o] + i01 * u[o + 2];
            g[o + 1] = i00 * u[o + 1] + i01 * u[o + 3];
            g[o + 2] = i10 * u[o] + i11 * u[o + 2];
            g[o + 3] = i10 * u[o + 1] + i11 * u[o + 3];
        }
        for (int j = n - 2; j >= 0; j--)
        {
            int o = 4 * j;
            r[2 * j] -= g[o] * r[2 * j + 2] + g[o + 1] * r[2 * j + 3];
            r[2 * j + 1] -= g[o + 2] * r[2 * j + 2] + g[o + 3] * r[2 * j + 3];
        }
    }
}
