using System.Globalization;
using System.Numerics;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>The frequency range of a spectrum that a command uses (<c>--fmin</c>, <c>--fmax</c>), Hz.</summary>
internal sealed record FrequencyBand(double Minimum, double Maximum)
{
    /// <summary>The whole spectrum.</summary>
    public static FrequencyBand All { get; } = new(0, double.PositiveInfinity);

    /// <summary>The band from the options' texts (either may be absent); throws for bad units or an empty band.</summary>
    public static FrequencyBand Parse(string? minimum, string? maximum)
    {
        double lo = minimum is null ? 0 : UnitParser.ToSi(minimum, QuantityKind.Frequency);
        double hi = maximum is null ? double.PositiveInfinity : UnitParser.ToSi(maximum, QuantityKind.Frequency);
        if (!(lo >= 0)) throw new ArgumentException($"--fmin: '{minimum}' is not a frequency >= 0");
        if (!(hi > lo)) throw new ArgumentException($"--fmax ({maximum}) must be above --fmin ({minimum ?? "0 Hz"})");
        return new FrequencyBand(lo, hi);
    }

    /// <summary>The points of <paramref name="spectrum"/> within the band; at least 3, else an error naming <paramref name="path"/>.</summary>
    public (double[] Frequency, Complex[] Impedance) Select(MeasuredSpectrum spectrum, string path)
    {
        var keep = Enumerable.Range(0, spectrum.Frequency.Length)
            .Where(i => spectrum.Frequency[i] >= Minimum && spectrum.Frequency[i] <= Maximum).ToArray();
        if (keep.Length < 3)
            throw new ArgumentException(
                $"{path}: {keep.Length} of its {spectrum.Frequency.Length} frequencies lie between {Hz(Minimum)} and {Hz(Maximum)}; at least 3 are needed");
        return (keep.Select(i => spectrum.Frequency[i]).ToArray(), keep.Select(i => new Complex(spectrum.Real[i], spectrum.Imaginary[i])).ToArray());
    }

    private static string Hz(double f) => double.IsPositiveInfinity(f) ? "infinity" : f.ToString("G4", CultureInfo.InvariantCulture) + " Hz";
}
