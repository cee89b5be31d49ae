using CathodeSim.Analysis.Fitting;
using CathodeSim.Model;

namespace CathodeSim.Tests.Analysis;

/// <summary>Conductivities that follow an Arrhenius law exactly or with log-normal noise (seeded).</summary>
internal static class SyntheticConductivity
{
    public const double Ea = 33_000;              // J/mol
    public const double SigmaRef = 0.149;         // S/m = 1.49 mS/cm at 25 degC (Li3InCl6)
    public const double TRef = 298.15;

    /// <summary>-20, -15, ..., 25 degC.</summary>
    public static double[] Temperatures { get; } = Enumerable.Range(0, 10).Select(i => 253.15 + 5 * i).ToArray();

    public static double Sigma(double t, ArrheniusForm form, double ea = Ea) =>
        SigmaRef * (form == ArrheniusForm.SigmaT ? TRef / t : 1) * Math.Exp(-ea / PhysicalConstants.Gas * (1 / t - 1 / TRef));

    /// <summary>Measurements with relative noise <paramref name="noise"/>: sigma * exp(noise * z), z standard normal.</summary>
    public static List<ConductivityMeasurement> Data(ArrheniusForm form, double noise = 0, int seed = 1, double[]? temperatures = null)
    {
        var random = new Random(seed);
        return (temperatures ?? Temperatures).Select(t => new ConductivityMeasurement(t, Sigma(t, form) * Math.Exp(noise * Normal(random)))).ToList();
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

public sealed class ArrheniusFitTests
{
    private static double Rel(double actual, double expected) => Math.Abs(actual / expected - 1);

    [Theory]
    [InlineData(ArrheniusForm.SigmaT)]
    [InlineData(ArrheniusForm.Plain)]
    public void ExactData_RecoversEaAndReferenceConductivity_ToRoundoff(ArrheniusForm form)
    {
        var fit = ArrheniusFit.Fit(SyntheticConductivity.Data(form), form);

        Assert.True(Rel(fit.ActivationEnergy, SyntheticConductivity.Ea) < 1e-9, $"Ea {fit.ActivationEnergy}");
        Assert.True(Rel(fit.ReferenceConductivity, SyntheticConductivity.SigmaRef) < 1e-9, $"sigma_ref {fit.ReferenceConductivity}");
        Assert.Equal(1.0, fit.RSquared, 12);
        Assert.All(fit.Residuals, r => Assert.True(Math.Abs(r) < 1e-12));
        Assert.True(fit.ActivationEnergyStandardError < 1e-6 * fit.ActivationEnergy);
        Assert.Equal(10, fit.Count);
        Assert.Equal(8, fit.DegreesOfFreedom);
        Assert.False(fit.Weighted);
        Assert.Empty(fit.Warnings);

        // eV: Ea / F (k_B / R = 1 / F with the exact SI constants): 33 kJ/mol = 0.342 eV.
        Assert.True(Rel(fit.ActivationEnergyElectronvolts, SyntheticConductivity.Ea / PhysicalConstants.Faraday) < 1e-9);
        Assert.Equal(0.342, fit.ActivationEnergyElectronvolts, 3);
        // A = sigma_ref (T_ref) exp(Ea / (R T_ref)).
        double a = SyntheticConductivity.SigmaRef * (form == ArrheniusForm.SigmaT ? SyntheticConductivity.TRef : 1)
            * Math.Exp(SyntheticConductivity.Ea / (PhysicalConstants.Gas * SyntheticConductivity.TRef));
        Assert.True(Rel(fit.Prefactor, a) < 1e-9);
        foreach (double t in new[] { 240.0, 270.0, 350.0 })
            Assert.True(Rel(fit.ConductivityAt(t), SyntheticConductivity.Sigma(t, form)) < 1e-9);
    }

    [Theory]
    [InlineData(ArrheniusForm.SigmaT, 1)]
    [InlineData(ArrheniusForm.SigmaT, 2)]
    [InlineData(ArrheniusForm.SigmaT, 3)]
    [InlineData(ArrheniusForm.Plain, 1)]
    [InlineData(ArrheniusForm.Plain, 2)]
    [InlineData(ArrheniusForm.Plain, 3)]
    public void NoisyData_RecoversEa_WithinThreeStandardErrorsAndFivePercent(ArrheniusForm form, int seed)
    {
        var fit = ArrheniusFit.Fit(SyntheticConductivity.Data(form, noise: 0.02, seed: seed), form);

        double error = fit.ActivationEnergy - SyntheticConductivity.Ea;
        Assert.True(fit.ActivationEnergyStandardError > 0);
        Assert.True(Math.Abs(error) < 3 * fit.ActivationEnergyStandardError, $"Ea {fit.ActivationEnergy} +/- {fit.ActivationEnergyStandardError}");
        Assert.True(Math.Abs(error) < 0.05 * SyntheticConductivity.Ea, $"Ea {fit.ActivationEnergy}");
        double sigmaError = fit.ReferenceConductivity - SyntheticConductivity.SigmaRef;
        Assert.True(Math.Abs(sigmaError) < 3 * fit.ReferenceConductivityStandardError,
            $"sigma_ref {fit.ReferenceConductivity} +/- {fit.ReferenceConductivityStandardError}");
        Assert.InRange(fit.RSquared, 0.99, 1.0);
    }

    [Theory]
    [InlineData(ArrheniusForm.SigmaT)]
    [InlineData(ArrheniusForm.Plain)]
    public void StandardErrors_HaveTheirNominalCoverage_OverManyNoisyDataSets(ArrheniusForm form)
    {
        // With 8 degrees of freedom |estimate - truth| < 1 standard error in 65 % of data sets (Student t).
        const int sets = 400;
        int eaInside = 0, sigmaInside = 0;
        for (int seed = 0; seed < sets; seed++)
        {
            var fit = ArrheniusFit.Fit(SyntheticConductivity.Data(form, noise: 0.03, seed: 1000 + seed), form);
            if (Math.Abs(fit.ActivationEnergy - SyntheticConductivity.Ea) < fit.ActivationEnergyStandardError) eaInside++;
            if (Math.Abs(fit.ReferenceConductivity - SyntheticConductivity.SigmaRef) < fit.ReferenceConductivityStandardError) sigmaInside++;
        }
        Assert.InRange(eaInside / (double)sets, 0.58, 0.73);
        Assert.InRange(sigmaInside / (double)sets, 0.58, 0.73);
    }

    [Theory]
    [InlineData(ArrheniusForm.SigmaT)]
    [InlineData(ArrheniusForm.Plain)]
    public void StandardError_ShrinksWithTheNoise(ArrheniusForm form)
    {
        double[] noises = [0.08, 0.02, 0.005, 0.00125];
        var fits = noises.Select(n => ArrheniusFit.Fit(SyntheticConductivity.Data(form, noise: n, seed: 7), form)).ToList();
        for (int i = 1; i < fits.Count; i++)
        {
            // The same normal deviates scaled: the residuals, hence the standard errors, scale with the noise.
            Assert.Equal(4.0, fits[i - 1].ActivationEnergyStandardError / fits[i].ActivationEnergyStandardError, 6);
            Assert.Equal(4.0, fits[i - 1].ReferenceConductivityStandardError / fits[i].ReferenceConductivityStandardError, 1);
            Assert.True(Math.Abs(fits[i].ActivationEnergy - SyntheticConductivity.Ea) < Math.Abs(fits[i - 1].ActivationEnergy - SyntheticConductivity.Ea));
        }
        Assert.True(fits[^1].ActivationEnergyStandardError < 0.001 * SyntheticConductivity.Ea);
    }

    [Fact]
    public void StandardErrors_MatchTheTextbookFormulas()
    {
        var data = SyntheticConductivity.Data(ArrheniusForm.SigmaT, noise: 0.02, seed: 11);
        var fit = ArrheniusFit.Fit(data, ArrheniusForm.SigmaT, referenceTemperature: 310);

        double[] x = data.Select(m => 1 / m.Temperature).ToArray();
        double[] y = data.Select(m => Math.Log(m.Conductivity * m.Temperature)).ToArray();
        int n = x.Length;
        double xBar = x.Average();
        double sxx = x.Sum(v => (v - xBar) * (v - xBar));
        double s2 = x.Select((v, i) => y[i] - fit.Intercept - fit.Slope * v).Sum(r => r * r) / (n - 2);
        Assert.Equal(Math.Sqrt(s2 / sxx), fit.SlopeStandardError, 1e-9 * fit.SlopeStandardError);
        Assert.Equal(Math.Sqrt(s2 * (1.0 / n + xBar * xBar / sxx)), fit.InterceptStandardError, 1e-9 * fit.InterceptStandardError);
        Assert.Equal(-xBar * s2 / sxx, fit.SlopeInterceptCovariance, 1e-9 * Math.Abs(fit.SlopeInterceptCovariance));

        // Prediction at T_ref: Var(b0) + x^2 Var(b1) + 2 x Cov(b0, b1) = s^2 (1/n + (x - xbar)^2 / Sxx).
        double xRef = 1 / 310.0;
        double viaCovariance = Math.Sqrt(Math.Pow(fit.InterceptStandardError, 2) + xRef * xRef * Math.Pow(fit.SlopeStandardError, 2)
            + 2 * xRef * fit.SlopeInterceptCovariance);
        double centred = Math.Sqrt(s2 * (1.0 / n + (xRef - xBar) * (xRef - xBar) / sxx));
        Assert.Equal(centred, viaCovariance, 1e-6 * centred);
        Assert.Equal(centred, fit.FittedLogStandardErrorAt(310), 1e-9 * centred);
        Assert.Equal(fit.ReferenceConductivity * centred, fit.ReferenceConductivityStandardError, 1e-9 * fit.ReferenceConductivityStandardError);
        Assert.Equal(fit.ConductivityAt(310), fit.ReferenceConductivity, 15);

        // The error of the predicted conductivity is smallest near the middle of the data.
        Assert.True(fit.ConductivityStandardErrorAt(1 / xBar) / fit.ConductivityAt(1 / xBar) < fit.FittedLogStandardErrorAt(253.15));
    }

    [Fact]
    public void ResidualsAndRSquared_AreThoseOfTheLine()
    {
        var data = SyntheticConductivity.Data(ArrheniusForm.Plain, noise: 0.05, seed: 3);
        var fit = ArrheniusFit.Fit(data, ArrheniusForm.Plain);
        double[] y = data.Select(m => Math.Log(m.Conductivity)).ToArray();
        Assert.Equal(0, fit.Residuals.Sum(), 12);
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i] - fit.FittedLogAt(data[i].Temperature), fit.Residuals[i], 12);
        double mean = y.Average();
        double rSquared = 1 - fit.Residuals.Sum(r => r * r) / y.Sum(v => (v - mean) * (v - mean));
        Assert.Equal(rSquared, fit.RSquared, 12);
    }

