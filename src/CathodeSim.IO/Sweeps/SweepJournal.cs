using CathodeSim.Analysis.Sweeps;
using CathodeSim.IO.Output;
using CathodeSim.IO.Results;
using CathodeSim.Model.Results;
using PureHDF;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// The record of finished cases: one small HDF5 file per successful case (metrics and time series per protocol, and a
/// "warnings" attribute where its runs had warnings) or a text file per failed case, each written to a temporary name
/// and renamed. A killed sweep leaves only whole files, so
/// a resumed sweep trusts every file it finds and recomputes nothing that had finished.
/// </summary>
public sealed class SweepJournal
{
    private readonly SweepStoreLayout _layout;
    private readonly SweepPlan _plan;

    private SweepJournal(SweepStoreLayout layout, SweepPlan plan)
    {
        _layout = layout;
        _plan = plan;
    }

    /// <summary>
    /// Opens the journal for <paramref name="plan"/>: creates it, or (with <paramref name="resume"/>) reuses one whose
    /// fingerprint matches. An existing journal without resume, or with another fingerprint, is refused: that would mix
    /// or lose finished work.
    /// </summary>
    public static SweepJournal Open(SweepStoreLayout layout, SweepPlan plan, bool resume)
    {
        if (!System.IO.Directory.Exists(layout.Journal))
        {
            // Shards of a Slurm array start together and share the journal: build it complete (fingerprint inside)
            // under a private name and rename it into place, so nobody ever sees a journal without its fingerprint.
            string staging = layout.Journal + $".new-{Guid.NewGuid():N}";
            System.IO.Directory.CreateDirectory(staging);
            AtomicFile.WriteText(Path.Combine(staging, Path.GetFileName(layout.JournalFingerprint)), plan.Fingerprint + "\n");
            try
            {
                System.IO.Directory.Move(staging, layout.Journal);
                return new SweepJournal(layout, plan);
            }
            catch (IOException) when (System.IO.Directory.Exists(layout.Journal))
            {
                System.IO.Directory.Delete(staging, recursive: true); // another shard won the race
                resume = true;
            }
        }
        string? existing = File.Exists(layout.JournalFingerprint) ? File.ReadAllText(layout.JournalFingerprint).Trim() : null;
        if (existing != plan.Fingerprint)
            throw new SweepStoreException($"{layout.Journal} belongs to a different sweep definition; remove it or choose another --output");
        if (!resume)
            throw new SweepStoreException($"{layout.Journal} already holds finished cases of this sweep; rerun with --resume to continue it, or remove the folder to start over");
        return new SweepJournal(layout, plan);
    }

