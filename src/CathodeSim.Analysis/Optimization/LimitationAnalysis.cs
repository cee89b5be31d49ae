using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Optimization;

/// <summary>Capacity lost to each limitation, mAh/g, and the shares of the total loss.</summary>
/// <param name="Capacity">The cell's capacity (the chosen metric) as it is.</param>
/// <param name="IonicLoss">Gained when the electrolyte network is made ideal.</param>
/// <param name="ElectronicLoss">Gained when the NCM electronic network is made ideal.</param>
/// <param name="ParticleLoss">Further gained when, with ideal networks, solid diffusion and charge transfer are made fast too.</param>
/// <param name="IdealCapacity">With everything ideal: what the OCP window and the material allow.</param>
public sealed record LimitationBreakdown(double Capacity, double IonicLoss, double ElectronicLoss, double ParticleLoss, double IdealCapacity)
{
    /// <summary>The largest contributor: "ionic transport", "electronic transport" or "active material (diffusion, kinetics)".</summary>
    public string Dominant => IonicLoss >= ElectronicLoss && IonicLoss >= ParticleLoss ? "ionic transport"
        : ElectronicLoss >= ParticleLoss ? "electronic transport" : "active material (diffusion, kinetics)";
}

/// <summary>
/// What limits a cell's capacity, found from the model itself by counterfactual runs: the same cell and protocol with
/// one limitation removed at a time (electrolyte network ideal: 100x bulk conductivity, no percolation or tortuosity
/// penalty; NCM network ideal: 1000 S/m, no penalty; particles ideal: 100x D and i0 on top of ideal networks).
/// The gain of each run is the capacity lost to that limitation.
/// </summary>
public static class LimitationAnalysis
{
    /// <summary>Runs the four simulations and returns the breakdown of metric <paramref name="objective"/>.</summary>
    public static LimitationBreakdown Analyse(SimulationSetup setup, Func<SimulationSetup, double> objective)
    {
        double actual = objective(setup);
        double ionic = objective(IdealIonic(setup));
        double electronic = objective(IdealElectronic(setup));
        double networks = objective(IdealIonicAndElectronic(setup));
        double ideal = objective(IdealParticles(IdealIonicAndElectronic(setup)));
        static double Gain(double better, double baseline) => double.IsNaN(better) || double.IsNaN(baseline) ? double.NaN : Math.Max(0, better - baseline);
        return new LimitationBreakdown(actual, Gain(ionic, actual), Gain(electronic, actual), Gain(ideal, networks), ideal);
    }

    private static readonly IEffectiveTransportLaw NoPenalty = new BruggemanLaw(0);

    /// <summary>The electrolyte network without resistance to speak of.</summary>
    public static SimulationSetup IdealIonic(SimulationSetup setup)
    {
        var d = setup.Design;
        return setup with
        {
            Design = d with
            {
                CathodeElectrolyte = d.CathodeElectrolyte with { IonicConductivity = 100 * d.CathodeElectrolyte.IonicConductivity },
                Cathode = d.Cathode with { IonicTransport = NoPenalty },
            },
        };
    }

    /// <summary>The NCM electronic network without resistance to speak of.</summary>
    public static SimulationSetup IdealElectronic(SimulationSetup setup)
    {
        var d = setup.Design;
        return setup with
        {
            Design = d with
            {
                Active = d.Active with { ElectronicConductivity = new ConstantElectronicConductivity(1000) },
                Cathode = d.Cathode with { ElectronicTransport = NoPenalty },
            },
        };
    }

    private static SimulationSetup IdealIonicAndElectronic(SimulationSetup setup) => IdealElectronic(IdealIonic(setup));

    /// <summary>Fast solid diffusion and charge transfer.</summary>
    public static SimulationSetup IdealParticles(SimulationSetup setup)
    {
        var d = setup.Design;
        return setup with
        {
            Design = d with
            {
                Active = d.Active with { Diffusivity = new ScaledDiffusivity(d.Active.Diffusivity, 100), ExchangeCurrentDensity = 100 * d.Active.ExchangeCurrentDensity },
            },
        };
    }
}
