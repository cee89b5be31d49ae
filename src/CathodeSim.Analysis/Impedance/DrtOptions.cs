namespace CathodeSim.Analysis.Impedance;

/// <summary>Options of <see cref="Drt.Compute"/>.</summary>
public sealed record DrtOptions
{
    /// <summary>Lowest frequency kept, Hz (null: all).</summary>
    public double? MinimumFrequency { get; init; }

    /// <summary>Highest frequency kept, Hz (null: all).</summary>
    public double? MaximumFrequency { get; init; }

    /// <summary>Gaussian basis functions per decade of tau (5-10 usual).</summary>
    public int PointsPerDecade { get; init; } = 10;

    /// <summary>Decades of tau beyond 1/(2 pi f_max) and 1/(2 pi f_min) that the basis covers at each end.</summary>
    public double ExtensionDecades { get; init; } = 1;

    /// <summary>
    /// Full width at half maximum of each Gaussian basis function in units of the basis spacing in ln tau
    /// (1.5: narrow enough to follow a single RC element, wide enough that a sum of equal neighbours has no ripple).
    /// </summary>
    public double BasisWidth { get; init; } = 1.5;

    /// <summary>Order of the derivative of gamma(ln tau) that the Tikhonov term penalises: 1 or 2.</summary>
    public int RegularisationOrder { get; init; } = 2;

    /// <summary>Fixed regularisation parameter lambda; null: chosen by generalised cross-validation over <see cref="LambdaGrid"/>.</summary>
    public double? Lambda { get; init; }

    /// <summary>Candidate lambdas for GCV (dimensionless: gamma is in units of max |Z|); default 1e-8 to 10, 4 per decade.</summary>
    public IReadOnlyList<double> LambdaGrid { get; init; } = Enumerable.Range(0, 37).Select(k => Math.Pow(10, -8 + k / 4.0)).ToArray();

    /// <summary>Residual-bootstrap resamples for the uncertainty band (0: no band, it collapses onto gamma).</summary>
    public int BootstrapSamples { get; init; } = 50;

    /// <summary>Two-sided coverage of the band (0.9: the 5th and 95th percentiles of the resampled gamma).</summary>
    public double BandCoverage { get; init; } = 0.9;

    /// <summary>Seed of the bootstrap's random resampling (results are reproducible).</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>A local maximum of gamma is a peak when its prominence is at least this fraction of max gamma.</summary>
    public double PeakProminence { get; init; } = 0.02;

    /// <summary>Output points of gamma per basis spacing.</summary>
    public int OutputRefinement { get; init; } = 4;
}
