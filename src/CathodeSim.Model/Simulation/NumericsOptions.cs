namespace CathodeSim.Model.Simulation;

/// <summary>Discretisation and solver settings.</summary>
/// <param name="CathodeNodes">Nx: finite volumes across the cathode thickness.</param>
/// <param name="RadialShells">Nr: finite-volume shells per particle.</param>
/// <param name="SizeBins">K: particle-size bins.</param>
/// <param name="RelativeTolerance">Relative local-error tolerance of the time integrator.</param>
/// <param name="AbsoluteTolerance">Absolute local-error tolerance, as a stoichiometry (dimensionless).</param>
/// <param name="MaxStep">Largest time step, s.</param>
/// <param name="InitialStep">First step after every discontinuity, s.</param>
/// <param name="VoltageEventTolerance">How closely a cut-off voltage must be met, V.</param>
/// <param name="OverpotentialLimit">
/// How far the cell voltage may move from the open-circuit voltage of the mean stoichiometry before a step is ended as
/// unable to carry its current (or as active material full or empty), V. 3 V is beyond any polarisation a working
/// cell shows (the seed's cells stay within 0.3 V at 0.1C) and keeps voltages physically possible.
/// </param>
public sealed record NumericsOptions(
    int CathodeNodes = 20,
    int RadialShells = 20,
    int SizeBins = 5,
    double RelativeTolerance = 1e-4,
    double AbsoluteTolerance = 1e-6,
    double MaxStep = 600.0,
    double InitialStep = 1e-3,
    double VoltageEventTolerance = 2e-4,
    double OverpotentialLimit = 3.0);
