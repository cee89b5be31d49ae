using System.Globalization;
using System.Text.RegularExpressions;
using CathodeSim.Analysis.Fitting;
using CathodeSim.IO.Config;
using CathodeSim.IO.Units;

namespace CathodeSim.IO.Measurements;

/// <summary>Units for a conductivity file whose header gives none (or that has no header).</summary>
/// <param name="TemperatureUnit">K or degC (also C, °C, kelvin, celsius), or null.</param>
/// <param name="ConductivityUnit">A conductivity unit such as S/cm, mS/cm or S/m, or null.</param>
public sealed record ConductivityCsvOptions(string? TemperatureUnit = null, string? ConductivityUnit = null);

/// <summary>Conductivities read from a file, converted to SI.</summary>
/// <param name="File">The file as displayed in messages.</param>
/// <param name="Measurements">Temperature in K, conductivity (and its uncertainty) in S/m, in file order.</param>
/// <param name="Lines">The 1-based line of each measurement.</param>
/// <param name="TemperatureColumn">Header of the temperature column ("column 1" without a header).</param>
/// <param name="TemperatureUnit">Its unit: K or degC.</param>
/// <param name="ConductivityColumn">Header of the conductivity column ("column 2" without a header).</param>
/// <param name="ConductivityUnit">Its unit, e.g. S/cm.</param>
/// <param name="UncertaintyColumn">Header of the conductivity-uncertainty column, or null when there is none.</param>
public sealed record ConductivityData(
    string File,
    IReadOnlyList<ConductivityMeasurement> Measurements,
    IReadOnlyList<int> Lines,
    string TemperatureColumn,
    string TemperatureUnit,
    string ConductivityColumn,
    string ConductivityUnit,
    string? UncertaintyColumn);

/// <summary>
/// Reads ionic conductivities measured at several temperatures from a CSV, TSV, semicolon- or space-separated file.
/// </summary>
/// <remarks>
/// <para>With a header row (the first line that is not blank or a '#' comment, if any of its fields is not a number), the
/// columns are found by name and their units read from the name: temperature as <c>temperature_K</c>, <c>T_K</c>,
/// <c>temperature_degC</c>, <c>T_C</c>, <c>T (degC)</c>, <c>Temperature/K</c>, <c>T [°C]</c>; conductivity as
/// <c>sigma_S_per_cm</c>, <c>conductivity_mS_per_cm</c>, <c>sigma (S/cm)</c>, <c>σ / mS cm^-1</c>, <c>kappa [S/m]</c>; and, optionally,
/// a standard uncertainty of the conductivity as <c>sigma_err_S_per_cm</c>, <c>u(sigma) (S/cm)</c> or <c>std</c> (in the
/// conductivity's unit unless its name gives one), which makes the fit weighted. Other columns are ignored.</para>
/// <para>Without a header the file has two columns, temperature and conductivity (a third: the uncertainty), and the units
/// come from <see cref="ConductivityCsvOptions"/>; they also supply units a header leaves out.</para>
/// <para>Every problem is a <see cref="MeasurementFileException"/> naming the file and line and saying what is expected.</para>
/// </remarks>
public static partial class ConductivityCsvReader
{
    private static readonly HashSet<string> TemperatureWords = ["t", "temp", "temperature"];
    private static readonly HashSet<string> ConductivityWords = ["sigma", "σ", "conductivity", "cond", "kappa", "κ"];
    private static readonly HashSet<string> UncertaintyWords = ["err", "error", "uncertainty", "unc", "std", "stdev", "sd", "stderr", "delta", "dsigma", "u"];
    private static readonly HashSet<string> LogWords = ["log", "log10", "ln", "lg"];
    private static readonly HashSet<string> QualifierWords = ["ionic", "ion", "li", "total", "bulk", "measured", "meas", "mean", "avg", "average", "of"];

    private const string HeaderExample = "'T_K,sigma_S_per_cm' or 'T (degC),sigma (mS/cm)'";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="MeasurementFileException">The file is missing, unreadable or not as expected.</exception>
    public static ConductivityData Read(string path, ConductivityCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string display = ConfigLoader.Display(full);
        if (Directory.Exists(full)) throw new MeasurementFileException(display, null, "is a directory; expected a CSV file of temperatures and conductivities");
        if (!System.IO.File.Exists(full)) throw new MeasurementFileException(display, null, "file not found");
        string text;
        try
        {
            text = System.IO.File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeasurementFileException(display, null, $"cannot be read: {e.Message}");
        }
        return Parse(text, display, options);
    }

