using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Results;
using PureHDF;
using PureHDF.VOL.Native;

namespace CathodeSim.IO.Sweeps;

/// <summary>Reads an assembled sweep (or shard) file: its header, its table, and each case's time series.</summary>
public sealed class SweepFileReader : IDisposable
{
    private readonly GuardedHdf5 _guarded;
    private readonly NativeFile _file;

    private SweepFileReader(string path, GuardedHdf5 file, SweepHeader header, string shard, IReadOnlyList<SweepRow> rows)
    {
        Path = path;
        _guarded = file;
        _file = file.File;
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
        GuardedHdf5 guarded;
        try { guarded = GuardedHdf5.Open(path); }
        catch (Exception e) when (GuardedHdf5.IsDamage(e)) { throw new SweepStoreException($"{path}: not a readable HDF5 file ({GuardedHdf5.Describe(e)})", e); }
        var file = guarded.File;
        try
        {
            string Attr(string name) => file.Attribute(name).Read<string>();
            var header = new SweepHeader(Attr("sweep_name"), Attr("fingerprint"), file.Attribute("parameters").Read<string[]>(),
                file.Attribute("protocols").Read<string[]>(), Attr("definition"), file.Attribute("total_cases").Read<int>(), Attr("program_version"),
                file.Attribute("swept_parameters").Read<int>());
            var table = file.Group("table");
            // Files written before the written units were recorded have none: their parameters plot in SI.
            header = header with
            {
                ParameterUnits = [.. header.ParameterNames.Select(p => table.Group("parameters").Dataset(p) is var d && d.AttributeExists("display_units")
                    ? d.Attribute("display_units").Read<string>() ?? "" : "")],
            };
            int[] index = guarded.ReadArray<int>(table.Dataset("index"), "/table/index");
            string[] status = guarded.ReadArray<string>(table.Dataset("status"), "/table/status");
            // Empty strings may read back as null.
            string[] error = guarded.ReadArray<string>(table.Dataset("error"), "/table/error");
            // Files written before warnings were recorded have no warnings column: their cases are "ok" or "failed".
            string[] warnings = table.LinkExists("warnings") ? guarded.ReadArray<string>(table.Dataset("warnings"), "/table/warnings") : new string[index.Length];
            var parameters = header.ParameterNames.Select(p => guarded.ReadArray<double>(table.Group("parameters").Dataset(p), $"/table/parameters/{p}")).ToArray();
            var metrics = header.ProtocolNames.Select(p => CaseMetrics.Names.Select(m => guarded.ReadArray<double>(table.Group(SweepFileWriter.Key(p)).Dataset(m), $"/table/{SweepFileWriter.Key(p)}/{m}")).ToArray()).ToArray();
            // Every column has a value per row: a damaged file could declare fewer, and the rows would index past them.
            int[] lengths = [status.Length, error.Length, warnings.Length, .. parameters.Select(c => c.Length), .. metrics.SelectMany(p => p.Select(c => c.Length))];
            if (lengths.Any(n => n != index.Length))
                throw new SweepStoreException($"{path}: the columns of /table differ in length (index has {index.Length} rows, another column {lengths.First(n => n != index.Length)}); the file is damaged");
            var rows = new List<SweepRow>(index.Length);
            for (int r = 0; r < index.Length; r++)
                rows.Add(new SweepRow(index[r], status[r] ?? "", error[r] ?? "", parameters.Select(c => c[r]).ToArray(),
                    metrics.Select(protocol => protocol.Select(c => c[r]).ToArray()).ToArray()) { Warnings = warnings[r] ?? "" });
            return new SweepFileReader(path, guarded, header, Attr("shard"), rows);
        }
        catch (Exception e) when (e is not SweepStoreException && GuardedHdf5.IsDamage(e))
        {
            guarded.Dispose();
            throw new SweepStoreException($"{path}: not a CathodeSim sweep file ({GuardedHdf5.Describe(e)})", e);
        }
    }

    /// <summary>The stored results of case <paramref name="index"/> (a row of this file).</summary>
    /// <exception cref="SweepStoreException">The case's group is missing or damaged.</exception>
    public SweepCaseRecord ReadCase(int index)
    {
        var row = Rows.First(r => r.Index == index);
        try
        {
            return ReadCase(row);
        }
        catch (Exception e) when (e is not SweepStoreException && GuardedHdf5.IsDamage(e))
        {
            throw new SweepStoreException($"{Path}: case {index} cannot be read ({GuardedHdf5.Describe(e)}); the file is damaged", e);
        }
    }

    private SweepCaseRecord ReadCase(SweepRow row)
    {
        int index = row.Index;
        if (!SweepStatus.HasResults(row.Status)) return SweepCaseRecord.Failed(index, row.Error);
        var group = _file.Group("cases").Group(SweepFileWriter.CaseName(index));
        var protocols = new List<ProtocolRecord>();
        for (int p = 0; p < Header.ProtocolNames.Count; p++)
        {
            var g = group.Group(SweepFileWriter.Key(Header.ProtocolNames[p]));
            double[] Column(string name) => _guarded.ReadArray<double>(g.Dataset(name), $"{g.Name}/{name}");
            protocols.Add(new ProtocolRecord(row.Metrics[p], Column("time_s"), Column("voltage_V"), Column("current_A"), Column("charge_C")));
        }
        return new SweepCaseRecord(index, null, protocols) { Warnings = row.Warnings.Length > 0 ? row.Warnings : null };
    }

    /// <inheritdoc />
    public void Dispose() => _guarded.Dispose();
}
