using CathodeSim.Analysis.Sweeps;
using PureHDF;
using PureHDF.VOL.Native;

namespace CathodeSim.IO.Sweeps;

/// <summary>Reads an assembled sweep (or shard) file: its header, its table, and each case's time series.</summary>
public sealed class SweepFileReader : IDisposable
{
    private readonly NativeFile _file;

    private SweepFileReader(string path, NativeFile file, SweepHeader header, string shard, IReadOnlyList<SweepRow> rows)
    {
        Path = path;
        _file = file;
        Header = header;
        Shard = shard;
        Rows = rows;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Identity and columns.</summary>
    public SweepHeader Header { get; }

    /// <summary>"i/N" for a shard file, "" otherwise.</summary>
    public string Shard { get; }

    /// <summary>Table rows in file order.</summary>
    public IReadOnlyList<SweepRow> Rows { get; }

    /// <summary>Opens <paramref name="path"/>; a file that is not a CathodeSim sweep file gives a <see cref="SweepStoreException"/>.</summary>
    public static SweepFileReader Open(string path)
    {
        if (!File.Exists(path)) throw new SweepStoreException($"{path}: no such file");
        NativeFile file;
        try { file = H5File.OpenRead(path); }
        catch (Exception e) when (e is not OutOfMemoryException) { throw new SweepStoreException($"{path}: not a readable HDF5 file ({e.Message})"); }
        try
        {
            string Attr(string name) => file.Attribute(name).Read<string>();
            var header = new SweepHeader(Attr("sweep_name"), Attr("fingerprint"), file.Attribute("parameters").Read<string[]>(),
                file.Attribute("protocols").Read<string[]>(), Attr("definition"), file.Attribute("total_cases").Read<int>(), Attr("program_version"),
                file.Attribute("swept_parameters").Read<int>());
            var table = file.Group("table");
            int[] index = table.Dataset("index").Read<int[]>();
            string[] status = table.Dataset("status").Read<string[]>();
            // Empty strings may read back as null.
            string[] error = table.Dataset("error").Read<string[]>();
            // Files written before warnings were recorded have no warnings column: their cases are "ok" or "failed".
            string[] warnings = table.LinkExists("warnings") ? table.Dataset("warnings").Read<string[]>() : new string[index.Length];
            var parameters = header.ParameterNames.Select(p => table.Group("parameters").Dataset(p).Read<double[]>()).ToArray();
            var metrics = header.ProtocolNames.Select(p => CaseMetrics.Names.Select(m => table.Group(SweepFileWriter.Key(p)).Dataset(m).Read<double[]>()).ToArray()).ToArray();
            var rows = new List<SweepRow>(index.Length);
            for (int r = 0; r < index.Length; r++)
                rows.Add(new SweepRow(index[r], status[r] ?? "", error[r] ?? "", parameters.Select(c => c[r]).ToArray(),
                    metrics.Select(protocol => protocol.Select(c => c[r]).ToArray()).ToArray()) { Warnings = warnings[r] ?? "" });
            return new SweepFileReader(path, file, header, Attr("shard"), rows);
        }
        catch (Exception e) when (e is not SweepStoreException and not OutOfMemoryException)
        {
            file.Dispose();
            throw new SweepStoreException($"{path}: not a CathodeSim sweep file ({e.Message})");
        }
    }

    /// <summary>The stored results of case <paramref name="index"/> (a row of this file).</summary>
    public SweepCaseRecord ReadCase(int index)
    {
        var row = Rows.First(r => r.Index == index);
        if (!SweepStatus.HasResults(row.Status)) return SweepCaseRecord.Failed(index, row.Error);
        var group = _file.Group("cases").Group(SweepFileWriter.CaseName(index));
        var protocols = new List<ProtocolRecord>();
        for (int p = 0; p < Header.ProtocolNames.Count; p++)
        {
            var g = group.Group(SweepFileWriter.Key(Header.ProtocolNames[p]));
            protocols.Add(new ProtocolRecord(row.Metrics[p], g.Dataset("time_s").Read<double[]>(), g.Dataset("voltage_V").Read<double[]>(),
                g.Dataset("current_A").Read<double[]>(), g.Dataset("charge_C").Read<double[]>()));
        }
        return new SweepCaseRecord(index, null, protocols) { Warnings = row.Warnings.Length > 0 ? row.Warnings : null };
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
