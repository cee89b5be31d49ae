namespace CathodeSim.Model.Simulation;

/// <summary>Progress of a running simulation, reported after every accepted time step.</summary>
/// <param name="StepIndex">0-based index of the executing step.</param>
/// <param name="StepCount">Number of steps with repeats unrolled.</param>
/// <param name="Description">The step's text.</param>
/// <param name="Time">Simulated time, s.</param>
/// <param name="Voltage">Cell voltage, V.</param>
public readonly record struct SimulationProgress(int StepIndex, int StepCount, string Description, double Time, double Voltage);