    /// <summary>
    /// Indices of cases already finished (successfully or not). With <paramref name="verify"/>, a case file that does not
    /// read back (possible only after a power loss, as journal files are not forced to disk) is deleted so that the
    /// case runs again.
    /// </summary>
    public HashSet<int> FinishedCases(bool verify = false)
    {
        var done = new HashSet<int>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_layout.Journal, "case_*"))
        {
            string name = Path.GetFileName(path);
            if (!int.TryParse(name.AsSpan(5, 6), out int index)) continue;
            if (verify && name.EndsWith(".h5", StringComparison.Ordinal) && !Readable(path))
            {
                File.Delete(path);
                continue;
            }
            done.Add(index);
        }
        return done;
    }

    private bool Readable(string path)
    {
        try
        {
            using var guarded = GuardedHdf5.Open(path);
            return guarded.File.Attribute("fingerprint").Read<string>() == _plan.Fingerprint;
        }
        catch (Exception e) when (GuardedHdf5.IsDamage(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Forgets the recorded failures among <paramref name="indices"/> (<c>--retry-failed</c>), so that those cases run
    /// again; returns how many were forgotten. Cases with results are kept.
    /// </summary>
    public int ForgetFailures(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int forgotten = 0;
        foreach (int index in indices)
        {
            string path = _layout.FailureFile(index);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            forgotten++;
        }
        return forgotten;
    }

    /// <summary>Records a finished case atomically.</summary>
    public void Record(CaseOutcome outcome)
    {
        if (outcome.Error is not null || outcome.Results is null || outcome.Metrics is null)
        {
            AtomicFile.WriteText(_layout.FailureFile(outcome.Index), (outcome.Error ?? "failed") + "\n");
            return;
        }
        var file = new H5File
        {
            Attributes = Hdf5Metadata.AddProvenance(
                new() { ["index"] = outcome.Index, ["fingerprint"] = _plan.Fingerprint, ["wall_time_s"] = outcome.WallSeconds },
                programVersion: null, DateTimeOffset.UtcNow, _plan.ResolvedDefinitionYaml),
        };
        // Only where there are warnings: a case file without the attribute (as every journal before it had) reads as clean.
        if (outcome.Warnings is { } warnings) file.Attributes["warnings"] = warnings;
        for (int p = 0; p < outcome.Results.Count; p++)
            file[ProtocolKey(p)] = ProtocolGroup(outcome.Results[p], outcome.Metrics[p]);
        // Not forced to disk: thousands of fsyncs would dominate a sweep; FinishedCases verifies every file instead.
        AtomicFile.Write(_layout.CaseFile(outcome.Index), temp => file.Write(temp), durable: false);
    }

    /// <summary>Reads a finished case back.</summary>
    public SweepCaseRecord Read(int index)
    {
        if (File.Exists(_layout.FailureFile(index)))
            return SweepCaseRecord.Failed(index, File.ReadAllText(_layout.FailureFile(index)).Trim());
        return ReadCaseFile(_layout.CaseFile(index), _plan.Protocols.Count) with { Index = index };
    }

    /// <summary>Reads the journal file of one finished case at <paramref name="path"/> (case index 0 in the record).</summary>
    /// <param name="path">A <c>case_NNNNNN.h5</c> journal file.</param>
    /// <param name="protocols">How many protocols the sweep runs per case.</param>
    /// <exception cref="SweepStoreException">The file is missing, damaged or not a journal file.</exception>
    public static SweepCaseRecord ReadCaseFile(string path, int protocols)
    {
        try
        {
            using var guarded = GuardedHdf5.Open(path);
            var file = guarded.File;
            var records = new List<ProtocolRecord>();
            for (int p = 0; p < protocols; p++) records.Add(ProtocolRecord.Read(guarded, file.Group(ProtocolKey(p))));
            string? warnings = file.AttributeExists("warnings") ? file.Attribute("warnings").Read<string>() : null;
            return new SweepCaseRecord(0, null, records) { Warnings = string.IsNullOrEmpty(warnings) ? null : warnings };
        }
        catch (Exception e) when (GuardedHdf5.IsDamage(e) && e is not SweepStoreException)
        {
            // Written after the verification of --resume (or damaged since): refuse it naming the file, as for a sweep file.
            throw new SweepStoreException($"{path}: not a readable journal file of a finished case ({GuardedHdf5.Describe(e)}); remove it and rerun with --resume", e);
        }
    }

    internal static string ProtocolKey(int protocol) => $"protocol_{protocol}";

    private static H5Group ProtocolGroup(SimulationResult result, double[] metrics)
    {
        var series = result.Series;
        return new H5Group
        {
            // Metrics have mixed units: the description names the order, whose units the sweep file's table carries.
            ["metrics"] = Hdf5Metadata.Dataset(metrics, "mixed", $"per-case metrics in this order: {string.Join(", ", CaseMetrics.Names)} (units in the names)"),
            ["time_s"] = Hdf5Metadata.Dataset(series.Select(p => p.Time).ToArray(), "s", "time since the start of the protocol's run"),
            ["voltage_V"] = Hdf5Metadata.Dataset(series.Select(p => p.Voltage).ToArray(), "V", "cell voltage against the counter electrode"),
            ["current_A"] = Hdf5Metadata.Dataset(series.Select(p => p.Current).ToArray(), "A", "cell current, positive on charge"),
            ["charge_C"] = Hdf5Metadata.Dataset(series.Select(p => p.Charge).ToArray(), "C", "net charge passed since the start, positive on charge"),
        };
    }
}

/// <summary>A case's stored results: an error, or per protocol its metrics and time series.</summary>
/// <param name="Index">Case index.</param>
/// <param name="Error">Failure message, or null.</param>
/// <param name="Protocols">Per protocol results (empty when failed).</param>
public sealed record SweepCaseRecord(int Index, string? Error, IReadOnlyList<ProtocolRecord> Protocols)
{
    /// <summary>The warnings of the case's runs as one line (<see cref="CaseWarnings.Summarize"/>), or null when none.</summary>
    public string? Warnings { get; init; }

    /// <summary>A failed case.</summary>
    public static SweepCaseRecord Failed(int index, string error) => new(index, error, []);
}

/// <summary>One protocol's results of a case.</summary>
/// <param name="Metrics">Values in <see cref="CaseMetrics.Names"/> order.</param>
/// <param name="Time">s.</param>
/// <param name="Voltage">V.</param>
/// <param name="Current">A.</param>
/// <param name="Charge">C.</param>
public sealed record ProtocolRecord(double[] Metrics, double[] Time, double[] Voltage, double[] Current, double[] Charge)
{
    internal static ProtocolRecord Read(GuardedHdf5 file, IH5Group group)
    {
        double[] Column(string name) => file.ReadArray<double>(group.Dataset(name), $"{group.Name}/{name}");
        return new(Column("metrics"), Column("time_s"), Column("voltage_V"), Column("current_A"), Column("charge_C"));
    }
}

/// <summary>A sweep's stored files cannot be used as asked (wrong fingerprint, missing cases, ...). Bad input: exit code 2.</summary>
public sealed class SweepStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SweepStoreException(string message) : base(message) { }

    /// <summary>Creates the exception for a damaged file, keeping the reader's exception for diagnosis.</summary>
    public SweepStoreException(string message, Exception inner) : base(message, inner) { }
}
