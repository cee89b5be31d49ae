using CathodeSim.Model.Degradation;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// Grows the cathode-electrolyte interphase of a liquid cell over one accepted time step, after the electrochemistry
/// (operator splitting, as the solid-state mode's ageing step): the film changes over hours and cycles, against steps of
/// seconds to minutes, and enters the next step as a given resistance. At the step's end potential the parabolic law
/// R^2 += k(U, T) h is integrated exactly; U is the local electrode potential vs Li, phi_s - phi_e (the electrolyte
/// potential is measured against a lithium reference in it, so phi_s - phi_e = U_ocp + eta).
/// </summary>
public static class DfnInterphaseAgeing
{
    /// <summary>Ages every cathode particle bin of <paramref name="system"/> over <paramref name="h"/> seconds ending at state <paramref name="y"/>.</summary>
    /// <param name="system">The discretised cell, whose film resistances are updated.</param>
    /// <param name="law">The growth law.</param>
    /// <param name="y">The accepted state at the end of the step.</param>
    /// <param name="h">The step length, s.</param>
    public static void Advance(DfnSystem system, InterphaseGrowth law, ReadOnlySpan<double> y, double h)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(law);
        if (!(h > 0)) return;
        for (int i = system.FirstCathodeNode; i < system.Nodes; i++)
        {
            double potential = y[system.SolidPotential(i)] - y[system.ElectrolytePotential(i)];
            double rate = law.Rate(potential, system.Temperature);
            if (rate <= 0) continue;
            for (int k = 0; k < system.Bins; k++) system.SetFilmResistance(i, k, InterphaseGrowth.Grown(system.FilmResistance(i, k), rate, h));
        }
    }

    /// <summary>
    /// Cell-level film resistance, ohm: the films of every cathode particle surface in parallel (each volume's bins have
    /// surface a_k dx A); NaN where no film is modelled (all zero), as the solid-state mode's step summaries without one.
    /// </summary>
    public static double CellResistance(DfnSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        double conductance = 0;
        bool any = false;
        for (int i = system.FirstCathodeNode; i < system.Nodes; i++)
            for (int k = 0; k < system.Bins; k++)
            {
                double r = system.FilmResistance(i, k);
                if (r > 0) any = true;
                conductance += system.AreaPerVolume(k) * system.Thickness(i) * system.Cell.Area / Math.Max(r, 1e-30);
            }
        return any ? 1 / conductance : double.NaN;
    }
}
