using ILGPU;

namespace CathodeSim.Gpu;

/// <summary>
/// The device-resident particle state and work arrays handed to <see cref="ParticleStepKernels"/> (one struct, because a
/// kernel takes a bounded number of parameters). Index conventions: (shell s, particle p) at s * Particles + p;
/// per-particle vectors at p.
/// </summary>
internal struct ParticleStepArrays
{
    /// <summary>x, iterated on the device during a step (M x Nr).</summary>
    public ArrayView<double> Stoichiometry;

    /// <summary>BDF history combination (M x Nr), uploaded once per step or formed on the device from the accepted points.</summary>
    public ArrayView<double> History;

    /// <summary>The accepted points x_n, x_(n-1), x_(n-2) and the predictor (M x Nr each) of a resident history (single runs only).</summary>
    public ArrayView<double> Newest, Previous, Oldest, Predictor;

    /// <summary>Particle weights (from 0) and shell weights (from Particles) of a weighted sum (M + Nr).</summary>
    public ArrayView<double> SumWeights;

    /// <summary>Per-group weighted sums and per-particle error partials (M).</summary>
    public ArrayView<double> GroupSums;

    /// <summary>Eliminated super-diagonal of the forward sweep (M x Nr).</summary>
    public ArrayView<double> Upper;

    /// <summary>Forward-swept residual right-hand side (M x Nr); back substitution gives u.</summary>
    public ArrayView<double> Response;

    /// <summary>Forward-swept surface-flux right-hand side (M x Nr); back substitution gives w.</summary>
    public ArrayView<double> Sensitivity;

    /// <summary>Normalised shell volumes (Nr) and face areas (Nr + 1).</summary>
    public ArrayView<double> ShellVolumes, FaceAreas;

    /// <summary>Per-particle coefficients fixed for the run (M).</summary>
    public ArrayView<double> InverseRadiusSquaredSpacing, SurfaceFluxCoefficient;

    /// <summary>Contact ratio per particle, uploaded once per step (M).</summary>
    public ArrayView<double> ContactRatio;

    /// <summary>Interfacial current and its Newton update per particle, uploaded per iteration (M each).</summary>
    public ArrayView<double> Current, CurrentUpdate;

    /// <summary>Outermost-shell x, u and w per particle, downloaded per iteration (M each).</summary>
    public ArrayView<double> SurfaceShell, SurfaceResponse, SurfaceSensitivity;

    /// <summary>Per-particle sum of squared weighted updates, downloaded per iteration (M).</summary>
    public ArrayView<double> NormPartial;

    /// <summary>Diffusivity table samples and interval slopes (uploaded once per table).</summary>
    public ArrayView<double> TableValues, TableSlopes;

    /// <summary>Particles M (systems) and shells Nr (rows).</summary>
    public int Particles, Shells;

    /// <summary>Intervals per unit stoichiometry of the table.</summary>
    public double TableScale;
}
