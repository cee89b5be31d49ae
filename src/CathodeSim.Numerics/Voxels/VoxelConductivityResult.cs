namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// The outcome of a steady voxel transport solve: a 1 V drop across the box along the transport direction, the current
/// that flows, and what it says about the structure.
/// </summary>
/// <remarks>
/// The effective conductivity is I L / (A dV) with L = N h the length between the two Dirichlet faces (at half a voxel
/// outside the first and last voxel centres) and A the box's cross-section; it is computed from the current through the
/// inlet face and, separately, through the outlet face. At convergence the two agree to about the solver tolerance (no
/// charge is created inside), so their mismatch is a direct check of the solution.
/// </remarks>
/// <param name="EffectiveConductivity">Mean of the inlet and outlet values, S/m; 0 when no conducting path spans the box.</param>
/// <param name="InletEffectiveConductivity">From the current entering through the inlet face, S/m.</param>
/// <param name="OutletEffectiveConductivity">From the current leaving through the outlet face, S/m.</param>
/// <param name="CurrentMismatch">|inlet - outlet| / max(|inlet|, |outlet|); 0 when no current flows.</param>
/// <param name="ConductingVolumeFraction">Share of the voxels with a positive conductivity (the phase fraction eps).</param>
/// <param name="SpanningVolumeFraction">
/// Share of the voxels in conducting clusters that touch both faces (the voxels solved for); the rest of the conducting
/// voxels are isolated or attached to one face only and carry no current.
/// </param>
/// <param name="TortuosityFactor">
/// TauFactor's tau = eps sigma_bulk / sigma_eff when every conducting voxel has the same conductivity sigma_bulk;
/// +infinity when nothing spans the box; null when conducting phases of different conductivities are present (no single
/// bulk value to compare against).
/// </param>
/// <param name="Unknowns">Potentials solved for (voxels of the spanning clusters).</param>
/// <param name="Iterations">Preconditioned conjugate-gradient iterations done.</param>
/// <param name="RelativeResidual">Final residual 2-norm over that of the right-hand side.</param>
/// <param name="Converged">True when the residual met the tolerance within the iteration limit.</param>
/// <param name="WallTime">Wall-clock time of the whole solve, setup included.</param>
/// <param name="BackEnd">Which back end solved it ("cpu", "ilgpu-cpu", "ilgpu-cuda (...)").</param>
public sealed record VoxelConductivityResult(
    double EffectiveConductivity,
    double InletEffectiveConductivity,
    double OutletEffectiveConductivity,
    double CurrentMismatch,
    double ConductingVolumeFraction,
    double SpanningVolumeFraction,
    double? TortuosityFactor,
    int Unknowns,
    int Iterations,
    double RelativeResidual,
    bool Converged,
    TimeSpan WallTime,
    string BackEnd);
