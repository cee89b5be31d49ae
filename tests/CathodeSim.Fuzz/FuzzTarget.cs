using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Results;
using CathodeSim.IO.Sweeps;

namespace CathodeSim.Fuzz;

/// <summary>
/// One reader of external bytes under fuzzing: how to run it on a file, which exception is its documented refusal, and
/// which corpus files seed it.
/// </summary>
/// <param name="Name">Short name, used for output folders and reports.</param>
/// <param name="Corpus">Corpus files, relative to tests/fuzz-corpus, or "external:" and a path under ../shared/external-data
/// (real instrument files that the project does not copy; skipped where absent).</param>
/// <param name="Text">Whether line- and field-level mutations apply.</param>
/// <param name="Run">Reads the file at the given path as the CLI does.</param>
/// <param name="Refusals">The documented exception types: anything else is a finding.</param>
public sealed record FuzzTarget(string Name, string[] Corpus, bool Text, Action<string> Run, Type[] Refusals)
{
    private static readonly Type[] Measurement = [typeof(MeasurementFileException)];
    private static readonly Type[] Sweep = [typeof(SweepStoreException)];
    private static readonly Type[] Config = [typeof(ConfigException)];

    /// <summary>
    /// Loads a config as <c>cathodesim run</c> does before it simulates: YAML, the built-in library, the merge and every
    /// check of SetupBuilder (units, ranges, limits), without running anything.
    /// </summary>
    private static void LoadConfig(string path) => ConfigLoader.Load(path, []);

    /// <summary>Reads a measurement file as every command that takes one does: table, then series and spectrum.</summary>
    private static void Measured(string path)
    {
        MeasurementReader.ReadTable(path);
        Try(() => MeasurementReader.ReadSeries(path));
        Try(() => MeasurementReader.ReadSpectrum(path));
    }

    // A refusal of one view (no current column in a spectrum) must not hide a crash in the next one.
    private static void Try(Action read)
    {
        try { read(); }
        catch (MeasurementFileException) { }
    }

    /// <summary>Every reader, with its corpus.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("eclab-mpr", ["external:hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.mpr"], false, Measured, Measurement),
        new("eclab-text", ["external:hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.txt", "measurements/gitt_eclab.mpt"], true, Measured, Measurement),
        new("gamry-dta", ["external:hybrid-drt/EISGALV_EISTest3.DTA", "measurements/CHRONOP.DTA"], true, Measured, Measurement),
        new("delimited-csv", ["external:impedance.py/exampleData.csv", "measurements/gitt.csv"], true, Measured, Measurement),
        new("zplot", ["measurements/synthetic_zplot.z"], true, Measured, Measurement),
        new("z60w-autolab", ["measurements/synthetic_z60w.txt"], true, Measured, Measurement),
        new("chi", ["measurements/synthetic_chi.txt"], true, Measured, Measurement),
        new("versastudio-par", ["measurements/synthetic_versastudio.par"], true, Measured, Measurement),
        new("powersuite", ["measurements/synthetic_powersuite.txt"], true, Measured, Measurement),
        new("land-text", ["measurements/cycler_land.txt", "measurements/cycler_land.csv"], true, Measured, Measurement),
        new("land-xlsx", ["measurements/cycler_land.xlsx"], false, Measured, Measurement),
        new("arbin-csv", ["measurements/cycler_arbin.csv"], true, Measured, Measurement),
        new("arbin-xlsx", ["measurements/cycler_arbin.xlsx"], false, Measured, Measurement),
        new("maccor-text", ["measurements/cycler_maccor.txt"], true, Measured, Measurement),
        new("neware-nda", ["measurements/cycler_neware_v29.nda", "measurements/cycler_neware_v130.nda"], false, Measured, Measurement),
        new("neware-ndax", ["measurements/cycler_neware_ndc2.ndax", "measurements/cycler_neware_ndc5.ndax"], false, Measured, Measurement),
        new("neware-csv", ["measurements/cycler_neware.csv"], true, Measured, Measurement),
        new("conductivity-csv", ["conductivity/sigma.csv", "conductivity/sigma_degC.tsv"], true, p => ConductivityCsvReader.Read(p), Measurement),
        new("run-h5", ["hdf5/run.h5"], false, p => RunFileReader.Read(p), Measurement),
        new("journal-case-h5", ["hdf5/case_000000.h5"], false, p => SweepJournal.ReadCaseFile(p, 1), Sweep),
        new("sweep-h5", ["hdf5/sweep.h5"], false, ReadSweep, Sweep),
        new("yaml-config", ["yaml/b-ncm-65.yaml"], true, LoadConfig, Config),
    ];

    private static void ReadSweep(string path)
    {
        using var sweep = SweepFileReader.Open(path);
        foreach (var row in sweep.Rows.Take(4)) sweep.ReadCase(row.Index);
    }
}