    /// <summary>Reads the text of a file; <paramref name="file"/> is the name used in messages.</summary>
    /// <exception cref="MeasurementFileException">The text is not as expected.</exception>
    public static ConductivityData Parse(string text, string file, ConductivityCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        options ??= new ConductivityCsvOptions();
        var optionTemperature = options.TemperatureUnit is null ? null
            : ParseTemperatureUnit(options.TemperatureUnit) ?? throw new MeasurementFileException(file, null,
                $"--temperature-unit '{options.TemperatureUnit}' is not a temperature unit; expected K or degC");
        var optionConductivity = options.ConductivityUnit is null ? null
            : ParseConductivityUnit(options.ConductivityUnit) ?? throw new MeasurementFileException(file, null,
                $"--conductivity-unit '{options.ConductivityUnit}' is not a conductivity unit; expected e.g. S/cm, mS/cm or S/m");

        // Content lines with their 1-based numbers: not blank, not '#' comments.
        var lines = text.Split('\n')
            .Select((line, i) => (Text: line.TrimEnd('\r').TrimStart('\uFEFF'), Number: i + 1))
            .Where(l => l.Text.Trim().Length > 0 && !l.Text.TrimStart().StartsWith('#'))
            .ToList();
        if (lines.Count == 0)
            throw new MeasurementFileException(file, null, $"no data; expected a header such as {HeaderExample} and at least 2 rows");

        char? delimiter = DetectDelimiter(lines[0].Text);
        var first = Split(lines[0].Text, delimiter);
        bool hasHeader = first.Any(f => !TryNumber(f, out _));

        Column temperature, conductivity;
        Column? uncertainty;
        if (hasHeader)
        {
            (temperature, conductivity, uncertainty) = ReadHeader(file, lines[0].Number, first, optionTemperature, optionConductivity);
        }
        else
        {
            if (optionTemperature is null || optionConductivity is null)
                throw new MeasurementFileException(file, lines[0].Number,
                    $"no header row; add one such as {HeaderExample}, or give the units with --temperature-unit (K or degC) and --conductivity-unit (e.g. S/cm)");
            if (first.Length is not (2 or 3))
                throw new MeasurementFileException(file, lines[0].Number,
                    $"without a header the file must have 2 columns (temperature, conductivity) or 3 (and the conductivity's uncertainty), found {first.Length}");
            temperature = new Column(0, "column 1", optionTemperature, null);
            conductivity = new Column(1, "column 2", null, optionConductivity);
            uncertainty = first.Length == 3 ? new Column(2, "column 3", null, optionConductivity) : null;
        }

        int needed = Math.Max(temperature.Index, Math.Max(conductivity.Index, uncertainty?.Index ?? 0)) + 1;
        var measurements = new List<ConductivityMeasurement>();
        var rowLines = new List<int>();
        foreach (var (line, number) in lines.Skip(hasHeader ? 1 : 0))
        {
            var fields = Split(line, delimiter);
            if (fields.Length < needed)
                throw new MeasurementFileException(file, number,
                    $"expected {needed} columns ({ColumnList(temperature, conductivity, uncertainty)}), found {fields.Length}");
            double t = temperature.Temperature!.ToKelvin(Number(file, number, fields, temperature, "a temperature"));
            if (!(t > 0))
                throw new MeasurementFileException(file, number, FormattableString.Invariant(
                    $"temperature {fields[temperature.Index]} {temperature.Temperature.Symbol} is {t:0.##} K; expected a temperature above absolute zero (0 K)"));
            double sigma = Number(file, number, fields, conductivity, "a conductivity");
            if (!(sigma > 0))
                throw new MeasurementFileException(file, number,
                    $"conductivity {fields[conductivity.Index]} {conductivity.Conductivity!.Symbol} in column '{conductivity.Header}' is not positive; expected a conductivity > 0");
            double? u = null;
            if (uncertainty is not null)
            {
                double value = Number(file, number, fields, uncertainty, "an uncertainty");
                if (!(value > 0))
                    throw new MeasurementFileException(file, number,
                        $"uncertainty {fields[uncertainty.Index]} {uncertainty.Conductivity!.Symbol} in column '{uncertainty.Header}' is not positive; expected a standard uncertainty > 0");
                u = uncertainty.Conductivity!.Factor * value;
            }
            measurements.Add(new ConductivityMeasurement(t, conductivity.Conductivity!.Factor * sigma, u));
            rowLines.Add(number);
        }
        if (measurements.Count < 2)
            throw new MeasurementFileException(file, null,
                $"found {measurements.Count} data row{(measurements.Count == 1 ? "" : "s")}; expected at least 2 (temperature, conductivity), better 3 or more for standard errors");

        return new ConductivityData(file, measurements, rowLines, temperature.Header, temperature.Temperature!.Symbol,
            conductivity.Header, conductivity.Conductivity!.Symbol, uncertainty?.Header);
    }

