using System.Globalization;
using CathodeSim.Analysis.Impedance;
using CathodeSim.IO.Measurements;

namespace CathodeSim.IO.Validation;

/// <summary>One row of a table of fitted in-situ EIS resistances (the seed paper's Tables S2-S4), ohm.</summary>
/// <param name="Cathode">Cathode name as in the table (B-NCM, s-NCM, m-NCM).</param>
/// <param name="State">Cycle, step and voltage of the spectrum.</param>
/// <param name="Electrolyte">R_SE.</param>
/// <param name="CathodeInterface">R_cathode/SE.</param>
/// <param name="AnodeInterface">R_anode/SE.</param>
/// <param name="Line">Line in the file (for messages).</param>
public sealed record MeasuredResistanceRow(string Cathode, InSituState State, double Electrolyte, double CathodeInterface, double AnodeInterface, int Line)
{
    /// <summary>The value of a quantity by its table name: R_SE, R_cathode_SE or R_anode_SE.</summary>
    public double this[string quantity] => new InSituResistanceSet(Electrolyte, CathodeInterface, AnodeInterface, null)[quantity];
}

/// <summary>
/// Reads a table of in-situ EIS fit results: CSV with the header
/// <c>cathode,cycle,step,voltage_V_vs_LiIn,R_SE_ohm,R_cathode_SE_ohm,R_anode_SE_ohm</c>; lines starting with '#' are
/// provenance comments.
/// </summary>
public static class MeasuredResistanceTable
{
    /// <summary>The expected header.</summary>
    public const string Header = "cathode,cycle,step,voltage_V_vs_LiIn,R_SE_ohm,R_cathode_SE_ohm,R_anode_SE_ohm";

    /// <summary>Reads every row.</summary>
    /// <exception cref="MeasurementFileException">A missing file or a malformed line (the message names file and line).</exception>
    public static IReadOnlyList<MeasuredResistanceRow> Read(string path)
    {
        if (!File.Exists(path)) throw new MeasurementFileException(path, null, "file not found");
        var rows = new List<MeasuredResistanceRow>();
        int line = 0;
        bool header = false;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.StartsWith('#') || string.IsNullOrWhiteSpace(text)) continue;
            if (!header)
            {
                if (!text.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase))
                    throw new MeasurementFileException(path, line, $"expected the header '{Header}', got '{text.Trim()}'");
                header = true;
                continue;
            }
            var f = text.Split(',').Select(s => s.Trim()).ToArray();
            if (f.Length != 7 || !int.TryParse(f[1], CultureInfo.InvariantCulture, out int cycle) || cycle < 1 || f[2] is not ("charge" or "discharge" or "start")
                || !TryNumbers(f[3..], out double[] v))
                throw new MeasurementFileException(path, line, $"expected cathode, cycle (1 or more), step (charge, discharge or start) and four numbers, got '{text.Trim()}'");
            rows.Add(new MeasuredResistanceRow(f[0], new InSituState(cycle, f[2], v[0]), v[1], v[2], v[3], line));
        }
        if (!header) throw new MeasurementFileException(path, null, $"no header line '{Header}'");
        return rows;
    }

    private static bool TryNumbers(string[] fields, out double[] values)
    {
        values = new double[fields.Length];
        for (int i = 0; i < fields.Length; i++)
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])) return false;
        return true;
    }
}