    [Fact]
    public void SigmaTForm_PlainFormActivationEnergy_HasTheFittedSlopeAtTheReferenceTemperature()
    {
        var fit = ArrheniusFit.Fit(SyntheticConductivity.Data(ArrheniusForm.SigmaT), ArrheniusForm.SigmaT);
        Assert.Equal(SyntheticConductivity.Ea - PhysicalConstants.Gas * SyntheticConductivity.TRef, fit.PlainFormActivationEnergy, 6);

        // d ln(sigma) / d(1/T) at T_ref = -Ea_plain / R: what the model's ArrheniusFactor uses.
        const double h = 1e-7;
        double x = 1 / SyntheticConductivity.TRef;
        double slope = (Math.Log(fit.ConductivityAt(1 / (x + h))) - Math.Log(fit.ConductivityAt(1 / (x - h)))) / (2 * h);
        Assert.True(Rel(-slope * PhysicalConstants.Gas, fit.PlainFormActivationEnergy) < 1e-6);

        var plain = ArrheniusFit.Fit(SyntheticConductivity.Data(ArrheniusForm.Plain), ArrheniusForm.Plain);
        Assert.Equal(plain.ActivationEnergy, plain.PlainFormActivationEnergy);
    }

    [Fact]
    public void TwoMeasurements_FitExactly_WithoutErrorEstimates_AndWarn()
    {
        var fit = ArrheniusFit.Fit(SyntheticConductivity.Data(ArrheniusForm.SigmaT, noise: 0.02, temperatures: [263.15, 298.15]), ArrheniusForm.SigmaT);
        Assert.False(fit.HasErrorEstimate);
        Assert.Equal(0, fit.DegreesOfFreedom);
        Assert.True(double.IsFinite(fit.ActivationEnergy));
        Assert.True(double.IsNaN(fit.ActivationEnergyStandardError));
        Assert.True(double.IsNaN(fit.ReferenceConductivityStandardError));
        Assert.Contains(fit.Warnings, w => w.Contains("only 2 measurements"));
        Assert.All(fit.Residuals, r => Assert.True(Math.Abs(r) < 1e-12));
    }

