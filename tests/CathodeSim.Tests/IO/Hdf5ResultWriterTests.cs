using CathodeSim.IO.Output;
using PureHDF;

namespace CathodeSim.Tests.IO;

public sealed class Hdf5ResultWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TimeSeriesRoundTrips()
    {
        var result = SyntheticRun.Create();
        string path = new Hdf5ResultWriter().Write(result, SyntheticRun.Metadata(), _dir.Path);

        Assert.Equal(Path.Combine(_dir.Path, "synthetic.h5"), path);
        using var file = H5File.OpenRead(path);
        Assert.Equal(result.Series.Select(p => p.Time), file.Dataset("timeseries/time_s").Read<double[]>());
        Assert.Equal(result.Series.Select(p => p.Voltage), file.Dataset("timeseries/voltage_V").Read<double[]>());
        Assert.Equal(result.Series.Select(p => p.Current), file.Dataset("timeseries/current_A").Read<double[]>());
        Assert.Equal(result.Series.Select(p => p.Charge), file.Dataset("timeseries/charge_C").Read<double[]>());
        Assert.Equal(result.Series.Select(p => p.Temperature), file.Dataset("timeseries/temperature_K").Read<double[]>());
        Assert.Equal(result.Series.Select(p => p.StepIndex), file.Dataset("timeseries/step_index").Read<int[]>());

        double[] capacity = file.Dataset("timeseries/specific_capacity_mAh_per_g").Read<double[]>();
        Assert.Equal(10.0, capacity[9], 12); // end of charge: 0.36 C / 3.6 / 0.01 g
        Assert.Equal(1.0, capacity[^1], 12); // 10 mAh/g in, 9 mAh/g out
    }

    [Fact]
    public void StepsRoundTrip()
    {
        var result = SyntheticRun.Create();
        string path = new Hdf5ResultWriter().Write(result, SyntheticRun.Metadata(), _dir.Path);

        using var file = H5File.OpenRead(path);
        Assert.Equal([0, 1, 2], file.Dataset("steps/index").Read<int[]>());
        Assert.Equal([1, 1, 1], file.Dataset("steps/cycle").Read<int[]>());
        Assert.Equal(result.Steps.Select(s => s.Description), file.Dataset("steps/description").Read<string[]>());
        Assert.Equal(["charge", "rest", "discharge"], file.Dataset("steps/kind").Read<string[]>());
        Assert.Equal(["Voltage", "Time", "Voltage"], file.Dataset("steps/end").Read<string[]>());
        Assert.Equal(result.Steps.Select(s => s.ChargePassed), file.Dataset("steps/charge_C").Read<double[]>());
        Assert.Equal(result.Steps.Select(s => s.Energy), file.Dataset("steps/energy_J").Read<double[]>());
        Assert.Equal(result.Steps.Select(s => s.StartTime), file.Dataset("steps/start_time_s").Read<double[]>());
        Assert.Equal(result.Steps.Select(s => s.EndTime), file.Dataset("steps/end_time_s").Read<double[]>());
        Assert.Equal(result.Steps.Select(s => s.StartVoltage), file.Dataset("steps/start_voltage_V").Read<double[]>());
        Assert.Equal(result.Steps.Select(s => s.EndVoltage), file.Dataset("steps/end_voltage_V").Read<double[]>());

        double[] mean = file.Dataset("steps/mean_voltage_V").Read<double[]>();
        Assert.Equal(3.5, mean[0], 12);
        Assert.True(double.IsNaN(mean[1])); // rest: no charge passed
        Assert.Equal(3.4, mean[2], 12);
    }

    [Fact]
    public void ProfilesRoundTripWithTwoDimensionalSurfaceStoichiometry()
    {
        var result = SyntheticRun.Create();
        string path = new Hdf5ResultWriter().Write(result, SyntheticRun.Metadata(), _dir.Path);

        using var file = H5File.OpenRead(path);
        var snapshot = file.Group("profiles/snapshot_001");
        var expected = result.Profiles[1];
        Assert.Equal(expected.Position, snapshot.Dataset("position_m").Read<double[]>());
        Assert.Equal(expected.SolidPotential, snapshot.Dataset("solid_potential_V").Read<double[]>());
        Assert.Equal(expected.ElectrolytePotential, snapshot.Dataset("electrolyte_potential_V").Read<double[]>());
        Assert.Equal(expected.ReactionCurrent, snapshot.Dataset("reaction_current_A_per_m3").Read<double[]>());
        Assert.Equal(expected.MeanStoichiometry, snapshot.Dataset("mean_stoichiometry").Read<double[]>());
        Assert.Equal(784.0, snapshot.Attribute("time_s").Read<double>());
        Assert.Equal(2, snapshot.Attribute("step_index").Read<int>());
        Assert.Equal(SyntheticRun.Bins, snapshot.Attribute("bin_count").Read<int>());

        var surface = snapshot.Dataset("surface_stoichiometry");
        Assert.Equal([(ulong)SyntheticRun.Nodes, (ulong)SyntheticRun.Bins], surface.Space.Dimensions);
        double[,] grid = surface.Read<double[,]>();
        Assert.Equal(SyntheticRun.SurfaceStoichiometry(0.2, node: 2, bin: 1), grid[2, 1], 12);
        Assert.Equal(SyntheticRun.SurfaceStoichiometry(0.2, node: 1, bin: 0), grid[1, 0], 12);

        Assert.Equal(["snapshot_000", "snapshot_001"], file.Group("profiles").Children().Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProvenanceAndDiagnosticsAreRootAttributes()
    {
        var result = SyntheticRun.Create();
        var metadata = SyntheticRun.Metadata();
        string path = new Hdf5ResultWriter().Write(result, metadata, _dir.Path);

        using var file = H5File.OpenRead(path);
        Assert.Equal(metadata.ProgramVersion, file.Attribute("program_version").Read<string>());
        Assert.Equal(metadata.ResolvedConfigYaml, file.Attribute("config").Read<string>());
        Assert.Equal(metadata.ConfigPath, file.Attribute("config_path").Read<string>());
        Assert.Equal(metadata.CreatedUtc, DateTimeOffset.Parse(file.Attribute("created_utc").Read<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(298.15, file.Attribute("temperature_K").Read<double>());
        Assert.Equal("synthetic", file.Attribute("run_name").Read<string>());
        Assert.Equal(SyntheticRun.ActiveMass, file.Attribute("active_mass_kg").Read<double>());
        Assert.Equal(120, file.Attribute("solver_accepted_steps").Read<int>());
        Assert.Equal(3, file.Attribute("solver_rejected_steps").Read<int>());
        Assert.Equal(456, file.Attribute("solver_newton_iterations").Read<int>());
        Assert.Equal(1.25, file.Attribute("solver_wall_time_s").Read<double>());
        Assert.Equal(1, file.Attribute("solver_completed").Read<int>());
        Assert.Equal("", file.Attribute("solver_failure_message").Read<string>());
    }

    [Fact]
    public void FailureMessageIsStored()
    {
        var result = SyntheticRun.Create() with
        {
            Diagnostics = new CathodeSim.Model.Results.SolverDiagnostics(5, 9, 40, 0.1, false, "step size underflow at t = 12 s"),
        };
        string path = new Hdf5ResultWriter().Write(result, SyntheticRun.Metadata(), _dir.Path);

        using var file = H5File.OpenRead(path);
        Assert.Equal(0, file.Attribute("solver_completed").Read<int>());
        Assert.Equal("step size underflow at t = 12 s", file.Attribute("solver_failure_message").Read<string>());
    }

    [Fact]
    public void OverwritesAndLeavesNoTemporaryFiles()
    {
        var writer = new Hdf5ResultWriter();
        writer.Write(SyntheticRun.Create(), SyntheticRun.Metadata(), _dir.Path);
        writer.Write(SyntheticRun.Create(), SyntheticRun.Metadata(), _dir.Path);

        Assert.Equal(["synthetic.h5"], _dir.FileNames());
    }

    [Fact]
    public void CreatesMissingOutputDirectory()
    {
        string nested = Path.Combine(_dir.Path, "a", "b");
        string path = new Hdf5ResultWriter().Write(SyntheticRun.Create(), SyntheticRun.Metadata(), nested);

        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public void RejectsRunNamesThatAreNotFileNames(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() =>
            new Hdf5ResultWriter().Write(SyntheticRun.Create(name), SyntheticRun.Metadata(), _dir.Path));
    }

    [Fact]
    public void EmptyResultWritesEmptyDatasets()
    {
        var empty = SyntheticRun.Create() with { Series = [], Steps = [], Profiles = [] };
        string path = new Hdf5ResultWriter().Write(empty, SyntheticRun.Metadata(), _dir.Path);

        using var file = H5File.OpenRead(path);
        Assert.Empty(file.Dataset("timeseries/voltage_V").Read<double[]>());
        Assert.Empty(file.Dataset("steps/kind").Read<string[]>());
        Assert.Empty(file.Group("profiles").Children());
    }
}
