namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>One particle of a composite structure: a sphere of one phase.</summary>
/// <param name="X">Centre x (in-plane, periodic), m, in [0, Lx).</param>
/// <param name="Y">Centre y (in-plane, periodic), m, in [0, Ly).</param>
/// <param name="Z">Centre z (through the thickness, 0 at the current collector), m; may lie outside [0, Lz] for a sphere cut by a wall.</param>
/// <param name="Radius">Radius, m.</param>
/// <param name="Phase">What the particle is made of (<see cref="CompositePhase.Active"/> or <see cref="CompositePhase.Electrolyte"/>).</param>
public readonly record struct PackedSphere(double X, double Y, double Z, double Radius, CompositePhase Phase);
