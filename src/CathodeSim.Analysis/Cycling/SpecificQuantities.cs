using CathodeSim.Model;

namespace CathodeSim.Analysis.Cycling;

/// <summary>Converts charges and energies to the per-gram units used in cathode literature.</summary>
public static class SpecificQuantities
{
    /// <summary>Joules per milliwatt-hour.</summary>
    public const double JoulePerMilliwattHour = 3.6;

    private const double GramPerKilogram = 1000.0;

    /// <summary>Charge in C to specific capacity in mAh per g of active material.</summary>
    /// <param name="charge">C.</param>
    /// <param name="activeMass">kg of active material; must be positive and finite.</param>
    public static double CapacityMilliampHourPerGram(double charge, double activeMass) =>
        charge / PhysicalConstants.CoulombPerMilliampHour / Grams(activeMass);

    /// <summary>Energy in J to specific energy in mWh per g of active material.</summary>
    /// <param name="energy">J.</param>
    /// <param name="activeMass">kg of active material; must be positive and finite.</param>
    public static double EnergyMilliwattHourPerGram(double energy, double activeMass) =>
        energy / JoulePerMilliwattHour / Grams(activeMass);

    private static double Grams(double activeMass)
    {
        // A zero or missing mass would silently turn every capacity into infinity or NaN.
        if (!(activeMass > 0) || double.IsInfinity(activeMass))
        {
            throw new ArgumentOutOfRangeException(nameof(activeMass), activeMass, "Active mass must be positive and finite (kg).");
        }

        return activeMass * GramPerKilogram;
    }
}
