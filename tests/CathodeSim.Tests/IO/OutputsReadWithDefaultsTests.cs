using System.Globalization;
using System.Text;
using System.Text.Json;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Tests.Cli;
using CathodeSim.Tests.Gitt;
using CathodeSim.Tests.Impedance;
using PureHDF;

namespace CathodeSim.Tests.IO;

/// <summary>
/// Runs the commands that write CSV and HDF5 files (run, cycles, dqdv, eis, fit-eis, kk, drt, convert, gitt-analyze,
/// a tiny sweep) and checks every file they wrote the way a pandas/Excel/h5py user meets it: CSVs start with a header
/// of unique names, have no comment lines and the same number of fields on every row; HDF5 datasets carry units and
/// descriptions, and every file the same root provenance.
/// </summary>
public sealed class OutputsReadWithDefaultsTests : IClassFixture<OutputsReadWithDefaultsTests.Outputs>
{
    private readonly Outputs _outputs;

    public OutputsReadWithDefaultsTests(Outputs outputs) => _outputs = outputs;

    /// <summary>One set of outputs of every command, shared by the checks.</summary>
    public sealed class Outputs : IDisposable
    {
        public Outputs()
        {
            string inputs = Path.Combine(Root, "inputs");
            System.IO.Directory.CreateDirectory(inputs);
            string config = RepositoryPaths.File("configs", "b-ncm-65.yaml");
            string[] coarse = ["--set", "numerics.size_bins=1", "--set", "numerics.cathode_nodes=6", "--set", "numerics.radial_shells=6"];

            Run(["run", config, .. coarse, "--output", Out("run")]);
            string h5 = Path.Combine(Out("run"), "b-ncm-65.h5");
            Run("cycles", h5, "--output", Out("cycles"));
            Run("dqdv", h5, "--active-mass", "3.575", "mg", "--window", "5", "mV", "--smoothing", "11", "--output", Out("dqdv"));
            Run(["eis", config, "--at", "charge to 3.7 V", .. coarse, "--output", Out("eis")]);

            const string circuit = "R0-p(R1,CPE1)-W1";
            double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
            var z = SyntheticSpectra.Spectrum(Circuit.Parse(circuit), [20, 100, 2e-6, 0.85, 30], f, 0.01, 7);
            string spectrum = SyntheticSpectra.WriteCsv(Path.Combine(inputs, "cell.csv"), f, z);
            Run("fit-eis", spectrum, "--circuit", circuit, "--output", Out("fit-eis"));
            Run("kk", spectrum, "--output", Out("kk"));
            Run("drt", spectrum, "--output", Out("drt"));
            Run("convert", spectrum, "--output", Out("convert"));

            string record = PulseDetectionTests.WriteCsv(Path.Combine(inputs, "gitt.csv"), PulseDetectionTests.Synthetic());
            Run("gitt-analyze", record, "--particle-radius", "2", "um", "--active-mass", "3.6 mg", "--initial-stoichiometry", "0.99",
                "--theoretical-capacity", "275", "mAh/g", "--output", Out("gitt"));
            Run("convert", record, "--output", Out("convert"));

            string sweep = Path.Combine(inputs, "tiny.yaml");
            File.WriteAllText(sweep, $$"""
                name: tiny
                base: {{config}}
                set: [numerics.size_bins=1, numerics.cathode_nodes=6, numerics.radial_shells=6]
                parameters:
                  cell.cathode.particle_size.d50: {from: 1 um, to: 100 um, count: 3, scale: log}
                protocols:
                  fast: [Charge at 1C until 3.7 V, Discharge at 1C until 2.1 V]
                """);
            Run("sweep", sweep, "--output", Out("sweep"));
        }

        public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("cathodesim-outputs-").FullName;

        public string Out(string command) => Path.Combine(Root, "out", command);

        /// <summary>Every file the commands wrote with extension <paramref name="extension"/>.</summary>
        public string[] Files(string extension) => System.IO.Directory.GetFiles(Path.Combine(Root, "out"), "*" + extension, SearchOption.AllDirectories)
            .Where(p => !Path.GetFileName(Path.GetDirectoryName(p)!).StartsWith('.')).Order().ToArray();

        private static void Run(params string[] args)
        {
            var outcome = CliHarness.Run(args);
            Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', args)}: {outcome.Error}");
        }

        public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
    }

