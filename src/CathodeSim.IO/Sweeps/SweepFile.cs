using System.Globalization;
using System.Text;
using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Output;
using PureHDF;

namespace CathodeSim.IO.Sweeps;

/// <summary>What identifies a sweep's assembled file: the definition it came from and its columns.</summary>
/// <param name="Name">Sweep name.</param>
/// <param name="Fingerprint">Fingerprint of the definition (shards of one sweep share it).</param>
/// <param name="ParameterNames">Parameter columns (swept, then linked).</param>
/// <param name="ProtocolNames">Protocols, in order.</param>
/// <param name="DefinitionYaml">The resolved sweep definition.</param>
/// <param name="TotalCases">Cases in the whole sweep (all shards).</param>
/// <param name="ProgramVersion">Version of the writer.</param>
/// <param name="SweptCount">The first SweptCount parameter names are swept; the rest are linked.</param>
public sealed record SweepHeader(string Name, string Fingerprint, IReadOnlyList<string> ParameterNames, IReadOnlyList<string> ProtocolNames,
    string DefinitionYaml, int TotalCases, string ProgramVersion, int SweptCount)
{
    /// <summary>
    /// Per parameter (header order), the unit its values were written in ("um", "degC", "" for plain numbers); empty
    /// when unknown (a file written before it was recorded).
    /// </summary>
    public IReadOnlyList<string> ParameterUnits { get; init; } = [];

    /// <summary>The written unit of parameter <paramref name="c"/>, "" when unknown or a plain number.</summary>
    public string ParameterUnit(int c) => c < ParameterUnits.Count ? ParameterUnits[c] : "";

    /// <summary>The swept (not linked) parameter names.</summary>
    public IReadOnlyList<string> SweptParameters => ParameterNames.Take(SweptCount).ToList();

    /// <summary>The header of <paramref name="plan"/>.</summary>
    public static SweepHeader Of(SweepPlan plan, string programVersion) => new(plan.Name, plan.Fingerprint,
        [.. plan.ParameterPaths, .. plan.LinkedPaths], plan.Protocols.Select(p => p.Name).ToList(), plan.ResolvedDefinitionYaml,
        plan.Cases.Count, programVersion, plan.ParameterPaths.Count)
    {
        ParameterUnits = [.. plan.ParameterPaths.Concat(plan.LinkedPaths).Select(path =>
            plan.Cases.Count == 0 ? "" : SweepParameterUnits.DisplayUnit(plan.Cases[0].Values.FirstOrDefault(v => v.Path == path)?.Text ?? ""))],
    };
}

