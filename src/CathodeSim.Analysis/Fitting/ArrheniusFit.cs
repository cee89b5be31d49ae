using CathodeSim.Model;

namespace CathodeSim.Analysis.Fitting;

/// <summary>
/// Fits an Arrhenius law to ionic conductivities measured at several temperatures: linear least squares of
/// y = ln(sigma T) (<see cref="ArrheniusForm.SigmaT"/>) or y = ln(sigma) (<see cref="ArrheniusForm.Plain"/>) against x = 1/T,
/// y = ln A + slope x with slope = -Ea / R.
/// </summary>
/// <remarks>
/// Standard errors come from the scatter of the residuals (residual variance with n - 2 degrees of freedom), so they need at
/// least 3 measurements; with 2 the line is fitted exactly, the standard errors are NaN and <see cref="ArrheniusFitResult.Warnings"/>
/// says so. Conductivity is in S/m and temperature in K throughout, so A is in S K/m (sigma T form) or S/m (plain form).
/// </remarks>
public static class ArrheniusFit
{
    /// <summary>Default reference temperature, K (25 degC).</summary>
    public const double DefaultReferenceTemperature = 298.15;

    /// <summary>Boltzmann constant in eV/K (CODATA 2018, exact): Ea in eV per ion = Ea in J/mol * k_B / R.</summary>
    public const double BoltzmannElectronvoltsPerKelvin = 8.617333262e-5;

    /// <summary>Fits <paramref name="measurements"/>.</summary>
    /// <param name="measurements">At least 2 measurements at at least 2 different temperatures.</param>
    /// <param name="form">Which law to fit.</param>
    /// <param name="referenceTemperature">Temperature, K, at which the fitted conductivity and its standard error are reported.</param>
    /// <exception cref="ArgumentException">Fewer than 2 measurements, one temperature only, a non-positive or non-finite value,
    /// or uncertainties given for some measurements but not all.</exception>
    public static ArrheniusFitResult Fit(IReadOnlyList<ConductivityMeasurement> measurements, ArrheniusForm form,
        double referenceTemperature = DefaultReferenceTemperature)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        if (!Enum.IsDefined(form)) throw new ArgumentOutOfRangeException(nameof(form), form, "unknown Arrhenius form");
        if (!(referenceTemperature > 0) || !double.IsFinite(referenceTemperature))
            throw new ArgumentException($"the reference temperature must be above 0 K, got {referenceTemperature} K", nameof(referenceTemperature));
        int n = measurements.Count;
        if (n < 2)
            throw new ArgumentException($"an Arrhenius fit needs at least 2 measurements (3 or more for standard errors), got {n}", nameof(measurements));

        int withUncertainty = measurements.Count(m => m?.StandardUncertainty is not null);
        bool weighted = withUncertainty == n;
        if (withUncertainty != 0 && !weighted)
            throw new ArgumentException($"{withUncertainty} of {n} measurements have an uncertainty: give one for every measurement or for none", nameof(measurements));

        var x = new double[n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            var m = measurements[i] ?? throw new ArgumentException($"measurement {i + 1} is null", nameof(measurements));
            if (!(m.Temperature > 0) || !double.IsFinite(m.Temperature))
                throw new ArgumentException($"measurement {i + 1}: the temperature must be above 0 K, got {m.Temperature} K", nameof(measurements));
            if (!(m.Conductivity > 0) || !double.IsFinite(m.Conductivity))
                throw new ArgumentException($"measurement {i + 1}: the conductivity must be positive, got {m.Conductivity} S/m", nameof(measurements));
            x[i] = 1.0 / m.Temperature;
            y[i] = Transform(m.Conductivity, m.Temperature, form);
            if (weighted)
            {
                double u = m.StandardUncertainty!.Value;
                if (!(u > 0) || !double.IsFinite(u))
                    throw new ArgumentException($"measurement {i + 1}: the conductivity uncertainty must be positive, got {u} S/m", nameof(measurements));
                // Var(ln sigma) = (u / sigma)^2 to first order.
                w[i] = Math.Pow(m.Conductivity / u, 2);
            }
            else
            {
                w[i] = 1.0;
            }
        }