    [Fact]
    public void EveryCsvWritten_ReadsWithDefaultParsers()
    {
        var csvs = _outputs.Files(".csv");
        // One per kind: the run's two, cycles, dqdv, eis, fit, kk, drt, two conversions, gitt, the sweep table.
        foreach (string kind in new[] { "_timeseries.csv", "_steps.csv", "_cycles.csv", "_dqdv.csv", "_eis.csv", "_fit.csv", "_kk.csv", "_drt.csv",
                     "_spectrum.csv", "_record.csv", "_gitt.csv", "_table.csv" })
            Assert.Contains(csvs, p => p.EndsWith(kind, StringComparison.Ordinal));
        foreach (string path in csvs)
        {
            string name = Path.GetFileName(path);
            string text = File.ReadAllText(path);
            Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith('#'));
            var records = Rfc4180(text);
            var header = records[0];
            Assert.True(header.All(h => h.Trim().Length > 0), $"{name}: empty column name in '{string.Join(',', header)}'");
            Assert.True(header.Distinct().Count() == header.Count, $"{name}: duplicate column names in '{string.Join(',', header)}'");
            Assert.True(header.All(h => !double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out _)), $"{name}: first line is data, not a header");
            Assert.True(records.Count > 1, $"{name}: no data rows");
            for (int r = 1; r < records.Count; r++)
                Assert.True(records[r].Count == header.Count, $"{name}: row {r} has {records[r].Count} fields, the header {header.Count}");
            for (int c = 0; c < header.Count; c++)
            {
                // A column is numeric when its first non-empty value is: then every value must parse (empty = missing).
                var values = records.Skip(1).Select(row => row[c]).Where(v => v.Length > 0).ToList();
                if (values.Count == 0 || !double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _)) continue;
                Assert.True(values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
                    $"{name}: column {header[c]} mixes numbers and text");
            }
            if (File.Exists(path + ".json"))
            {
                using var sidecar = JsonDocument.Parse(File.ReadAllText(path + ".json"));
                Assert.Equal(name, sidecar.RootElement.GetProperty("file").GetString());
                Assert.StartsWith("cathodesim ", sidecar.RootElement.GetProperty("command").GetString());
            }
        }
        // The metadata that sat in '#' lines is in the sidecars.
        foreach (string kind in new[] { "_eis.csv", "_fit.csv", "_kk.csv", "_drt.csv", "_dqdv.csv", "_gitt.csv", "_spectrum.csv", "_record.csv" })
            Assert.True(File.Exists(csvs.First(p => p.EndsWith(kind, StringComparison.Ordinal)) + ".json"), kind);
    }

    [Fact]
    public void RunTimeSeries_HasTheCycleOfEachPoint()
    {
        string dir = _outputs.Out("run");
        var rows = Rfc4180(File.ReadAllText(Path.Combine(dir, "b-ncm-65_timeseries.csv")));
        int cycle = rows[0].IndexOf("cycle"), step = rows[0].IndexOf("step_index");
        var steps = Rfc4180(File.ReadAllText(Path.Combine(dir, "b-ncm-65_steps.csv")));
        var stepCycle = steps.Skip(1).ToDictionary(s => s[0], s => s[1]);
        Assert.All(rows.Skip(1), row => Assert.Equal(stepCycle[row[step]], row[cycle]));
        using var file = H5File.OpenRead(Path.Combine(dir, "b-ncm-65.h5"));
        var h5Cycles = file.Dataset("timeseries/cycle").Read<int[]>();
        Assert.Equal(rows.Skip(1).Select(r => int.Parse(r[cycle], CultureInfo.InvariantCulture)), h5Cycles);
    }

    [Fact]
    public void EveryHdf5Written_CarriesUnitsDescriptionsAndTheSameRootAttributes()
    {
        var files = _outputs.Files(".h5");
        foreach (string kind in new[] { "b-ncm-65.h5", "b-ncm-65_eis.h5", "tiny.h5" })
            Assert.Contains(files, p => Path.GetFileName(p) == kind);
        string journal = System.IO.Directory.GetFiles(_outputs.Out("sweep"), "case_*.h5", SearchOption.AllDirectories).First();
        foreach (string path in files.Append(journal))
        {
            using var file = H5File.OpenRead(path);
            foreach (string attribute in new[] { "program_version", "created", "command", "config" })
                Assert.True(file.AttributeExists(attribute), $"{Path.GetFileName(path)}: no root attribute {attribute}");
            Assert.StartsWith("cathodesim ", file.Attribute("command").Read<string>());
            Assert.True(DateTimeOffset.TryParseExact(file.Attribute("created").Read<string>(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out _));
            int datasets = 0;
            foreach (var dataset in Datasets(file))
            {
                datasets++;
                Assert.True(dataset.AttributeExists("units") && dataset.AttributeExists("description"), $"{Path.GetFileName(path)}: {dataset.Name} lacks units or description");
                Assert.NotEmpty(dataset.Attribute("description").Read<string>());
            }
            Assert.True(datasets > 0);
        }
    }

    private static IEnumerable<IH5Dataset> Datasets(IH5Group group)
    {
        foreach (var child in group.Children())
        {
            if (child is IH5Dataset d) yield return d;
            else if (child is IH5Group g) foreach (var inner in Datasets(g)) yield return inner;
        }
    }

    /// <summary>Records of an RFC 4180 text: fields split at commas outside quotes, "" inside quotes a quote, records at line ends outside quotes.</summary>
    private static List<List<string>> Rfc4180(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(ch);
        }
        Assert.False(quoted, "unterminated quoted field");
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
