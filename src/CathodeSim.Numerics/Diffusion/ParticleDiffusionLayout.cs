namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// What stays fixed for a particle diffusion stepper over a whole run: the particle count, the shell grid in the
/// normalised radius (shared by all particles) and the per-particle coefficients that carry each particle's radius.
/// Storage and index conventions are those of <see cref="BatchedTridiagonalSystems"/>: (shell s, particle p) at s * Particles + p.
/// </summary>
public sealed class ParticleDiffusionLayout
{
    /// <summary>Creates the layout; the arrays are kept, not copied.</summary>
    /// <param name="shellVolumes">Normalised shell volumes, one per shell (Nr).</param>
    /// <param name="faceAreas">Normalised face areas rho^2, Nr + 1 of them (face f between shells f-1 and f).</param>
    /// <param name="inverseRadiusSquaredSpacing">1 / (R_p^2 drho) per particle: turns D face-area differences into normalised flux.</param>
    /// <param name="surfaceFluxCoefficient">Normalised surface flux per unit interfacial current, per particle (theta / (F c_max R_p)).</param>
    public ParticleDiffusionLayout(double[] shellVolumes, double[] faceAreas, double[] inverseRadiusSquaredSpacing, double[] surfaceFluxCoefficient)
    {
        ArgumentNullException.ThrowIfNull(shellVolumes);
        ArgumentNullException.ThrowIfNull(faceAreas);
        ArgumentNullException.ThrowIfNull(inverseRadiusSquaredSpacing);
        ArgumentNullException.ThrowIfNull(surfaceFluxCoefficient);
        if (shellVolumes.Length < 2) throw new ArgumentException("at least 2 shells", nameof(shellVolumes));
        if (faceAreas.Length != shellVolumes.Length + 1) throw new ArgumentException("one face more than shells", nameof(faceAreas));
        if (inverseRadiusSquaredSpacing.Length < 1 || surfaceFluxCoefficient.Length != inverseRadiusSquaredSpacing.Length)
            throw new ArgumentException("one coefficient of each kind per particle", nameof(surfaceFluxCoefficient));
        ShellVolumes = shellVolumes;
        FaceAreas = faceAreas;
        InverseRadiusSquaredSpacing = inverseRadiusSquaredSpacing;
        SurfaceFluxCoefficient = surfaceFluxCoefficient;
    }

    /// <summary>Particles M (the number of tridiagonal systems).</summary>
    public int Particles => InverseRadiusSquaredSpacing.Length;

    /// <summary>Shells Nr (rows per system).</summary>
    public int Shells => ShellVolumes.Length;

    /// <summary>Normalised shell volumes.</summary>
    public double[] ShellVolumes { get; }

    /// <summary>Normalised face areas rho^2, faces 0..Nr.</summary>
    public double[] FaceAreas { get; }

    /// <summary>1 / (R_p^2 drho) per particle.</summary>
    public double[] InverseRadiusSquaredSpacing { get; }

    /// <summary>Normalised surface flux per unit interfacial current, per particle.</summary>
    public double[] SurfaceFluxCoefficient { get; }
}
