using System.CommandLine;
using System.Globalization;
using System.Numerics;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>
/// Which points of a measured spectrum a command uses: one sweep of a multi-sweep file (<c>--loop</c>; the first, said so,
/// when not given: sweeps are never merged silently) and a frequency band (<c>--fmin</c>, <c>--fmax</c>, Hz).
/// </summary>
internal sealed record SpectrumSelection(int? Loop, double Minimum, double Maximum)
{
    public static Option<int?> LoopOption() => new("--loop")
    {
        Description = "Which frequency sweep of a file that holds several to use (1 = the first; default: the first, with a warning).",
        HelpName = "N",
    };

    /// <summary>The selection from the options' values; throws for bad units, an empty band or a loop below 1.</summary>
    public static SpectrumSelection Parse(int? loop, string? minimum, string? maximum)
    {
        if (loop is < 1) throw new ArgumentException($"--loop: {loop} is not a sweep number; sweeps count from 1");
        double lo = minimum is null ? 0 : UnitParser.ToSi(minimum, QuantityKind.Frequency);
        double hi = maximum is null ? double.PositiveInfinity : UnitParser.ToSi(maximum, QuantityKind.Frequency);
        if (!(lo >= 0)) throw new ArgumentException($"--fmin: '{minimum}' is not a frequency >= 0");
        if (!(hi > lo)) throw new ArgumentException($"--fmax ({maximum}) must be above --fmin ({minimum ?? "0 Hz"})");
        return new SpectrumSelection(loop, lo, hi);
    }

    /// <summary>
    /// The chosen sweep's points within the band (at least 3, else an error naming <paramref name="path"/>); a warning in
    /// <paramref name="warnings"/> says which sweep was taken when the file holds several.
    /// </summary>
    public (MeasuredSpectrum Sweep, double[] Frequency, Complex[] Impedance) Select(MeasuredSpectrum spectrum, string path, List<string> warnings)
    {
        if (Loop is { } n && n > spectrum.SweepCount)
            throw new ArgumentException($"--loop {n}: {path} holds {spectrum.SweepCount} sweep{(spectrum.SweepCount == 1 ? "" : "s")}");
        if (Loop is null && spectrum.SweepCount > 1)
            warnings.Add($"{Path.GetFileName(path)} holds {spectrum.SweepCount} frequency sweeps; sweep 1 is used (choose another with --loop N)");
        var sweep = spectrum.Sweep(Loop ?? 1);
        var keep = Enumerable.Range(0, sweep.Frequency.Length)
            .Where(i => sweep.Frequency[i] >= Minimum && sweep.Frequency[i] <= Maximum).ToArray();
        if (keep.Length < 3)
            throw new ArgumentException(
                $"{path}: {keep.Length} of the {sweep.Frequency.Length} frequencies of sweep {Loop ?? 1} lie between {Hz(Minimum)} and {Hz(Maximum)}; at least 3 are needed");
        return (sweep, keep.Select(i => sweep.Frequency[i]).ToArray(), keep.Select(i => new Complex(sweep.Real[i], sweep.Imaginary[i])).ToArray());
    }

    private static string Hz(double f) => double.IsPositiveInfinity(f) ? "infinity" : f.ToString("G4", CultureInfo.InvariantCulture) + " Hz";
}