        // Weighted least squares in centred form (1/T spans a few per cent of its mean: no cancellation).
        double wSum = 0, xMean = 0, yMean = 0;
        for (int i = 0; i < n; i++) { wSum += w[i]; xMean += w[i] * x[i]; yMean += w[i] * y[i]; }
        xMean /= wSum;
        yMean /= wSum;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - xMean, dy = y[i] - yMean;
            sxx += w[i] * dx * dx;
            sxy += w[i] * dx * dy;
            syy += w[i] * dy * dy;
        }
        double spread = Math.Sqrt(sxx / wSum);
        if (!(spread > 1e-9 * Math.Abs(xMean)))
            throw new ArgumentException($"all {n} measurements are at the same temperature ({1 / xMean:0.###} K): an Arrhenius fit needs at least 2 different temperatures", nameof(measurements));

        double slope = sxy / sxx;
        double intercept = yMean - slope * xMean;
        var residuals = new double[n];
        double sse = 0;
        for (int i = 0; i < n; i++)
        {
            residuals[i] = y[i] - (intercept + slope * x[i]);
            sse += w[i] * residuals[i] * residuals[i];
        }
        int dof = n - 2;
        double variance = dof > 0 ? sse / dof : double.NaN;
        double rSquared = syy > 0 ? 1 - sse / syy : double.NaN;

        var warnings = new List<string>();
        if (dof == 0)
            warnings.Add("only 2 measurements: the line passes through both, so there is no estimate of the standard errors (3 or more are needed)");
        if (slope > 0)
            warnings.Add("the conductivity falls as the temperature rises: the activation energy is negative");
        double tMin = measurements.Min(m => m.Temperature), tMax = measurements.Max(m => m.Temperature);
        if (referenceTemperature < tMin || referenceTemperature > tMax)
            warnings.Add(FormattableString.Invariant(
                $"the reference temperature {referenceTemperature:0.##} K lies outside the measured range {tMin:0.##}-{tMax:0.##} K: the conductivity there is extrapolated"));

        return new ArrheniusFitResult(form, measurements.ToArray(), weighted, slope, intercept, variance, wSum, xMean, sxx, dof,
            rSquared, residuals, referenceTemperature, warnings);
    }

    /// <summary>The fitted quantity: ln(sigma T) or ln(sigma), sigma in S/m and T in K.</summary>
    public static double Transform(double conductivity, double temperature, ArrheniusForm form) =>
        form == ArrheniusForm.SigmaT ? Math.Log(conductivity * temperature) : Math.Log(conductivity);
}

/// <summary>The result of <see cref="ArrheniusFit.Fit"/>: the fitted line, its standard errors and derived quantities.</summary>
/// <remarks>Conductivities in S/m, temperatures in K, energies in J/mol unless the name says eV.</remarks>
public sealed class ArrheniusFitResult
{
    private readonly double _weightSum, _meanInverseTemperature, _sxx;

    internal ArrheniusFitResult(ArrheniusForm form, IReadOnlyList<ConductivityMeasurement> measurements, bool weighted,
        double slope, double intercept, double residualVariance, double weightSum, double meanInverseTemperature, double sxx,
        int degreesOfFreedom, double rSquared, IReadOnlyList<double> residuals, double referenceTemperature, IReadOnlyList<string> warnings)
    {
        Form = form;
        Measurements = measurements;
        Weighted = weighted;
        Slope = slope;
        Intercept = intercept;
        ResidualVariance = residualVariance;
        _weightSum = weightSum;
        _meanInverseTemperature = meanInverseTemperature;
        _sxx = sxx;
        DegreesOfFreedom = degreesOfFreedom;
        RSquared = rSquared;
        Residuals = residuals;
        ReferenceTemperature = referenceTemperature;
        Warnings = warnings;
    }

    /// <summary>The law fitted.</summary>
    public ArrheniusForm Form { get; }

    /// <summary>The measurements, in the order given.</summary>
    public IReadOnlyList<ConductivityMeasurement> Measurements { get; }

    /// <summary>Number of measurements.</summary>
    public int Count => Measurements.Count;

    /// <summary>Whether the fit was weighted by the measurements' uncertainties.</summary>
    public bool Weighted { get; }

    /// <summary>Degrees of freedom of the residuals, n - 2 (0: no error estimate).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Whether standard errors could be estimated (at least 3 measurements).</summary>
    public bool HasErrorEstimate => DegreesOfFreedom > 0;

    /// <summary>d y / d(1/T) = -Ea / R, K.</summary>
    public double Slope { get; }

    /// <summary>ln A (A in S K/m or S/m).</summary>
    public double Intercept { get; }

    /// <summary>Weighted residual variance sum(w r^2) / (n - 2) (NaN with 2 measurements).</summary>
    public double ResidualVariance { get; }

