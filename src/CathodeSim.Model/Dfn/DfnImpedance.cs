using System.Numerics;
using CathodeSim.Numerics.LinearAlgebra;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// Small-signal impedance of the discretised liquid-electrolyte (DFN) cell around a state at open circuit (the numerical
/// route of docs/model.md): the finite-volume equations of <see cref="DfnSystem.Residual"/>, linearised
/// (<see cref="DfnSystem.Linearise"/>: M dy/dt + J dy + b dI = 0), with d/dt replaced by j omega and double layers added,
/// solved per frequency by a complex banded LU (frequencies in parallel):
/// (J + j omega (M + C_dl)) dy = -(b_collector + b_Li / (1 + j omega R_ct,Li C_Li)) dI, Z = (dy[V] + dV/dI) / dI / area.
/// <para>
/// Double layers. In each electrode volume the interfacial current that enters the charge balances (the phi_e and phi_s
/// rows) becomes a (j + C_dl j omega (dphi_s - dphi_e)); the salt balance keeps the faradaic a j / F only, i.e. the
/// double layer is taken as salt-neutral (its charge held by a local rearrangement of both ions). That is a modelling
/// choice, and treatments differ on it; it matters only where the double layer carries current while the salt responds,
/// i.e. between the charge-transfer arc and the diffusion branch. At the lithium metal the double layer is in parallel
/// with the linearised Butler-Volmer resistance R_ct = 2RT/F / sqrt(4 i0^2 + I^2): the faradaic part of the current is
/// dI / (1 + j omega R_ct C), and the lithium boundary rows (the interface overpotential and the Li+ flux into the electrolyte) see only that part. This is the
/// exact linearisation at zero current, where the boundary's dependence on the concentration (through i0) drops out;
/// the spectrum is therefore computed at open circuit only: a state left by a current step (no relaxation) first has its
/// algebraic unknowns re-solved at zero current, the concentrations kept (the instant after the current stops).
/// </para>
/// </summary>
public static class DfnImpedance
{
    /// <summary>Cell impedance, ohm (positive real part: a charging current raises the voltage), at each frequency (Hz) around the open-circuit state <paramref name="y"/>.</summary>
    public static Complex[] Compute(DfnSystem system, double[] y, DfnDoubleLayers doubleLayers, IReadOnlyList<double> frequencies)
    {
        var specific = ComputeSpecific(system, y, doubleLayers, frequencies);
        double area = system.Cell.Area;
        return specific.Select(z => z / area).ToArray();
    }

    /// <summary>Impedance per electrode area, ohm m^2, at each frequency (Hz) around the open-circuit state <paramref name="y"/>.</summary>
    public static Complex[] ComputeSpecific(DfnSystem system, double[] y, DfnDoubleLayers doubleLayers, IReadOnlyList<double> frequencies)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(doubleLayers);
        ArgumentNullException.ThrowIfNull(frequencies);
        var open = (double[])y.Clone();
        if (!system.Step(open, (double[])y.Clone(), double.PositiveInfinity, 0))
            throw new InvalidOperationException("no consistent open-circuit state to linearise around");
        var linear = system.Linearise(open, 0);
        // Double-layer capacitance per unit electrode area of each electrode volume, C_dl sum_k a_k dx, F/m^2.
        var capacitance = new double[system.Nodes];
        for (int i = 0; i < system.Nodes; i++)
        {
            if (!system.IsElectrode(i)) continue;
            double area = 0;
            for (int k = 0; k < system.BinsAt(i); k++) area += system.AreaPerVolumeAt(i, k);
            capacitance[i] = (system.IsCathode(i) ? doubleLayers.Cathode : doubleLayers.Anode) * area * system.Thickness(i);
        }
        double lithiumTime = linear.LithiumChargeTransfer * doubleLayers.Counter; // R_ct C_dl of the lithium metal, s
        var result = new Complex[frequencies.Count];
        Parallel.For(0, frequencies.Count, n => result[n] = AtFrequency(system, linear, capacitance, lithiumTime, 2 * Math.PI * frequencies[n]));
        return result;
    }

    private static Complex AtFrequency(DfnSystem system, DfnLinearisation linear, double[] capacitance, double lithiumTime, double omega)
    {
        int size = system.Size, band = linear.Bandwidth;
        var jw = new Complex(0, omega);
        var matrix = new BandedLuSolver<Complex>(size, band, band);
        for (int col = 0; col < size; col++)
        {
            var rows = linear.ColumnRows[col];
            var values = linear.ColumnValues[col];
            for (int t = 0; t < rows.Length; t++)
                if (values[t] != 0) matrix.Add(rows[t], col, values[t]);
            if (linear.Storage[col] != 0) matrix.Add(col, col, jw * linear.Storage[col]);
        }
        for (int i = 0; i < system.Nodes; i++)
        {
            if (capacitance[i] == 0) continue;
            // Rows as in DfnSystem.Residual: r[phi_e] -= dx a j_total, r[phi_s] += dx a j_total, with the double-layer
            // current C_dl j omega (dphi_s - dphi_e) added to j.
            int e = system.ElectrolytePotential(i), s = system.SolidPotential(i);
            Complex y = jw * capacitance[i];
            matrix.Add(e, s, -y);
            matrix.Add(e, e, y);
            matrix.Add(s, s, y);
            matrix.Add(s, e, -y);
        }
        if (!matrix.Factor()) return new Complex(double.NaN, double.NaN);
        Complex faradaic = 1 / (1 + jw * lithiumTime); // share of dI that crosses the lithium metal by charge transfer
        var rhs = new Complex[size];
        for (int q = 0; q < size; q++) rhs[q] = -(linear.CollectorCurrentResponse[q] + faradaic * linear.LithiumCurrentResponse[q]);
        matrix.Solve(rhs);
        return rhs[linear.VoltageIndex] + linear.VoltagePerCurrent;
    }
}