    // ---------------------------------------------------------------- header

    private sealed record TemperatureScale(string Symbol, double Offset)
    {
        public double ToKelvin(double value) => value + Offset;
    }

    private sealed record ConductivityScale(string Symbol, double Factor);

    private sealed record Column(int Index, string Header, TemperatureScale? Temperature, ConductivityScale? Conductivity);

    private static (Column Temperature, Column Conductivity, Column? Uncertainty) ReadHeader(
        string file, int line, string[] headers, TemperatureScale? optionTemperature, ConductivityScale? optionConductivity)
    {
        (int Index, string Header, string? Unit)? t = null, s = null, u = null;
        for (int i = 0; i < headers.Length; i++)
        {
            string header = headers[i];
            var (words, unit) = SplitHeader(header);
            bool isT = words.Any(TemperatureWords.Contains), isS = words.Any(ConductivityWords.Contains);
            if (words.Any(UncertaintyWords.Contains))
            {
                // sigma_err, u(sigma), std: the conductivity's uncertainty; dT and the like are not used.
                if ((isS || words.All(w => UncertaintyWords.Contains(w) || QualifierWords.Contains(w))) && u is null) u = (i, header, unit);
            }
            else if (words.Any(LogWords.Contains))
            {
                if (isS)
                    throw new MeasurementFileException(file, line,
                        $"column '{header}' holds a logarithm; expected the conductivity itself, e.g. 'sigma (S/cm)'");
            }
            else if (isT && !isS)
            {
                t ??= (i, header, unit);
            }
            else if (isS)
            {
                if (s is not null)
                    throw new MeasurementFileException(file, line,
                        $"columns '{s.Value.Header}' and '{header}' both look like conductivities; expected one (rename or remove the other)");
                s = (i, header, unit);
            }
        }

        string columns = string.Join(", ", headers.Select(h => $"'{h}'"));
        if (t is null)
            throw new MeasurementFileException(file, line,
                $"no temperature column among {columns}; expected a header such as 'T_K', 'temperature_degC' or 'T (degC)'");
        if (s is null)
            throw new MeasurementFileException(file, line,
                $"no conductivity column among {columns}; expected a header such as 'sigma_S_per_cm', 'conductivity_mS_per_cm' or 'sigma (S/cm)'");

        var temperature = new Column(t.Value.Index, t.Value.Header,
            UnitOf(file, line, t.Value.Header, t.Value.Unit, optionTemperature, ParseTemperatureUnit, "--temperature-unit",
                "a temperature unit: K or degC", "'T_K' or 'T (degC)'", (a, b) => a.Offset == b.Offset),
            null);
        var sigmaScale = UnitOf(file, line, s.Value.Header, s.Value.Unit, optionConductivity, ParseConductivityUnit, "--conductivity-unit",
            "a conductivity unit such as S/cm, mS/cm or S/m", "'sigma_S_per_cm' or 'sigma (mS/cm)'", SameFactor);
        var conductivity = new Column(s.Value.Index, s.Value.Header, null, sigmaScale);
        Column? uncertainty = null;
        if (u is not null)
        {
            var uScale = u.Value.Unit is null ? sigmaScale
                : ParseConductivityUnit(u.Value.Unit) ?? throw new MeasurementFileException(file, line,
                    $"column '{u.Value.Header}': '{u.Value.Unit}' is not a conductivity unit; expected one such as S/cm, mS/cm or S/m");
            uncertainty = new Column(u.Value.Index, u.Value.Header, null, uScale);
        }
        return (temperature, conductivity, uncertainty);
    }

    private static bool SameFactor(ConductivityScale a, ConductivityScale b) => Math.Abs(a.Factor / b.Factor - 1) < 1e-12;