    /// <summary>Standard error of <see cref="Slope"/>, K.</summary>
    public double SlopeStandardError => Math.Sqrt(ResidualVariance / _sxx);

    /// <summary>Standard error of <see cref="Intercept"/> (= relative standard error of A).</summary>
    public double InterceptStandardError => Math.Sqrt(ResidualVariance * (1 / _weightSum + _meanInverseTemperature * _meanInverseTemperature / _sxx));

    /// <summary>Covariance of intercept and slope, K.</summary>
    public double SlopeInterceptCovariance => -ResidualVariance * _meanInverseTemperature / _sxx;

    /// <summary>Coefficient of determination of the (weighted) linear fit.</summary>
    public double RSquared { get; }

    /// <summary>y - fitted y for each measurement, in ln units (about the relative deviations of the conductivity).</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>Warnings (2 measurements only, negative activation energy, extrapolated reference temperature).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Activation energy Ea = -R slope, J/mol.</summary>
    public double ActivationEnergy => -Slope * PhysicalConstants.Gas;

    /// <summary>Standard error of <see cref="ActivationEnergy"/>, J/mol.</summary>
    public double ActivationEnergyStandardError => SlopeStandardError * PhysicalConstants.Gas;

    /// <summary>Activation energy per ion, eV (= -k_B slope).</summary>
    public double ActivationEnergyElectronvolts => -Slope * ArrheniusFit.BoltzmannElectronvoltsPerKelvin;

    /// <summary>Standard error of <see cref="ActivationEnergyElectronvolts"/>, eV.</summary>
    public double ActivationEnergyElectronvoltsStandardError => SlopeStandardError * ArrheniusFit.BoltzmannElectronvoltsPerKelvin;

    /// <summary>Pre-exponential factor A = exp(intercept): S K/m (sigma T form) or S/m (plain form).</summary>
    public double Prefactor => Math.Exp(Intercept);

    /// <summary>Standard error of <see cref="Prefactor"/> (first order: A times the standard error of ln A).</summary>
    public double PrefactorStandardError => Prefactor * InterceptStandardError;

    /// <summary>Temperature at which <see cref="ReferenceConductivity"/> is given, K.</summary>
    public double ReferenceTemperature { get; }

    /// <summary>Fitted conductivity at <see cref="ReferenceTemperature"/>, S/m.</summary>
    public double ReferenceConductivity => ConductivityAt(ReferenceTemperature);

    /// <summary>Standard error of <see cref="ReferenceConductivity"/>, S/m.</summary>
    public double ReferenceConductivityStandardError => ConductivityStandardErrorAt(ReferenceTemperature);

    /// <summary>
    /// The activation energy of the model's law sigma = sigma_ref exp(-(Ea/R)(1/T - 1/T_ref)) (<c>ArrheniusFactor</c>) that
    /// has the fitted conductivity and slope d ln(sigma)/d(1/T) at <see cref="ReferenceTemperature"/>, J/mol: Ea - R T_ref for
    /// the sigma T form (ln sigma = ln A - ln T - Ea/(R T)), Ea itself for the plain form. Its standard error is
    /// <see cref="ActivationEnergyStandardError"/>.
    /// </summary>
    public double PlainFormActivationEnergy =>
        Form == ArrheniusForm.SigmaT ? ActivationEnergy - PhysicalConstants.Gas * ReferenceTemperature : ActivationEnergy;

    /// <summary>The fitted y (ln(sigma T) or ln sigma) at <paramref name="temperature"/>, K.</summary>
    public double FittedLogAt(double temperature) => Intercept + Slope / temperature;

    /// <summary>Standard error of <see cref="FittedLogAt"/>, from the covariance of intercept and slope.</summary>
    public double FittedLogStandardErrorAt(double temperature)
    {
        double dx = 1 / temperature - _meanInverseTemperature;
        return Math.Sqrt(ResidualVariance * (1 / _weightSum + dx * dx / _sxx));
    }

    /// <summary>Fitted conductivity at <paramref name="temperature"/>, K; S/m.</summary>
    public double ConductivityAt(double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0 K");
        double value = Math.Exp(FittedLogAt(temperature));
        return Form == ArrheniusForm.SigmaT ? value / temperature : value;
    }

    /// <summary>Standard error of <see cref="ConductivityAt"/> (first order: sigma times the standard error of ln sigma), S/m.</summary>
    public double ConductivityStandardErrorAt(double temperature) => ConductivityAt(temperature) * FittedLogStandardErrorAt(temperature);
}