/// <summary>
/// The assembled sweep file: a table (one row per case: index, status, error, warnings, parameters in SI, every metric
/// of every protocol) and the time series of each case with results (status ok or warning) in its own group. Written with PureHDF's deferred writing, one case
/// at a time, so memory does not grow with the number of cases; written to a temporary name and renamed.
/// </summary>
public static class SweepFileWriter
{
    /// <summary>Writes the file for the cases <paramref name="indices"/>.</summary>
    /// <param name="path">Destination.</param>
    /// <param name="header">Identity and columns.</param>
    /// <param name="shard">"i/N" for a shard file, "" for a complete sweep.</param>
    /// <param name="indices">Case indices, ascending.</param>
    /// <param name="parameters">Parameter values (SI, in header order) of a case.</param>
    /// <param name="readCase">Loads a case's stored results (called twice per case: table, then series).</param>
    public static void Write(string path, SweepHeader header, string shard, IReadOnlyList<int> indices,
        Func<int, double[]> parameters, Func<int, SweepCaseRecord> readCase)
    {
        int n = indices.Count, np = header.ProtocolNames.Count, nm = CaseMetrics.Names.Count;
        var status = new string[n];
        var errors = new string[n];
        var warnings = new string[n];
        var parameterColumns = header.ParameterNames.Select(_ => new double[n]).ToArray();
        var metricColumns = new double[np, nm][];
        for (int p = 0; p < np; p++) for (int m = 0; m < nm; m++) { metricColumns[p, m] = new double[n]; Array.Fill(metricColumns[p, m], double.NaN); }
        var lengths = new int[n, np];
        for (int row = 0; row < n; row++)
        {
            var record = readCase(indices[row]);
            status[row] = SweepStatus.Of(record);
            errors[row] = record.Error ?? "";
            warnings[row] = record.Error is null ? record.Warnings ?? "" : "";
            var values = parameters(indices[row]);
            for (int c = 0; c < values.Length; c++) parameterColumns[c][row] = values[c];
            for (int p = 0; p < record.Protocols.Count; p++)
            {
                for (int m = 0; m < nm; m++) metricColumns[p, m][row] = record.Protocols[p].Metrics[m];
                lengths[row, p] = record.Protocols[p].Time.Length;
            }
        }

        var table = new H5Group
        {
            ["index"] = Hdf5Metadata.Dataset(indices.ToArray(), Hdf5Metadata.Dimensionless, "0-based case index in the whole sweep"),
            ["status"] = Hdf5Metadata.Dataset(status, Hdf5Metadata.NoUnit, "ok, warning (results, with warnings) or failed (no results)"),
            ["error"] = Hdf5Metadata.Dataset(errors, Hdf5Metadata.NoUnit, "why the case failed (empty when it did not)"),
            ["warnings"] = Hdf5Metadata.Dataset(warnings, Hdf5Metadata.NoUnit, "the case's run warnings as one line (empty when none)"),
        };
        var parameterGroup = new H5Group();
        for (int c = 0; c < header.ParameterNames.Count; c++)
        {
            var dataset = Hdf5Metadata.Dataset(parameterColumns[c], SweepParameterUnits.SiUnit(header.ParameterUnit(c)),
                $"{(c < header.SweptCount ? "swept" : "linked")} config parameter {header.ParameterNames[c]}, SI");
            // The unit the sweep file wrote values in, so a merge of shards plots them in it again.
            dataset.Attributes["display_units"] = header.ParameterUnit(c);
            parameterGroup[header.ParameterNames[c]] = dataset;
        }
        table["parameters"] = parameterGroup;
        for (int p = 0; p < np; p++)
        {
            var group = new H5Group();
            for (int m = 0; m < nm; m++)
                group[CaseMetrics.Names[m]] = Hdf5Metadata.Dataset(metricColumns[p, m], SweepMetricInfo.Units(CaseMetrics.Names[m]),
                    $"{SweepMetricInfo.Description(CaseMetrics.Names[m])} (protocol {header.ProtocolNames[p]}; NaN where undefined or failed)");
            table[Key(header.ProtocolNames[p])] = group;
        }

        // Time series datasets are declared now and filled case by case below.
        var cases = new H5Group();
        var deferred = new List<(int Row, int Protocol, H5Dataset<double[]>[] Sets)>();
        for (int row = 0; row < n; row++)
        {
            if (!SweepStatus.HasResults(status[row])) continue;
            var caseGroup = new H5Group();
            for (int p = 0; p < np; p++)
            {
                ulong length = (ulong)lengths[row, p];
                var sets = new[]
                {
                    Hdf5Metadata.Describe(new H5Dataset<double[]>(fileDims: [length]), "s", "time since the start of the protocol's run"),
                    Hdf5Metadata.Describe(new H5Dataset<double[]>(fileDims: [length]), "V", "cell voltage against the counter electrode"),
                    Hdf5Metadata.Describe(new H5Dataset<double[]>(fileDims: [length]), "A", "cell current, positive on charge"),
                    Hdf5Metadata.Describe(new H5Dataset<double[]>(fileDims: [length]), "C", "net charge passed since the start, positive on charge"),
                };
                caseGroup[Key(header.ProtocolNames[p])] = new H5Group { ["time_s"] = sets[0], ["voltage_V"] = sets[1], ["current_A"] = sets[2], ["charge_C"] = sets[3] };
                deferred.Add((row, p, sets));
            }
            cases[CaseName(indices[row])] = caseGroup;
        }

        var file = new H5File
        {
            ["table"] = table,
            ["cases"] = cases,
            // config: the sweep definition is this file's configuration (each case's resolved config follows from it).
            Attributes = Hdf5Metadata.AddProvenance(new()
            {
                ["sweep_name"] = header.Name, ["fingerprint"] = header.Fingerprint,
                ["definition"] = header.DefinitionYaml, ["total_cases"] = header.TotalCases, ["shard"] = shard,
                ["parameters"] = header.ParameterNames.ToArray(), ["protocols"] = header.ProtocolNames.ToArray(),
                ["metrics"] = CaseMetrics.Names.ToArray(), ["swept_parameters"] = header.SweptCount,
            }, header.ProgramVersion, DateTimeOffset.UtcNow, header.DefinitionYaml),
        };
        AtomicFile.Write(path, temp =>
        {
            using var writer = file.BeginWrite(temp);
            int current = -1;
            SweepCaseRecord? record = null;
            foreach (var (row, p, sets) in deferred)
            {
                if (row != current) { record = readCase(indices[row]); current = row; }
                var series = record!.Protocols[p];
                writer.Write(sets[0], series.Time);
                writer.Write(sets[1], series.Voltage);
                writer.Write(sets[2], series.Current);
                writer.Write(sets[3], series.Charge);
            }
        });
    }

