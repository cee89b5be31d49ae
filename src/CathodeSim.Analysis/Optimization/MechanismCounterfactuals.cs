using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Analysis.Optimization;

/// <summary>
/// The prediction map's counterfactuals: the same cell and protocol with exactly one limitation removed. Unlike
/// <see cref="LimitationAnalysis"/>, whose ideal networks also connect the whole phase, each run here leaves the other
/// limitations as they are, so that the gain of each is the capacity lost to that mechanism alone: the network
/// counterfactuals keep the recipe's percolating shares (<see cref="ConnectivityKeepingLaw"/>), and the accessibility
/// counterfactual keeps the conductivities.
/// </summary>
public static class MechanismCounterfactuals
{
    /// <summary>Factor applied to the solid diffusivity and to the exchange current density in their counterfactuals.</summary>
    public const double ParticleSpeedUp = 100;

    /// <summary>The setup with <paramref name="mechanism"/> removed.</summary>
    public static SimulationSetup Remove(SimulationSetup setup, LimitingMechanism mechanism) => mechanism switch
    {
        LimitingMechanism.Accessibility => AllAccessible(setup),
        LimitingMechanism.Ionic => IdealIonic(setup),
        LimitingMechanism.Electronic => IdealElectronic(setup),
        LimitingMechanism.Diffusion => FastDiffusion(setup),
        LimitingMechanism.Kinetics => FastKinetics(setup),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "no counterfactual for this mechanism"),
    };

    /// <summary>
    /// Both transport laws with the same conductivity and the whole phase connected, and every NCM particle touching the
    /// electrolyte: every NCM particle can react.
    /// </summary>
    public static SimulationSetup AllAccessible(SimulationSetup setup)
    {
        var d = setup.Design;
        return setup with
        {
            Design = d with
            {
                Cathode = d.Cathode with
                {
                    IonicTransport = ConnectivityKeepingLaw.WholePhaseConnected(d.Cathode.IonicTransport),
                    ElectronicTransport = ConnectivityKeepingLaw.WholePhaseConnected(d.Cathode.ElectronicTransport),
                    ElectrolyteContacts = null,
                },
            },
        };
    }

    /// <summary><see cref="LimitationAnalysis.IdealIonic"/> with the recipe's ionic percolating share kept.</summary>
    public static SimulationSetup IdealIonic(SimulationSetup setup)
    {
        var ideal = LimitationAnalysis.IdealIonic(setup);
        var cathode = ideal.Design.Cathode;
        return ideal with
        {
            Design = ideal.Design with { Cathode = cathode with { IonicTransport = new ConnectivityKeepingLaw(cathode.IonicTransport, setup.Design.Cathode.IonicTransport) } },
        };
    }

    /// <summary><see cref="LimitationAnalysis.IdealElectronic"/> with the recipe's electronic percolating share kept.</summary>
    public static SimulationSetup IdealElectronic(SimulationSetup setup)
    {
        var ideal = LimitationAnalysis.IdealElectronic(setup);
        var cathode = ideal.Design.Cathode;
        return ideal with
        {
            Design = ideal.Design with { Cathode = cathode with { ElectronicTransport = new ConnectivityKeepingLaw(cathode.ElectronicTransport, setup.Design.Cathode.ElectronicTransport) } },
        };
    }

    /// <summary>Solid diffusivity <see cref="ParticleSpeedUp"/> times faster, nothing else changed.</summary>
    public static SimulationSetup FastDiffusion(SimulationSetup setup) =>
        setup with { Design = setup.Design with { Active = setup.Design.Active with { Diffusivity = new ScaledDiffusivity(setup.Design.Active.Diffusivity, ParticleSpeedUp) } } };

    /// <summary>NCM exchange current density <see cref="ParticleSpeedUp"/> times larger, nothing else changed.</summary>
    public static SimulationSetup FastKinetics(SimulationSetup setup) =>
        setup with { Design = setup.Design with { Active = setup.Design.Active with { ExchangeCurrentDensity = ParticleSpeedUp * setup.Design.Active.ExchangeCurrentDensity } } };
}