    [Fact]
    public void ReferenceTemperatureOutsideTheData_Warns()
    {
        var fit = ArrheniusFit.Fit(SyntheticConductivity.Data(ArrheniusForm.Plain), ArrheniusForm.Plain, referenceTemperature: 333.15);
        Assert.Contains(fit.Warnings, w => w.Contains("extrapolated"));
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        static ConductivityMeasurement M(double t, double s) => new(t, s);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => ArrheniusFit.Fit([M(300, 0.1)], ArrheniusForm.Plain)).Message);
        Assert.Contains("same temperature", Assert.Throws<ArgumentException>(() => ArrheniusFit.Fit([M(300, 0.1), M(300, 0.2), M(300, 0.3)], ArrheniusForm.Plain)).Message);
        Assert.Contains("measurement 2", Assert.Throws<ArgumentException>(() => ArrheniusFit.Fit([M(300, 0.1), M(290, 0), M(280, 0.05)], ArrheniusForm.Plain)).Message);
        Assert.Contains("above 0 K", Assert.Throws<ArgumentException>(() => ArrheniusFit.Fit([M(300, 0.1), M(-5, 0.1)], ArrheniusForm.Plain)).Message);
        Assert.Contains("one for every", Assert.Throws<ArgumentException>(() => ArrheniusFit.Fit([M(300, 0.1), new(290, 0.08, 0.001), M(280, 0.05)], ArrheniusForm.Plain)).Message);
        Assert.Throws<ArgumentException>(() => ArrheniusFit.Fit([M(300, 0.1), M(290, 0.08)], ArrheniusForm.Plain, referenceTemperature: 0));
    }

    [Fact]
    public void Weights_EqualUncertaintiesChangeNothing_AndAnUncertainOutlierHardlyCounts()
    {
        var data = SyntheticConductivity.Data(ArrheniusForm.SigmaT, noise: 0.02, seed: 5);
        var unweighted = ArrheniusFit.Fit(data, ArrheniusForm.SigmaT);
        var equal = ArrheniusFit.Fit(data.Select(m => m with { StandardUncertainty = 0.02 * m.Conductivity }).ToList(), ArrheniusForm.SigmaT);
        Assert.True(equal.Weighted);
        Assert.Equal(unweighted.ActivationEnergy, equal.ActivationEnergy, 6);
        Assert.Equal(unweighted.ActivationEnergyStandardError, equal.ActivationEnergyStandardError, 6);
        Assert.Equal(unweighted.ReferenceConductivityStandardError, equal.ReferenceConductivityStandardError, 12);

        // Exact data with one point off by a factor 2: weighted by its (large) uncertainty it barely moves the fit.
        var exact = SyntheticConductivity.Data(ArrheniusForm.SigmaT);
        var outlier = exact.Select((m, i) => i == 3
            ? m with { Conductivity = 2 * m.Conductivity, StandardUncertainty = 100 * m.Conductivity }
            : m with { StandardUncertainty = 0.01 * m.Conductivity }).ToList();
        var weighted = ArrheniusFit.Fit(outlier, ArrheniusForm.SigmaT);
        var plain = ArrheniusFit.Fit(outlier.Select(m => m with { StandardUncertainty = null }).ToList(), ArrheniusForm.SigmaT);
        Assert.True(Rel(weighted.ActivationEnergy, SyntheticConductivity.Ea) < 1e-3, $"weighted Ea {weighted.ActivationEnergy}");
        Assert.True(Rel(plain.ActivationEnergy, SyntheticConductivity.Ea) > 1e-2, $"unweighted Ea {plain.ActivationEnergy}");
    }
}
