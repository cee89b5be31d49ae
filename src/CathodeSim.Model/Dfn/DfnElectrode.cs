using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// What the DFN residual needs of one porous electrode (the cathode, or the anode of a full cell), with the temperature
/// factors evaluated once: the same equations run in both, only these constants differ.
/// </summary>
internal sealed class DfnElectrode
{
    public DfnElectrode(ActiveMaterial active, double activeVolumeFraction, double solidConductivity, SizeBins particles,
        double initialStoichiometry, double exchangeCurrent, double temperature)
    {
        Active = active;
        MaxConcentration = active.MaxConcentration;
        Ocp = OcpLookup.For(active.OpenCircuitPotential, 0.0);
        Diffusivity = active.Diffusivity;
        DiffusivityFactor = active.DiffusivityTemperature.At(temperature);
        ExchangeCurrent = exchangeCurrent;
        ExchangeFactor = active.ExchangeCurrentTemperature.At(temperature);
        ActiveVolumeFraction = activeVolumeFraction;
        SolidConductivity = solidConductivity;
        Radii = particles.Radii;
        VolumeShares = particles.VolumeShares;
        InitialStoichiometry = initialStoichiometry;
        AreaPerVolume = new double[Radii.Length];
        for (int k = 0; k < Radii.Length; k++) AreaPerVolume[k] = 3 * activeVolumeFraction * VolumeShares[k] / Radii[k];
    }

    public ActiveMaterial Active { get; }
    public double MaxConcentration { get; }
    public OcpLookup Ocp { get; }
    public IDiffusivity Diffusivity { get; }
    public double DiffusivityFactor { get; }
    public double ExchangeCurrent { get; }
    public double ExchangeFactor { get; }
    public double ActiveVolumeFraction { get; }
    public double SolidConductivity { get; }
    public double[] Radii { get; }
    public double[] VolumeShares { get; }
    public double InitialStoichiometry { get; }

    /// <summary>Interfacial area per electrode volume of each size bin, 1/m.</summary>
    public double[] AreaPerVolume { get; }

    public int Bins => Radii.Length;
}
