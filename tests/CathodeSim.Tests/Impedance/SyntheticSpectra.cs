using System.Numerics;
using CathodeSim.Analysis.Impedance;

namespace CathodeSim.Tests.Impedance;

/// <summary>Synthetic spectra: log-spaced frequencies and seeded relative Gaussian noise.</summary>
internal static class SyntheticSpectra
{
    public static double[] Frequencies(double fMax = 1e6, double fMin = 1e-2, int perDecade = 10)
    {
        int decades = (int)Math.Round(Math.Log10(fMax / fMin));
        int n = decades * perDecade + 1;
        return Enumerable.Range(0, n).Select(i => fMax * Math.Pow(10, -(double)i / perDecade)).ToArray();
    }

    public static double[] LogSpaced(double fMax, double fMin, int n) =>
        Enumerable.Range(0, n).Select(i => Math.Exp(Math.Log(fMax) + (Math.Log(fMin) - Math.Log(fMax)) * i / (n - 1))).ToArray();

    /// <summary>Z(f) with noise of standard deviation <paramref name="noise"/> |Z| on each part.</summary>
    public static Complex[] Spectrum(Circuit circuit, double[] parameters, double[] f, double noise, int seed)
    {
        var rng = new Random(seed);
        var z = circuit.Impedance(parameters, f);
        for (int i = 0; i < z.Length; i++)
        {
            double m = z[i].Magnitude;
            z[i] += new Complex(noise * m * Gauss(rng), noise * m * Gauss(rng));
        }
        return z;
    }

    public static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static string WriteCsv(string path, double[] f, Complex[] z)
    {
        var lines = new List<string> { "freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm" };
        for (int i = 0; i < f.Length; i++)
            lines.Add(FormattableString.Invariant($"{f[i]:R},{z[i].Real:R},{-z[i].Imaginary:R}"));
        File.WriteAllLines(path, lines);
        return path;
    }
}