    private static T UnitOf<T>(string file, int line, string header, string? unit, T? option, Func<string, T?> parse, string optionName,
        string expected, string example, Func<T, T, bool> same) where T : class
    {
        if (unit is null)
            return option ?? throw new MeasurementFileException(file, line,
                $"column '{header}' gives no unit; name it like {example}, or pass {optionName}");
        var scale = parse(unit) ?? throw new MeasurementFileException(file, line,
            $"column '{header}': '{unit}' is not {expected}");
        if (option is not null && !same(scale, option))
            throw new MeasurementFileException(file, line,
                $"column '{header}' is in {unit} but {optionName} says otherwise; drop the option or fix the header");
        return scale;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordRegex();

    /// <summary>Splits "sigma (S/cm)" into the name words ["sigma"] and the unit "S/cm" (null when none is given).</summary>
    private static (List<string> Words, string? Unit) SplitHeader(string header)
    {
        var words = new List<string>();
        int end = 0;
        foreach (Match m in WordRegex().Matches(header))
        {
            string word = m.Value.ToLowerInvariant();
            bool known = TemperatureWords.Contains(word) || ConductivityWords.Contains(word) || UncertaintyWords.Contains(word)
                || LogWords.Contains(word) || QualifierWords.Contains(word);
            // The name is the leading run of known words; a bracket or slash starts the unit ("u(sigma)" is one name).
            string gap = header[end..m.Index];
            if (!known || (words.Count > 0 && gap.Contains('[')) || gap.Contains('/')) break;
            words.Add(word);
            end = m.Index + m.Length;
        }
        string unit = header[end..].Trim().TrimStart('_', '/', '-', ':', ',', ' ').Trim();
        // Strip one pair of enclosing brackets: "(S/cm)", "[K]"; "u(sigma) (S/cm)" leaves ") (S/cm)" for the first step.
        if (unit.StartsWith(')')) unit = unit[1..].Trim();
        if (unit.Length >= 2 && ((unit[0] == '(' && unit[^1] == ')') || (unit[0] == '[' && unit[^1] == ']'))) unit = unit[1..^1].Trim();
        return (words, unit.Length == 0 ? null : unit);
    }

    private static TemperatureScale? ParseTemperatureUnit(string unit)
    {
        string u = unit.Trim().Replace("℃", "degc").Replace("°", "deg").Replace("º", "deg").ToLowerInvariant();
        u = new string(u.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '.')).ToArray());
        return u switch
        {
            "k" or "kelvin" => new TemperatureScale("K", 0),
            "c" or "degc" or "degreec" or "degreesc" or "celsius" or "degcelsius" or "degreescelsius" or "oc" => new TemperatureScale("degC", 273.15),
            _ => null,
        };
    }

    [GeneratedRegex(@"[_\s]*\bper\b[_\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex PerRegex();

    [GeneratedRegex(@"(?<=[A-Za-z])-1\b")]
    private static partial Regex MinusOneRegex();

    [GeneratedRegex(@"^(?<prefix>[mµu]?)S\s*(?<length>c?m)\^-1$")]
    private static partial Regex CompactRegex();

    [GeneratedRegex(@"(?<![A-Za-z])(?<prefix>[mµu]?)s(?![A-Za-z])")]
    private static partial Regex LowerSiemensRegex();

    private static ConductivityScale? ParseConductivityUnit(string unit)
    {
        string u = PerRegex().Replace(unit.Trim().Replace('_', ' '), "/").Trim();
        u = u.Replace("⁻¹", "^-1").Replace('·', ' ').Replace('*', ' ').Replace('μ', 'µ');
        u = MinusOneRegex().Replace(u, "^-1");
        string compact = CompactRegex().Replace(u, "${prefix}S/${length}");
        foreach (string candidate in new[] { u, compact, LowerSiemensRegex().Replace(compact, "${prefix}S") }.Distinct())
        {
            try
            {
                var (factor, dimension) = UnitParser.ParseUnit(candidate);
                if (dimension == QuantityKind.Conductivity.Dimension) return new ConductivityScale(candidate, factor);
            }
            catch (UnitFormatException)
            {
                // Try the next spelling.
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- rows

    private static string ColumnList(Column t, Column s, Column? u) =>
        string.Join(", ", new[] { t, s, u }.OfType<Column>().OrderBy(c => c.Index).Select(c => $"'{c.Header}'"));

    private static double Number(string file, int line, string[] fields, Column column, string what)
    {
        string field = fields[column.Index];
        string unit = column.Temperature?.Symbol ?? column.Conductivity!.Symbol;
        if (field.Length == 0)
            throw new MeasurementFileException(file, line, $"column '{column.Header}' is empty; expected {what} in {unit}");
        if (!TryNumber(field, out double value))
            throw new MeasurementFileException(file, line, $"'{field}' in column '{column.Header}' is not a number; expected {what} in {unit}");
        return value;
    }

    private static bool TryNumber(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Tab, comma or semicolon if the first line has one (in that order), else runs of white space (null).</summary>
    private static char? DetectDelimiter(string line) =>
        line.Contains('\t') ? '\t' : line.Contains(',') ? ',' : line.Contains(';') ? ';' : null;

    /// <summary>Splits a line into trimmed fields (the instrument readers' splitter; quotes may enclose a delimiter).</summary>
    private static string[] Split(string line, char? delimiter) => TableBuilder.Split(line, delimiter).Select(f => f.Trim()).ToArray();
}
