using CathodeSim.Fuzz;
using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Results;
using CathodeSim.IO.Sweeps;

namespace CathodeSim.Tests.IO.Fuzzing;

/// <summary>
/// One test per defect the fuzzer found, on the (minimised where possible) input it saved, kept under
/// tests/fuzz-corpus/regressions/. Each input crashed (an exception other than the reader's own, or an
/// OutOfMemoryException that ended the process with exit 134) or hung the reader before the fix; now each is refused
/// with the reader's documented exception naming the file, within seconds.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static string Regression(string name) => Path.Combine(FuzzRunner.CorpusRoot(), "regressions", name);

    /// <summary>Runs <paramref name="read"/> on a thread: a hang fails the test instead of stopping the test run.</summary>
    private static TException Refused<TException>(string name, Action<string> read) where TException : Exception
    {
        string path = Regression(name);
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { read(path); }
            catch (Exception e) { error = e; }
        }) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), $"{name}: the reader did not finish within 30 s (hang)");
        var refusal = Assert.IsType<TException>(error);
        Assert.Contains(name, refusal.Message, StringComparison.Ordinal);
        return refusal;
    }

    [Fact]
    public void Header_of_thousands_of_fields_over_thousands_of_short_rows_is_refused_not_built()
    {
        // Was (long campaign, gamry-dta): a mutated .DTA whose first line became 4,904 comma-separated fields, read as a
        // delimited table over 1,056 one-field rows: 5.2 million cells and 5.2 million problem messages from 23 kB,
        // 3 s of CPU and 118 MiB; reported as a hang under load. Now refused at the row where the table outgrows the text.
        var refusal = Refused<MeasurementFileException>("wide-header-over-many-short-rows.DTA", path => MeasurementReader.ReadTable(path));
        Assert.Contains("4,904 columns", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_with_an_empty_key_before_a_nested_map_is_a_config_exception()
    {
        // Was: YamlDotNet's ArgumentException ("The current event is of an unsupported type") from its tree loader on
        // "    : i: 2", let through by ConfigYaml.Parse: 'cathodesim run' ended with a stack trace.
        var e = Refused<ConfigException>("yaml-empty-key-nested-map.yaml", p => ConfigLoader.Load(p, []));
        Assert.Contains("invalid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_file_whose_global_heap_size_is_huge_is_refused_not_out_of_memory()
    {
        // Was: OutOfMemoryException from PureHDF's GlobalHeapCollection (run_name attribute), let through by the
        // reader's filter: 'cathodesim dqdv' and 'cycles' aborted with exit 134.
        var e = Refused<MeasurementFileException>("run-global-heap-size-oom.h5", p => RunFileReader.Read(p));
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_file_read_past_its_end_is_refused_not_hung()
    {
        // Was: a hang (no end after 2 s) on reads at the end of the file.
        Refused<MeasurementFileException>("run-read-past-end-hang.h5", p => RunFileReader.Read(p));
    }

    [Fact]
    public void Truncated_journal_file_is_a_sweep_store_exception()
    {
        // Was: PureHDF's bare Exception from ObjectHeader.Construct, naming no file (--resume's reads).
        Refused<SweepStoreException>("journal-truncated-13-bytes.h5", p => SweepJournal.ReadCaseFile(p, 1));
    }

    [Fact]
    public void Journal_file_with_a_damaged_object_header_is_a_sweep_store_exception()
    {
        // Was: PureHDF's bare Exception from HeaderMessage.Decode.
        Refused<SweepStoreException>("journal-damaged-header.h5", p => SweepJournal.ReadCaseFile(p, 1));
    }

    [Fact]
    public void Journal_file_with_a_huge_length_field_is_refused()
    {
        // Was: PureHDF's bare Exception (and, under load, past the fuzzer's 2 s timeout with about 1 GB allocated).
        Refused<SweepStoreException>("journal-length-field-1gb.h5", p => SweepJournal.ReadCaseFile(p, 1));
    }

    [Fact]
    public void Sweep_file_with_a_damaged_case_group_is_a_sweep_store_exception()
    {
        // Was: PureHDF's bare Exception from NativeGroup.InternalGet in SweepFileReader.ReadCase.
        Refused<SweepStoreException>("sweep-damaged-case-group.h5", p =>
        {
            using var sweep = SweepFileReader.Open(p);
            foreach (var row in sweep.Rows) sweep.ReadCase(row.Index);
        });
    }

    [Fact]
    public void Sweep_file_whose_global_heap_size_is_huge_is_refused_not_out_of_memory()
    {
        // Was: OutOfMemoryException from the header attributes, let through by SweepFileReader.Open.
        Refused<SweepStoreException>("sweep-global-heap-size-oom.h5", p => SweepFileReader.Open(p).Dispose());
    }
}