    /// <summary>
    /// Writes the table as CSV (index, status, parameters in SI with the unit appended to the name where it has one,
    /// protocol.metric columns, error, warnings). The two text columns come last, where their long messages do not push
    /// the numbers apart.
    /// </summary>
    public static void WriteCsv(string path, SweepHeader header, IReadOnlyList<SweepRow> rows)
    {
        var text = new StringBuilder();
        var columns = new List<string> { "index", "status" };
        // Parameters are SI: the column name says in what ("cell.cathode.particle_size.d50_m"), as every other column does.
        columns.AddRange(header.ParameterNames.Select((name, c) => SweepParameterUnits.SiUnit(header.ParameterUnit(c)) is var unit && unit is not ("1" or "")
            ? $"{name}_{unit.Replace(' ', '_').Replace("^", "", StringComparison.Ordinal)}" : name));
        foreach (var protocol in header.ProtocolNames) columns.AddRange(CaseMetrics.Names.Select(m => $"{protocol}.{m}"));
        columns.AddRange(["error", "warnings"]);
        text.AppendLine(string.Join(',', columns.Select(CsvFields.Text)));
        foreach (var row in rows)
        {
            var fields = new List<string> { row.Index.ToString(CultureInfo.InvariantCulture), row.Status };
            fields.AddRange(row.Parameters.Select(v => CsvFields.Number(v)));
            foreach (var metrics in row.Metrics) fields.AddRange(metrics.Select(v => CsvFields.Number(v)));
            fields.Add(CsvFields.Text(row.Error));
            fields.Add(CsvFields.Text(row.Warnings));
            text.AppendLine(string.Join(',', fields));
        }
        AtomicFile.WriteText(path, text.ToString());
    }

    internal static string CaseName(int index) => $"case_{index:D6}";

    /// <summary>HDF5 link names cannot hold '/'.</summary>
    internal static string Key(string name) => name.Replace('/', '_');
}

/// <summary>One row of a sweep table.</summary>
/// <param name="Index">Case index.</param>
/// <param name="Status">"ok", "warning" or "failed" (see <see cref="SweepStatus"/>).</param>
/// <param name="Error">Failure message or "".</param>
/// <param name="Parameters">Parameter values in header order.</param>
/// <param name="Metrics">Per protocol, metric values in <see cref="CaseMetrics.Names"/> order.</param>
public sealed record SweepRow(int Index, string Status, string Error, double[] Parameters, double[][] Metrics)
{
    /// <summary>The case's warnings as one line (<see cref="CaseWarnings.Summarize"/>), "" when none.</summary>
    public string Warnings { get; init; } = "";
}

/// <summary>
/// The status of a sweep case. "warning" marks a case whose results are real data but where a step ended on a physical
/// limit or at once: plots, merges and resumes use it like "ok"; only "failed" cases have no results.
/// </summary>
public static class SweepStatus
{
    /// <summary>Every step ended as its protocol asked.</summary>
    public const string Ok = "ok";

    /// <summary>Results, with warnings (the warnings column says which).</summary>
    public const string Warning = "warning";

    /// <summary>No results (solver failure or an error; the error column says which).</summary>
    public const string Failed = "failed";

    /// <summary>Whether a case with <paramref name="status"/> has results (metrics and time series).</summary>
    public static bool HasResults(string status) => status is Ok or Warning;

    /// <summary>The status of a stored case.</summary>
    public static string Of(SweepCaseRecord record) =>
        record.Error is not null ? Failed : string.IsNullOrEmpty(record.Warnings) ? Ok : Warning;
}
