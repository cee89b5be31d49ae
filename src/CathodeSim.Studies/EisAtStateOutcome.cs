using System.Numerics;
using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Studies;

/// <summary>The impedance spectrum at a state, or why the state was not reached.</summary>
/// <param name="Name">The config's name (the files' stem).</param>
/// <param name="FailureMessage">The solver's message when the state was not reached (nothing was written); null on success.</param>
/// <param name="Description">The state, e.g. "charge to 3.70 V, relaxed 1 h: 3.6981 V vs Li-In, 25 degC".</param>
/// <param name="Voltage">Cell voltage at the state, V.</param>
/// <param name="Frequencies">Frequencies, Hz, highest first.</param>
/// <param name="Impedance">The impedance at each frequency, ohm.</param>
/// <param name="Drt">The distribution of relaxation times, when asked for.</param>
/// <param name="Assignments">Its peaks assigned to the model's processes, when asked for.</param>
/// <param name="Files">The files written, final paths.</param>
public sealed record EisAtStateOutcome(string Name, string? FailureMessage, string Description, double Voltage, double[] Frequencies, Complex[] Impedance,
    DrtResult? Drt, IReadOnlyList<DrtPeakAssignment>? Assignments, IReadOnlyList<string> Files)
{
    /// <summary>True when the state was reached and the spectrum computed and written.</summary>
    public bool Completed => FailureMessage is null;
}
