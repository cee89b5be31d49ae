using CathodeSim.IO.Config;
using CathodeSim.IO.Measurements;
using PureHDF;

namespace CathodeSim.IO.Results;

/// <summary>A <c>cathodesim run</c> result file read back.</summary>
/// <param name="Series">The time series (time, current, voltage; cycle per point from <c>/steps</c>).</param>
/// <param name="RunName">The run's name (root attribute <c>run_name</c>; the file stem when absent).</param>
/// <param name="ActiveMass">kg of active material (root attribute <c>active_mass_kg</c>), or null when absent.</param>
public sealed record RunFile(MeasuredSeries Series, string RunName, double? ActiveMass);

/// <summary>
/// Reads the <c>.h5</c> a <c>cathodesim run</c> writes (see <see cref="Output.Hdf5ResultWriter"/>) back into a
/// <see cref="MeasuredSeries"/>: <c>/timeseries/time_s</c>, <c>current_A</c>, <c>voltage_V</c>, and the cycle of each point
/// from <c>/timeseries/step_index</c> and <c>/steps/index</c>, <c>/steps/cycle</c> when present.
/// </summary>
public static class RunFileReader
{
    private const string Expected = "expected the .h5 file a 'cathodesim run' writes (with /timeseries/time_s, current_A and voltage_V)";

    /// <summary>The series of <paramref name="path"/>.</summary>
    /// <exception cref="MeasurementFileException">The file is missing, not HDF5, or not a CathodeSim run file.</exception>
    public static MeasuredSeries ReadSeries(string path) => Read(path).Series;

    /// <summary>The series of <paramref name="path"/> with the run's name and active mass.</summary>
    /// <exception cref="MeasurementFileException">The file is missing, not HDF5, or not a CathodeSim run file.</exception>
    public static RunFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string display = ConfigLoader.Display(full);
        if (Directory.Exists(full)) throw new MeasurementFileException(display, null, $"is a directory; {Expected}");
        if (!File.Exists(full)) throw new MeasurementFileException(display, null, "file not found");
        GuardedHdf5 file;
        try
        {
            file = GuardedHdf5.Open(full);
        }
        catch (Exception e) when (GuardedHdf5.IsDamage(e))
        {
            throw new MeasurementFileException(display, null, $"is not a readable HDF5 file ({GuardedHdf5.Describe(e)}); {Expected}", e);
        }
        using (file)
        {
            try
            {
                return Read(file, display, full);
            }
            catch (MeasurementFileException)
            {
                throw;
            }
            catch (Exception e) when (GuardedHdf5.IsDamage(e))
            {
                // Damage past the superblock: PureHDF's own exceptions (and refused oversized allocations) name no file.
                throw new MeasurementFileException(display, null, $"is not a CathodeSim run file ({GuardedHdf5.Describe(e)}); {Expected}", e);
            }
        }
    }

    private static RunFile Read(GuardedHdf5 guarded, string display, string full)
    {
        var file = guarded.File;
        if (!file.LinkExists("timeseries"))
            throw new MeasurementFileException(display, null, $"has no /timeseries group; {Expected}");
        var series = file.Group("timeseries");
        double[] Column(string name)
        {
            if (!series.LinkExists(name)) throw new MeasurementFileException(display, null, $"has no /timeseries/{name}; {Expected}");
            return guarded.ReadArray<double>(series.Dataset(name), $"/timeseries/{name}");
        }
        double[] time = Column("time_s"), current = Column("current_A"), voltage = Column("voltage_V");
        if (current.Length != time.Length || voltage.Length != time.Length)
            throw new MeasurementFileException(display, null,
                $"/timeseries columns differ in length (time_s {time.Length}, current_A {current.Length}, voltage_V {voltage.Length})");
        if (time.Length < 2)
            throw new MeasurementFileException(display, null, $"/timeseries holds {time.Length} point{(time.Length == 1 ? "" : "s")}; at least 2 are needed");

        var warnings = new List<string>();
        int[]? cycle = null;
        if (series.LinkExists("step_index") && file.LinkExists("steps") && file.Group("steps").LinkExists("index") && file.Group("steps").LinkExists("cycle"))
        {
            int[] stepOfPoint = guarded.ReadArray<int>(series.Dataset("step_index"), "/timeseries/step_index");
            var steps = file.Group("steps");
            int[] index = guarded.ReadArray<int>(steps.Dataset("index"), "/steps/index"), cycles = guarded.ReadArray<int>(steps.Dataset("cycle"), "/steps/cycle");
            var map = new Dictionary<int, int>();
            for (int i = 0; i < Math.Min(index.Length, cycles.Length); i++) map[index[i]] = cycles[i];
            if (stepOfPoint.Length == time.Length && stepOfPoint.All(map.ContainsKey)) cycle = stepOfPoint.Select(s => map[s]).ToArray();
            else warnings.Add("the step table does not cover every point; cycles are counted from the current's sign changes");
        }
        else
        {
            warnings.Add("no /steps table; cycles are counted from the current's sign changes");
        }

        string name = file.AttributeExists("run_name") ? file.Attribute("run_name").Read<string>() : Path.GetFileNameWithoutExtension(full);
        double? mass = null;
        if (file.AttributeExists("active_mass_kg"))
        {
            double m = file.Attribute("active_mass_kg").Read<double>();
            if (m > 0 && double.IsFinite(m)) mass = m;
        }
        return new RunFile(new MeasuredSeries(display, time, current, voltage, cycle, warnings), string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(full) : name, mass);
    }
}
