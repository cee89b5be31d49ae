using System.Text.RegularExpressions;

namespace CathodeSim.IO.Measurements;

/// <summary>
/// Impedance exports of Scribner (ZPlot .z, Z60W), CH Instruments and VersaStudio (.par), read after their documented
/// layouts as impedance.py's readers and example files show them. Columns keep the instrument's names, except that
/// Scribner's Z'(a) and Z''(b) (ohm, Z'' signed) are named Z'/Ohm and Z''/Ohm, so that "(a)" is not taken for amperes.
/// </summary>
internal static partial class InstrumentTextReaders
{
    public const string ZPlotMagic = "ZPLOT2 ASCII";
    public const string Z60WMagic = "Z60W Data File";

    [GeneratedRegex(@"\t|,\s*")]
    private static partial Regex TabOrComma();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex WideSpace();

    /// <summary>The format of <paramref name="lines"/> from its first lines, or null when it is none of these.</summary>
    public static MeasurementFormat? Detect(string[] lines)
    {
        string first = lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim().Trim('"') ?? "";
        if (first.StartsWith(ZPlotMagic, StringComparison.Ordinal)) return MeasurementFormat.ZPlot;
        if (first.StartsWith(Z60WMagic, StringComparison.Ordinal)) return MeasurementFormat.Z60W;
        var head = lines.Take(40).ToArray();
        if (first == "<Application>" && head.Any(l => l.Trim().StartsWith("Name=VersaStudio", StringComparison.Ordinal))) return MeasurementFormat.VersaStudio;
        if (head.Any(l => l.Trim() == "A.C. Impedance") && lines.Any(l => l.StartsWith("Freq/Hz,", StringComparison.Ordinal))) return MeasurementFormat.ChInstruments;
        return null;
    }

    public static MeasuredTable Read(MeasurementFormat format, string[] lines, string file) => format switch
    {
        MeasurementFormat.ZPlot => ReadZPlot(lines, file),
        MeasurementFormat.Z60W => ReadZ60W(lines, file),
        MeasurementFormat.ChInstruments => ReadChInstruments(lines, file),
        MeasurementFormat.VersaStudio => ReadVersaStudio(lines, file),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static string Scribner(string name) => name.Trim() switch
    {
        "Z'(a)" => "Z'/Ohm",
        "Z''(b)" => "Z''/Ohm",
        var other => other,
    };

    private static MeasuredTable ReadZPlot(string[] lines, string file)
    {
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("Freq(Hz)", StringComparison.Ordinal));
        if (header < 0)
            throw new MeasurementFileException(file, null, "ZPlot file without its column header; expected a line starting 'Freq(Hz)<TAB>Ampl<TAB>Bias<TAB>Time(Sec)<TAB>Z'(a)<TAB>Z''(b)'");
        var names = lines[header].Trim().Split('\t').Select(Scribner).ToList();
        int end = Array.FindIndex(lines, header, l => l.Trim() == "End Comments");
        int first = end >= 0 ? end + 1 : header + 1;
        var builder = new TableBuilder(file, MeasurementFormat.ZPlot, names, decimalComma: false);
        for (int i = first; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) builder.Add(TabOrComma().Split(lines[i].Trim()), i + 1);
        return builder.Build(header + 1, []);
    }

    private static MeasuredTable ReadZ60W(string[] lines, string file)
    {
        int header = Array.FindIndex(lines, l => l.Contains("Freq (Hz)", StringComparison.Ordinal));
        if (header < 0)
            throw new MeasurementFileException(file, null, "Z60W file without its column header; expected a quoted line with 'Freq (Hz)  Ampl  Bias  Time(Sec)  Z'(a)  Z''(b)'");
        var names = WideSpace().Split(lines[header].Trim().Trim('"').Trim()).Select(Scribner).ToList();
        var builder = new TableBuilder(file, MeasurementFormat.Z60W, names, decimalComma: false);
        for (int i = header + 1; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) builder.Add(lines[i].Split(','), i + 1);
        return builder.Build(header + 1, []);
    }

    private static MeasuredTable ReadChInstruments(string[] lines, string file)
    {
        int header = Array.FindIndex(lines, l => l.StartsWith("Freq/Hz,", StringComparison.Ordinal));
        var names = lines[header].Split(',').Select(n => n.Trim()).ToList();
        var builder = new TableBuilder(file, MeasurementFormat.ChInstruments, names, decimalComma: false);
        for (int i = header + 1; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0) builder.Add(lines[i].Split(','), i + 1);
        return builder.Build(header + 1, []);
    }

    private static MeasuredTable ReadVersaStudio(string[] lines, string file)
    {
        int definition = Array.FindIndex(lines, l => l.StartsWith("Definition=", StringComparison.Ordinal));
        if (definition < 0 || !lines.Take(definition).Any(l => l.TrimStart().StartsWith("<Segment", StringComparison.Ordinal)))
            throw new MeasurementFileException(file, null, "VersaStudio file without a data segment; expected '<Segment1>' with a 'Definition=' line listing the columns");
        var names = lines[definition]["Definition=".Length..].Split(',').Select(n => n.Trim()).ToList();
        while (names.Count > 0 && (names[^1].Length == 0 || names[^1] == "0")) names.RemoveAt(names.Count - 1);
        var builder = new TableBuilder(file, MeasurementFormat.VersaStudio, names, decimalComma: false);
        for (int i = definition + 1; i < lines.Length && !lines[i].TrimStart().StartsWith("</Segment", StringComparison.Ordinal); i++)
            if (lines[i].Trim().Length > 0) builder.Add(lines[i].Split(','), i + 1);
        return builder.Build(definition + 1, []);
    }
}
