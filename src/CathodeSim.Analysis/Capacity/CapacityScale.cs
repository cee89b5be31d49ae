using CathodeSim.Analysis.Cycling;
using CathodeSim.Model;

namespace CathodeSim.Analysis.Capacity;

/// <summary>
/// Converts charge (C) and energy (J) to the reported units: mAh/g and mWh/g per gram of active material when an active
/// mass is known, else mAh and mWh.
/// </summary>
public sealed record CapacityScale
{
    /// <summary>Per gram of <paramref name="activeMass"/> (kg) when it is given, else absolute.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mass is not positive and finite.</exception>
    public CapacityScale(double? activeMass)
    {
        if (activeMass is double m && (!(m > 0) || double.IsInfinity(m)))
            throw new ArgumentOutOfRangeException(nameof(activeMass), activeMass, "the active mass must be positive and finite");
        ActiveMass = activeMass;
    }

    /// <summary>kg of active material, or null for absolute units.</summary>
    public double? ActiveMass { get; }

    /// <summary>True when values are per gram of active material.</summary>
    public bool Specific => ActiveMass is not null;

    /// <summary>"mAh/g" or "mAh".</summary>
    public string CapacityUnit => Specific ? "mAh/g" : "mAh";

    /// <summary>"mWh/g" or "mWh".</summary>
    public string EnergyUnit => Specific ? "mWh/g" : "mWh";

    /// <summary>Key suffix for JSON and CSV headers: "mAh_per_g" or "mAh".</summary>
    public string CapacityKey => Specific ? "mAh_per_g" : "mAh";

    /// <summary>Key suffix: "mWh_per_g" or "mWh".</summary>
    public string EnergyKey => Specific ? "mWh_per_g" : "mWh";

    /// <summary>C to mAh/g or mAh.</summary>
    public double Capacity(double charge) => ActiveMass is double m
        ? SpecificQuantities.CapacityMilliampHourPerGram(charge, m)
        : charge / PhysicalConstants.CoulombPerMilliampHour;

    /// <summary>J to mWh/g or mWh.</summary>
    public double Energy(double energy) => ActiveMass is double m
        ? SpecificQuantities.EnergyMilliwattHourPerGram(energy, m)
        : energy / SpecificQuantities.JoulePerMilliwattHour;
}
