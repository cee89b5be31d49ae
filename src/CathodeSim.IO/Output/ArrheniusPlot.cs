using System.Globalization;
using CathodeSim.Analysis.Fitting;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;stem&gt;_arrhenius.png</c>: ln(sigma T) (or ln sigma) against 1000/T, the measurements as markers, the fitted line,
/// and the fitted conductivity at the reference temperature. Conductivity in S/cm, temperature in K, as in lab plots.
/// </summary>
public static class ArrheniusPlot
{
    /// <summary>Image width, px.</summary>
    public const int Width = 800;

    /// <summary>Image height, px.</summary>
    public const int Height = 600;

    /// <summary>ln(100): the fitted y is in S/m (times K), the plot's in S/cm.</summary>
    private static readonly double LnSiPerLab = Math.Log(100);

    /// <summary>Plots <paramref name="fit"/> to <paramref name="path"/> atomically; returns the path.</summary>
    /// <param name="path">The PNG file; its directory must exist.</param>
    /// <param name="fit">The fit.</param>
    /// <param name="title">Title prefix, e.g. the data file's name.</param>
    public static string Write(string path, ArrheniusFitResult fit, string title)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var inv = CultureInfo.InvariantCulture;
        bool sigmaT = fit.Form == ArrheniusForm.SigmaT;

        double[] xs = fit.Measurements.Select(m => 1000 / m.Temperature).ToArray();
        double[] ys = fit.Measurements.Select(m => ArrheniusFit.Transform(m.Conductivity, m.Temperature, fit.Form) - LnSiPerLab).ToArray();
        double xRef = 1000 / fit.ReferenceTemperature;
        double yRef = fit.FittedLogAt(fit.ReferenceTemperature) - LnSiPerLab;

        var plot = new Plot();
        double xMin = Math.Min(xs.Min(), xRef), xMax = Math.Max(xs.Max(), xRef);
        double pad = 0.03 * (xMax - xMin);
        double[] lineX = [xMin - pad, xMax + pad];
        double[] lineY = lineX.Select(x => fit.FittedLogAt(1000 / x) - LnSiPerLab).ToArray();
        var line = plot.Add.Scatter(lineX, lineY);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = string.Create(inv,
            $"fit: Ea = {UncertaintyFormat.WithError(fit.ActivationEnergy / 1e3, fit.ActivationEnergyStandardError / 1e3, "kJ/mol")} ({UncertaintyFormat.Value(fit.ActivationEnergyElectronvolts, fit.ActivationEnergyElectronvoltsStandardError)} eV), R^2 = {fit.RSquared:F4}");

        var points = plot.Add.Scatter(xs, ys);
        points.LineWidth = 0;
        points.MarkerSize = 9;
        points.LegendText = $"measured ({fit.Count} points)";

        var reference = plot.Add.Scatter(new[] { xRef }, new[] { yRef });
        reference.LineWidth = 0;
        reference.MarkerSize = 11;
        reference.MarkerShape = MarkerShape.OpenDiamond;
        reference.LegendText = string.Create(inv,
            $"sigma({ArrheniusConfigFragment.ReferenceTemperatureText(fit.ReferenceTemperature)}) = {UncertaintyFormat.WithError(fit.ReferenceConductivity * 10, fit.ReferenceConductivityStandardError * 10, "mS/cm")}");

        plot.Title($"{title}: Arrhenius fit, {(sigmaT ? "sigma T = A exp(-Ea/RT)" : "sigma = A exp(-Ea/RT)")}");
        plot.XLabel("1000/T (1/K)");
        plot.YLabel(sigmaT ? "ln(sigma T / (S K/cm))" : "ln(sigma / (S/cm))");
        plot.ShowLegend(Alignment.UpperRight);

        AtomicFile.Write(path, tempPath => plot.SavePng(tempPath, Width, Height));
        return path;
    }
}
