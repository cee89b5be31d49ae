using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Measurements;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Impedance;

/// <summary>Complex non-linear least squares: recovery of known parameters from noisy synthetic spectra and impedance.py's example.</summary>
public sealed class CircuitFitTests(ITestOutputHelper output)
{
    public static TheoryData<string, double[]> Families => new()
    {
        { "R0-p(R1,C1)", [20, 100, 1e-6] },
        { "R0-p(R1,CPE1)", [20, 100, 2e-6, 0.85] },
        { "R0-W1", [20, 50] },
        { "R0-p(R1,C1)-Wo1", [20, 100, 1e-6, 200, 10] },
        { "R0-p(R1,C1)-Ws1", [20, 100, 1e-6, 200, 10] },
        { "R0-L1-p(R1,C1)", [20, 1e-6, 100, 1e-6] },
        { "R0-p(R1,CPE1)-p(R2,CPE2)-W1", [15, 60, 5e-7, 0.9, 150, 2e-4, 0.8, 30] },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Fit_RecoversKnownParameters_WithinThreeStandardErrors_FromDataGuesses(string text, double[] truth)
    {
        var circuit = Circuit.Parse(text);
        double[] f = SyntheticSpectra.Frequencies();
        for (int seed = 1; seed <= 3; seed++)
        {
            var z = SyntheticSpectra.Spectrum(circuit, truth, f, 0.01, seed);
            var fit = CircuitFitter.Fit(circuit, f, z);
            for (int i = 0; i < truth.Length; i++)
            {
                output.WriteLine($"{text} seed {seed}: {circuit.ParameterNames[i]} = {fit.Parameters[i]:G5} +- {fit.StandardErrors[i]:G3} (true {truth[i]:G5}), chi2/dof {fit.ReducedChiSquare:G3}, {fit.Iterations} it");
                Assert.True(Math.Abs(fit.Parameters[i] - truth[i]) <= 3 * fit.StandardErrors[i],
                    $"{text} seed {seed}: {circuit.ParameterNames[i]} = {fit.Parameters[i]} +- {fit.StandardErrors[i]}, true {truth[i]}");
                Assert.True(fit.StandardErrors[i] < 0.2 * truth[i], $"{circuit.ParameterNames[i]}: standard error {fit.StandardErrors[i]} too large");
            }
            // Residual variance near the noise variance (modulus weighting: 1e-4 per part).
            Assert.InRange(fit.ReducedChiSquare, 0.6e-4, 1.5e-4);
        }
    }

    [Fact]
    public void Fit_FixedParameterStays_AndOthersAreRecovered()
    {
        var circuit = Circuit.Parse("R0-p(R1,C1)");
        double[] f = SyntheticSpectra.Frequencies();
        var z = SyntheticSpectra.Spectrum(circuit, [20, 100, 1e-6], f, 0.0, 1);
        var fit = CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions
        {
            Initial = new Dictionary<string, double> { ["R0"] = 20 },
            Fixed = ["R0"],
            Weighting = ImpedanceWeighting.Proportional,
        });
        Assert.Equal(20, fit["R0"]);
        Assert.Equal(0, fit.ErrorOf("R0"));
        Assert.Equal(100, fit["R1"], 1e-6);
        Assert.Equal(1e-6, fit["C1"], 1e-12);
    }

    [Fact]
    public void Fit_Bounds_AreRespected_AndUnknownNamesAreRejected()
    {
        var circuit = Circuit.Parse("R0-p(R1,C1)");
        double[] f = SyntheticSpectra.Frequencies();
        var z = SyntheticSpectra.Spectrum(circuit, [20, 100, 1e-6], f, 0.0, 1);
        var fit = CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions
        {
            Bounds = new Dictionary<string, (double, double)> { ["R1"] = (0, 80) },
            Weighting = ImpedanceWeighting.Unit,
        });
        Assert.InRange(fit["R1"], 0, 80);
        var e = Assert.Throws<ArgumentException>(() => CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions { Fixed = ["R7"] }));
        Assert.Contains("R7", e.Message);
    }

    /// <summary>impedance.py's documented fit of its exampleData.csv (docs, "Getting started").</summary>
    private static readonly double[] ImpedancePyFit = [1.65e-2, 8.68e-3, 3.32, 5.39e-3, 6.31e-2, 2.33e2, 2.20e-1];

    internal static string? ExampleData()
    {
        var file = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "external-data", "impedance.py", "exampleData.csv"));
        return File.Exists(file) ? file : null;
    }

    [Fact]
    public void Fit_ImpedancePyExample_IsAsGoodAsTheDocumentedFit_WhenDataPresent()
    {
        string? file = ExampleData();
        if (file is null)
        {
            output.WriteLine("../shared/external-data/impedance.py/exampleData.csv not found: skipped");
            return;
        }
        var spectrum = MeasurementReader.ReadSpectrum(file);
        // impedance.py fits only the points with -Im Z > 0 (preprocessing.ignoreBelowX).
        var keep = Enumerable.Range(0, spectrum.Frequency.Length).Where(i => spectrum.Imaginary[i] < 0).ToArray();
        double[] f = keep.Select(i => spectrum.Frequency[i]).ToArray();
        Complex[] z = keep.Select(i => new Complex(spectrum.Real[i], spectrum.Imaginary[i])).ToArray();
        var circuit = Circuit.Parse("R0-p(R1,C1)-p(R2-Wo1,C2)");
        string[] names = [.. circuit.ParameterNames];
        double[] guess = [.01, .01, 100, .01, .05, 100, 1];
        foreach (var weighting in new[] { ImpedanceWeighting.Unit, ImpedanceWeighting.Modulus })
        {
            var fit = CircuitFitter.Fit(circuit, f, z, new CircuitFitOptions
            {
                Weighting = weighting,
                Initial = names.Select((n, i) => (n, guess[i])).ToDictionary(x => x.n, x => x.Item2),
            });
            double documented = CircuitFitter.ChiSquare(circuit, ImpedancePyFit, f, z, weighting);
            for (int i = 0; i < names.Length; i++)
                output.WriteLine($"{weighting}: {names[i]} = {fit.Parameters[i]:G4} +- {fit.StandardErrors[i]:G2} (impedance.py {ImpedancePyFit[i]:G3})");
            output.WriteLine($"{weighting}: chi2 {fit.ChiSquare:G5}, documented parameters give {documented:G5}");
            bool within10 = Enumerable.Range(0, names.Length).All(i => Math.Abs(fit.Parameters[i] / ImpedancePyFit[i] - 1) <= 0.1);
            Assert.True(within10 || fit.ChiSquare <= documented, $"{weighting}: chi2 {fit.ChiSquare} > {documented}");
        }
    }
}
