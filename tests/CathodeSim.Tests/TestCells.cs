using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests;

/// <summary>Programmatic cells for physics tests (independent of the YAML layer).</summary>
public static class TestCells
{
    public const double RoomTemperature = 298.15;

    /// <summary>The material library's NCM90 OCP: the NMC MSMR set of Verbrugge et al. 2017.</summary>
    public static MsmrOcp Msmr { get; } = new([
        new MsmrReaction(3.62274, 0.13442, 0.96710), new MsmrReaction(3.72645, 0.32460, 1.39712),
        new MsmrReaction(3.90575, 0.21118, 3.50500), new MsmrReaction(4.22955, 0.32980, 5.52757)]);

    public static ActiveMaterial Ncm90(IDiffusivity? diffusivity = null, double exchangeCurrent = 0.5, IElectronicConductivity? electronic = null,
        IOpenCircuitPotential? ocp = null) => new(
        "NCM90", 0.09746, 4790, ocp ?? Msmr,
        diffusivity ?? new LogTabulatedDiffusivity([0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0], [1e-14, 1e-14, 5e-15, 2e-15, 5e-16, 1e-16, 3e-17]),
        new ArrheniusFactor(12e3, RoomTemperature), exchangeCurrent, new ArrheniusFactor(20e3, RoomTemperature),
        electronic ?? new LogisticElectronicConductivity(1e-3, 1.0, 0.95, 0.02), new ArrheniusFactor(25e3, RoomTemperature));

    public static CellDesign B65(ActiveMaterial? active = null, double initialStoichiometry = 0.991, ParticleSizeDistribution? psd = null,
        double ionic = 0.149, IEffectiveTransportLaw? ionicLaw = null, IEffectiveTransportLaw? electronicLaw = null, double film = 5e-4,
        double counterExchange = 85) => new(
        Area: 0.785e-4,
        Active: active ?? Ncm90(),
        CathodeElectrolyte: new SolidElectrolyte("Li3InCl6", 2690, ionic, new ArrheniusFactor(33e3, RoomTemperature)),
        SeparatorElectrolyte: new SolidElectrolyte("Li6PS5Cl", 1860, 0.17, new ArrheniusFactor(35e3, RoomTemperature)),
        CounterElectrode: new CounterElectrode("Li-In", 0.62, counterExchange, new ArrheniusFactor(30e3, RoomTemperature)),
        Cathode: new CathodeRecipe(5.5e-6, 0.65, 0.15, psd ?? new LognormalSizeDistribution(2e-6, 1.6), 0.85,
            ionicLaw ?? new PercolationLaw(0.2, 2.0, 1e-4), electronicLaw ?? new PercolationLaw(0.3, 2.0, 1e-4)),
        Separator: new SeparatorRecipe(80e-6, 0.87),
        FilmResistance: film,
        JunctionResistance: 0,
        InitialStoichiometry: initialStoichiometry,
        NominalSpecificCapacity: 200 * 3.6e3);

    public static CurrentStep Charge(double cRate, double? cutoff = 3.7, double? duration = null) =>
        new($"Charge at {cRate}C", CurrentDirection.Charge, new CRateSetpoint(cRate), cutoff, duration);

    public static CurrentStep Discharge(double cRate, double? cutoff = 2.1, double? duration = null) =>
        new($"Discharge at {cRate}C", CurrentDirection.Discharge, new CRateSetpoint(cRate), cutoff, duration);

    public static SimulationSetup Setup(CellDesign design, NumericsOptions? numerics = null, double temperature = RoomTemperature, params ProtocolStep[] protocol) =>
        new("test", design, temperature, protocol.Length == 0 ? [Charge(0.1), Discharge(0.1)] : protocol, numerics ?? new NumericsOptions(), []);

    /// <summary>
    /// A galvanostatic step ended where the physics ends it: at its cut-off (within 1 mV), or, for a discharge (charge)
    /// whose particle surfaces filled (emptied) just before the cut-off, on that saturation, where the voltage collapses
    /// within a vanishing amount of charge.
    /// </summary>
    public static bool EndedAtCutoff(global::CathodeSim.Model.Results.StepSummary step, double cutoff) => step.End switch
    {
        global::CathodeSim.Model.Results.StepEnd.Voltage => Math.Abs(step.EndVoltage - cutoff) < 1e-3,
        global::CathodeSim.Model.Results.StepEnd.ActiveMaterialFull => step.Kind == "discharge" && step.EndVoltage > cutoff - 1e-3,
        global::CathodeSim.Model.Results.StepEnd.ActiveMaterialEmpty => step.Kind == "charge" && step.EndVoltage < cutoff + 1e-3,
        _ => false,
    };
}
