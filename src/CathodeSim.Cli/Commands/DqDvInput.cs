using System.CommandLine;
using System.Globalization;
using CathodeSim.Analysis.Capacity;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Results;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>A series loaded for `dqdv` or `cycles`.</summary>
/// <param name="Series">The series for analysis.</param>
/// <param name="Display">The file as shown in messages.</param>
/// <param name="Stem">Stem of the files written.</param>
/// <param name="FileActiveMass">kg of active material recorded in the file (our run files), else null.</param>
/// <param name="Warnings">What the reader assumed or fixed.</param>
internal sealed record CapacityInput(CyclingSeries Series, string Display, string Stem, double? FileActiveMass, IReadOnlyList<string> Warnings);

/// <summary>Input handling shared by `cathodesim dqdv` and `cathodesim cycles`: the file argument, --active-mass, and reading.</summary>
internal static class DqDvInput
{
    public static Argument<string> File() => new("file")
    {
        Description = "A 'cathodesim run' result (.h5/.hdf5), or a measured time series: " + MeasurementReader.SupportedFormats + ".",
    };

    /// <summary>--active-mass "3.575 mg" (the unit may also be a separate token: --active-mass 3.575 mg).</summary>
    public static Option<string[]> ActiveMass() => new("--active-mass")
    {
        Description = "Mass of active material, for per-gram values (mAh/g, mWh/g); e.g. 3.575 mg. Default: the mass recorded in a run file, else absolute values (mAh, mWh).",
        HelpName = "MASS",
        Arity = new ArgumentArity(1, 2),
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Parses a quantity given as one token ("5 mV") or two ("5", "mV").</summary>
    /// <exception cref="ArgumentException">Not a quantity of <paramref name="kind"/>; the message names the option.</exception>
    public static double Quantity(string option, string[] tokens, QuantityKind kind)
    {
        string text = string.Join(' ', tokens);
        try
        {
            return UnitParser.ToSi(text, kind);
        }
        catch (UnitFormatException e)
        {
            throw new ArgumentException($"{option}: {e.Message}");
        }
    }

    /// <summary>The active mass to use: the option's when given, else the file's; null for absolute units.</summary>
    public static double? ResolveActiveMass(string[]? tokens, CapacityInput input)
    {
        if (tokens is null || tokens.Length == 0) return input.FileActiveMass;
        double mass = Quantity("--active-mass", tokens, QuantityKind.Mass);
        if (!(mass > 0) || double.IsInfinity(mass)) throw new ArgumentException($"--active-mass: '{string.Join(' ', tokens)}' must be a positive mass, e.g. 3.575 mg");
        return mass;
    }

    /// <summary>Reads <paramref name="path"/>: .h5/.hdf5 as a run file (<see cref="RunFileReader"/>), anything else as a measured time series (<see cref="MeasurementReader.ReadSeries"/>).</summary>
    /// <exception cref="MeasurementFileException">The file cannot be read or holds no usable series.</exception>
    /// <param name="path">The file.</param>
    /// <param name="timeUnit">--time-unit: unit of a time column whose header gives none, or null.</param>
    public static CapacityInput Load(string path, string? timeUnit = null)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        MeasuredSeries measured;
        double? mass = null;
        string stem = Path.GetFileNameWithoutExtension(path);
        if (extension is ".h5" or ".hdf5")
        {
            var run = RunFileReader.Read(path);
            measured = run.Series;
            mass = run.ActiveMass;
        }
        else
        {
            measured = MeasurementReader.ReadSeries(path, new SeriesReadOptions { TimeUnit = timeUnit });
        }
        CyclingSeries series;
        try
        {
            series = new CyclingSeries(measured.Time, measured.Current, measured.Voltage, measured.Cycle);
        }
        catch (ArgumentException e)
        {
            throw new MeasurementFileException(measured.Source, null, e.Message);
        }
        if (string.IsNullOrWhiteSpace(stem) || stem.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) stem = "series";
        return new CapacityInput(series, measured.Source, stem, mass, measured.Warnings);
    }

    /// <summary>"3.575 mg", "absolute (no active mass)".</summary>
    public static string DescribeMass(double? mass, CapacityInput input) => mass is double m
        ? string.Create(CultureInfo.InvariantCulture, $"{m * 1e6:0.####} mg active material{(input.FileActiveMass == m ? " (from the run file)" : "")}")
        : "no active mass given: absolute values";
}
