using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Degradation;

/// <summary>
/// Advances the ageing states over one accepted time step, after the electrochemistry (operator splitting): film
/// growth and contact loss act over hours and cycles, against steps of seconds to minutes, and enter the next step as
/// given film resistances and contact ratios. Film growth at constant potential is integrated exactly
/// (R^2 += k h); contact follows the particle strain between the two states.
/// </summary>
internal sealed class AgeingStep(CellModel model)
{
    private readonly double[] _before = new double[model.Particles];
    private readonly double[] _after = new double[model.Particles];

    /// <summary>Mean stoichiometry per particle before the step (3 sum of V_s x_s); filled by the caller when it passes meansGiven.</summary>
    public double[] Before => _before;

    /// <summary>Mean stoichiometry per particle after the step; filled by the caller when it passes meansGiven.</summary>
    public double[] After => _after;

    /// <summary>Ages <paramref name="next"/> (the new state) relative to <paramref name="previous"/>.</summary>
    /// <param name="laws">The ageing laws.</param>
    /// <param name="cell">The discretised cell.</param>
    /// <param name="previous">The state before the step.</param>
    /// <param name="next">The state after the step (aged in place).</param>
    /// <param name="meansGiven">True when the caller has filled <see cref="Before"/> and <see cref="After"/> (its
    /// stoichiometries are resident elsewhere); false to compute them from the states.</param>
    public void Advance(DegradationModel laws, CellModel cell, CellState previous, CellState next, bool meansGiven = false)
    {
        double h = next.Time - previous.Time;
        if (laws.Interphase is { } film && h > 0)
        {
            for (int j = 0; j < cell.Nodes; j++)
            {
                // Local electrode potential vs Li: the interface potential difference plus the counter electrode's.
                double potential = next.SolidPotential[j] - next.ElectrolytePotential[j] + cell.CounterPotential;
                double rate = film.Rate(potential, cell.Temperature);
                if (rate <= 0) continue;
                for (int k = 0; k < cell.Bins; k++)
                {
                    int p = j * cell.Bins + k;
                    next.FilmResistance[p] = InterphaseGrowth.Grown(previous.FilmResistance[p], rate, h);
                }
            }
        }
        if (laws.Contact is { } contact)
        {
            if (!meansGiven)
            {
                ParticleMeans(cell, previous.Stoichiometry, _before);
                ParticleMeans(cell, next.Stoichiometry, _after);
            }
            double electrolyte = cell.Microstructure.ElectrolyteVolumeFraction;
            for (int p = 0; p < cell.Particles; p++)
            {
                double opened = contact.Strain(_after[p]) - contact.Strain(_before[p]);
                double connected = previous.ConnectedFraction[p];
                if (opened > 0)
                    connected *= Math.Exp(-contact.IrreversibleCoefficient(cell.ParticleRadius[p], electrolyte) * opened / contact.MaxStrain);
                next.ConnectedFraction[p] = connected;
                // What detaches keeps the lithium it has: the step's electrochemistry ran with the share connected before it,
                // so the share detaching at its end leaves at the particle's mean after the step (operator splitting).
                next.DetachedLithium[p] = previous.DetachedLithium[p] + (previous.ConnectedFraction[p] - connected) * _after[p];
                next.ContactRatio[p] = contact.ReversibleFactor(_after[p]);
            }
        }
    }

    private static void ParticleMeans(CellModel cell, double[] stoichiometry, double[] means)
    {
        int np = cell.Particles;
        Array.Clear(means);
        for (int s = 0; s < cell.Shells.Count; s++)
        {
            double v = 3 * cell.Shells.Volumes[s];
            for (int p = 0; p < np; p++) means[p] += v * stoichiometry[s * np + p];
        }
    }
}
