using System.Globalization;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;
using PureHDF;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;name&gt;.h5</c>: groups <c>/timeseries</c>, <c>/steps</c> (one column dataset per field) and
/// <c>/profiles/snapshot_NNN</c>, with provenance and solver diagnostics as root attributes. Every dataset name
/// carries its unit; dimensionless quantities (stoichiometries, indices) have none.
/// </summary>
public sealed class Hdf5ResultWriter : IResultWriter
{
    /// <inheritdoc />
    public string Write(SimulationResult result, RunMetadata metadata, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metadata);
        string path = OutputPaths.For(outputDirectory, result.Name, ".h5");

        var file = new H5File
        {
            ["timeseries"] = TimeSeries(result),
            ["steps"] = Steps(result.Steps),
            ["profiles"] = Profiles(result.Profiles),
        };
        file.Attributes = RootAttributes(result, metadata);

        AtomicFile.Write(path, tempPath => file.Write(tempPath));
        return path;
    }

    private static H5Group TimeSeries(SimulationResult result)
    {
        var series = result.Series;
        return new H5Group
        {
            ["time_s"] = Column(series, p => p.Time),
            ["voltage_V"] = Column(series, p => p.Voltage),
            ["current_A"] = Column(series, p => p.Current),
            ["charge_C"] = Column(series, p => p.Charge),
            ["specific_capacity_mAh_per_g"] = Column(series, p => SpecificQuantities.CapacityMilliampHourPerGram(p.Charge, result.ActiveMass)),
            ["temperature_K"] = Column(series, p => p.Temperature),
            ["step_index"] = Column(series, p => p.StepIndex),
        };
    }

    private static H5Group Steps(IReadOnlyList<StepSummary> steps) => new()
    {
        ["index"] = Column(steps, s => s.Index),
        ["cycle"] = Column(steps, s => s.Cycle),
        ["description"] = Column(steps, s => s.Description),
        ["kind"] = Column(steps, s => s.Kind),
        ["start_time_s"] = Column(steps, s => s.StartTime),
        ["end_time_s"] = Column(steps, s => s.EndTime),
        ["charge_C"] = Column(steps, s => s.ChargePassed),
        ["energy_J"] = Column(steps, s => s.Energy),
        ["start_voltage_V"] = Column(steps, s => s.StartVoltage),
        ["end_voltage_V"] = Column(steps, s => s.EndVoltage),
        ["mean_voltage_V"] = Column(steps, s => s.MeanVoltage),
        ["temperature_K"] = Column(steps, s => s.Temperature),
        ["film_resistance_ohm"] = Column(steps, s => s.FilmResistance),
        ["charge_transfer_resistance_ohm"] = Column(steps, s => s.ChargeTransferResistance),
        ["contact_coverage"] = Column(steps, s => s.ContactCoverage),
        ["lost_active_fraction"] = Column(steps, s => s.LostActiveFraction),
        ["end"] = Column(steps, s => s.End.ToString()),
    };

    private static H5Group Profiles(IReadOnlyList<ProfileSnapshot> profiles)
    {
        var group = new H5Group();
        // Zero-padded to a common width so the snapshots sort in time order in any HDF5 browser.
        int width = Math.Max(3, profiles.Count.ToString(CultureInfo.InvariantCulture).Length);
        for (int i = 0; i < profiles.Count; i++)
        {
            group[$"snapshot_{i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}"] = Snapshot(profiles[i]);
        }

        return group;
    }

    private static H5Group Snapshot(ProfileSnapshot snapshot)
    {
        int nodes = snapshot.Position.Length;
        if (snapshot.SurfaceStoichiometry.Length != (long)nodes * snapshot.BinCount)
        {
            throw new InvalidOperationException(
                $"Profile at t = {snapshot.Time} s has {snapshot.SurfaceStoichiometry.Length} surface stoichiometries, expected {nodes} nodes x {snapshot.BinCount} bins.");
        }

        return new H5Group
        {
            ["position_m"] = new H5Dataset(snapshot.Position),
            ["solid_potential_V"] = new H5Dataset(snapshot.SolidPotential),
            ["electrolyte_potential_V"] = new H5Dataset(snapshot.ElectrolytePotential),
            ["reaction_current_A_per_m3"] = new H5Dataset(snapshot.ReactionCurrent),
            ["mean_stoichiometry"] = new H5Dataset(snapshot.MeanStoichiometry),
            // The flat array is node-major ([node * K + bin]), which is exactly C order for shape [nodes, bins].
            ["surface_stoichiometry"] = new H5Dataset(snapshot.SurfaceStoichiometry, fileDims: [(ulong)nodes, (ulong)snapshot.BinCount]),
            Attributes = new()
            {
                ["time_s"] = snapshot.Time,
                ["step_index"] = snapshot.StepIndex,
                ["bin_count"] = snapshot.BinCount,
            },
        };
    }

    private static Dictionary<string, object> RootAttributes(SimulationResult result, RunMetadata metadata)
    {
        var diagnostics = result.Diagnostics;
        return new Dictionary<string, object>
        {
            ["run_name"] = result.Name,
            ["program_version"] = metadata.ProgramVersion,
            ["config"] = metadata.ResolvedConfigYaml,
            ["config_path"] = metadata.ConfigPath,
            ["created_utc"] = metadata.CreatedUtc.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["temperature_K"] = metadata.Temperature,
            ["active_mass_kg"] = result.ActiveMass,
            ["solver_accepted_steps"] = diagnostics.AcceptedSteps,
            ["solver_rejected_steps"] = diagnostics.RejectedSteps,
            ["solver_newton_iterations"] = diagnostics.NewtonIterations,
            ["solver_wall_time_s"] = diagnostics.WallSeconds,
            // Stored as 0/1 because HDF5 has no boolean type and readers disagree on how to decode one.
            ["solver_completed"] = diagnostics.Completed ? 1 : 0,
            // Always present (empty when none) so readers need no existence check.
            ["solver_failure_message"] = diagnostics.FailureMessage ?? string.Empty,
        };
    }

    private static H5Dataset Column<TRow, TValue>(IReadOnlyList<TRow> rows, Func<TRow, TValue> select)
    {
        var values = new TValue[rows.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = select(rows[i]);
        }

        return new H5Dataset(values);
    }
}
