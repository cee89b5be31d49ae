using CathodeSim.Analysis.Calibration;

namespace CathodeSim.Tests.Calibration;

public class WeightedLeastSquaresTests
{
    private static readonly double[] Xs = [0, 1, 2, 3, 4, 5, 6, 7];

    // Deterministic "noise" so the misfit is not zero and the standard errors are exercised.
    private static readonly double[] Noise = [0.12, -0.3, 0.05, 0.21, -0.17, 0.02, -0.08, 0.26];

    private static readonly double[] Sigma = [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.25, 0.15];

    [Fact]
    public void StraightLine_EstimatesAndStandardErrors_MatchClosedFormWeightedRegression()
    {
        var observations = Xs.Select((x, i) => new Observation($"x={x}", 1.5 + 0.8 * x + Noise[i], Sigma[i])).ToList();
        var parameters = new[] { new FitParameter("a", 0.0, -10, 10, ParameterScale.Linear), new FitParameter("b", 0.1, -10, 10, ParameterScale.Linear) };
        var result = WeightedLeastSquares.Fit(parameters, observations, p => Xs.Select(x => p[0] + p[1] * x).ToArray());

        // Closed form (analytical): weights w = 1/sigma^2.
        double s = 0, sx = 0, sxx = 0, sy = 0, sxy = 0;
        for (int i = 0; i < Xs.Length; i++)
        {
            double w = 1 / (Sigma[i] * Sigma[i]), y = observations[i].Measured;
            s += w; sx += w * Xs[i]; sxx += w * Xs[i] * Xs[i]; sy += w * y; sxy += w * Xs[i] * y;
        }
        double delta = s * sxx - sx * sx;
        double a = (sxx * sy - sx * sxy) / delta, b = (s * sxy - sx * sy) / delta;
        double chi2 = Xs.Select((x, i) => Math.Pow((observations[i].Measured - a - b * x) / Sigma[i], 2)).Sum();
        double scale = chi2 / (Xs.Length - 2);
        Assert.Equal(a, result.Estimates[0].Value, 5);   // LM stops at a step of 1e-5 in its internal coordinates
        Assert.Equal(b, result.Estimates[1].Value, 5);
        Assert.Equal(chi2, result.ChiSquare, 5);
        Assert.Equal(Math.Sqrt(scale * sxx / delta), result.Estimates[0].StandardError, 5);
        Assert.Equal(Math.Sqrt(scale * s / delta), result.Estimates[1].StandardError, 5);
        Assert.Equal(-sx / Math.Sqrt(sxx * s), result.Correlation[0, 1], 5);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ExponentialDecay_LogScaledRate_RecoveredFromNoiseFreeData_FromAStartTwoDecadesOff()
    {
        double[] t = [0.1, 0.3, 1, 2, 4, 8];
        const double amplitude = 3.0, rate = 0.45;
        var observations = t.Select(x => new Observation($"t={x}", amplitude * Math.Exp(-rate * x), 0.01)).ToList();
        var parameters = new[] { new FitParameter("amplitude", 1, 0.1, 10, ParameterScale.Log), new FitParameter("rate", 0.005, 1e-4, 10, ParameterScale.Log) };
        var result = WeightedLeastSquares.Fit(parameters, observations, p => t.Select(x => p[0] * Math.Exp(-p[1] * x)).ToArray());
        Assert.Equal(amplitude, result.Estimates[0].Value, 4);
        Assert.Equal(rate, result.Estimates[1].Value, 4);
        Assert.True(result.ChiSquare < 1e-6, $"chi2 {result.ChiSquare}");
        Assert.True(result.InitialChiSquare > 1e3);
    }

    [Fact]
    public void ProductOfTwoParameters_IsReportedAsNotIdentifiableSeparately()
    {
        var observations = Xs.Select((x, i) => new Observation($"x={x}", 2.0 * x + Noise[i] * 0.1, 0.05)).ToList();
        var parameters = new[] { new FitParameter("k1", 1, 0.1, 10, ParameterScale.Log), new FitParameter("k2", 1, 0.1, 10, ParameterScale.Log) };
        var result = WeightedLeastSquares.Fit(parameters, observations, p => Xs.Select(x => p[0] * p[1] * x).ToArray());
        Assert.Equal(2.0, result.Estimates[0].Value * result.Estimates[1].Value, 2);
        Assert.Contains(result.Warnings, w => w.Contains("not identifiable separately") || w.Contains("do not determine the parameters separately"));
    }

    [Fact]
    public void DataBeyondTheBound_LeaveTheEstimateOnTheBound_AndSaySo()
    {
        var observations = Xs.Select(x => new Observation($"x={x}", 5.0 * x, 0.1)).ToList();
        var parameters = new[] { new FitParameter("slope", 1, 0.5, 3, ParameterScale.Linear) };
        var result = WeightedLeastSquares.Fit(parameters, observations, p => Xs.Select(x => p[0] * x).ToArray());
        Assert.True(result.Estimates[0].AtBound);
        Assert.Equal(3, result.Estimates[0].Value, 3);
        Assert.Contains(result.Warnings, w => w.Contains("slope ended on a bound"));
    }

    [Theory]
    [InlineData(5.0, 0.1, 1.0, ParameterScale.Linear, "outside its bounds")]
    [InlineData(0.5, 1.0, 0.1, ParameterScale.Linear, "is not below upper bound")]
    [InlineData(0.5, 0.0, 1.0, ParameterScale.Log, "positive lower bound")]
    public void BadParameters_AreRejectedWithTheReason(double initial, double lower, double upper, ParameterScale scale, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => WeightedLeastSquares.Fit([new FitParameter("p", initial, lower, upper, scale)],
            [new Observation("y", 1, 0.1)], p => [p[0]]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ModelThatFails_NamesThePoint()
    {
        var e = Assert.Throws<InvalidOperationException>(() => WeightedLeastSquares.Fit([new FitParameter("p", 0.5, 0.1, 1, ParameterScale.Linear)],
            [new Observation("y", 1, 0.1)], _ => [double.NaN]));
        Assert.Contains("p = 0.5", e.Message);
    }
}
