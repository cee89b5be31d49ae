using CathodeSim.Analysis.Gitt;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Protocol;
using CathodeSim.Model.Results;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Gitt;

/// <summary>Single-particle-limit cells (one size bin, transport and kinetics far from limiting) for GITT checks.</summary>
internal static class GittCells
{
    /// <summary>Particle radius of the test cells, m (d50 = 2 um, monodisperse).</summary>
    public const double Radius = 1e-6;

    public static CellDesign SingleParticle(IDiffusivity diffusivity, double initialStoichiometry) => TestCells.B65(
        TestCells.Ncm90(diffusivity, exchangeCurrent: 20.0, electronic: new ConstantElectronicConductivity(1e5)),
        initialStoichiometry, new LognormalSizeDistribution(2 * Radius, 1.0), ionic: 1e5,
        ionicLaw: new BruggemanLaw(0), electronicLaw: new BruggemanLaw(0), film: 0);

    /// <summary>Fine radial grid: the short-time diffusion layer sqrt(D tau) is a few per cent of R.</summary>
    public static NumericsOptions Numerics(int shells = 200) =>
        new(CathodeNodes: 3, RadialShells: shells, SizeBins: 1, RelativeTolerance: 1e-6, AbsoluteTolerance: 1e-9, MaxStep: 3600);

    public static CurrentStep Pulse(CurrentDirection direction, double cRate, double seconds) =>
        new($"{direction} at {cRate}C for {seconds} s", direction, new CRateSetpoint(cRate), direction == CurrentDirection.Charge ? 4.4 : 1.5, seconds);

    public static RestStep Rest(double seconds) => new($"Rest for {seconds} s", seconds);

    public static SimulationResult Run(CellDesign design, NumericsOptions numerics, params ProtocolStep[] protocol)
    {
        var result = new Simulator().Run(new SimulationSetup("gitt-test", design, TestCells.RoomTemperature, protocol, numerics, []));
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        return result;
    }

    public static GittAnalysisOptions Options(CellDesign design, double truncated = 0.9) => new(Radius, design.InitialStoichiometry,
        design.ActiveMass * design.Active.TheoreticalSpecificCharge, TruncatedFraction: truncated);
}
