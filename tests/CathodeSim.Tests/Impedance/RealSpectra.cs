using System.Numerics;
using CathodeSim.IO.Measurements;

namespace CathodeSim.Tests.Impedance;

/// <summary>The measured spectra in ../shared/external-data (see its README), or null where the folder is absent.</summary>
internal static class RealSpectra
{
    public static string? Path(params string[] parts)
    {
        string file = System.IO.Path.GetFullPath(System.IO.Path.Combine([RepositoryPaths.Root, "..", "shared", "external-data", .. parts]));
        return File.Exists(file) ? file : null;
    }

    /// <summary>
    /// The spectrum of <paramref name="name"/>: Sample2_PEIS_AtRest.csv holds several sweeps one after another, of which the
    /// first (the points up to where the frequency turns back up) is taken; exampleData.csv keeps the points with -Im Z &gt; 0,
    /// as impedance.py's documented fit does (preprocessing.ignoreBelowX).
    /// </summary>
    public static (double[] F, Complex[] Z)? Load(string name)
    {
        string[] parts = name == "exampleData.csv" ? ["impedance.py", name] : ["hybrid-drt", name];
        string? file = Path(parts);
        if (file is null) return null;
        // Sample2 holds several sweeps: the first (as `--loop 1` takes it).
        var s = MeasurementReader.ReadSpectrum(file).Sweep(1);
        var keep = Enumerable.Range(0, s.Frequency.Length).Where(i => name != "exampleData.csv" || s.Imaginary[i] < 0).ToList();
        return (keep.Select(i => s.Frequency[i]).ToArray(), keep.Select(i => new Complex(s.Real[i], s.Imaginary[i])).ToArray());
    }
}
