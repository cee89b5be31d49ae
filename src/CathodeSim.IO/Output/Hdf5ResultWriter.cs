using System.Globalization;
using CathodeSim.Analysis.Cycling;
using CathodeSim.Model.Results;
using PureHDF;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;name&gt;.h5</c>: groups <c>/timeseries</c>, <c>/steps</c> (one column dataset per field) and
/// <c>/profiles/snapshot_NNN</c> (with the electrolyte concentration profile for liquid-electrolyte runs), with provenance (<see cref="Hdf5Metadata.AddProvenance"/>) and solver diagnostics as
/// root attributes. Every dataset has <c>units</c> and <c>description</c> attributes; its name carries the unit too
/// (dimensionless quantities, such as stoichiometries and indices, have none), as older files did.
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
            ["time_s"] = Column(series, p => p.Time, "s", "time since the start of the run"),
            ["voltage_V"] = Column(series, p => p.Voltage, "V", "cell voltage against the counter electrode"),
            ["current_A"] = Column(series, p => p.Current, "A", "cell current, positive on charge"),
            ["charge_C"] = Column(series, p => p.Charge, "C", "net charge passed since the start of the run, positive on charge"),
            ["specific_capacity_mAh_per_g"] = Column(series, p => SpecificQuantities.CapacityMilliampHourPerGram(p.Charge, result.ActiveMass),
                "mAh/g", "net charge passed since the start per gram of active material, positive on charge"),
            ["temperature_K"] = Column(series, p => p.Temperature, "K", "cell temperature"),
            ["step_index"] = Column(series, p => p.StepIndex, Hdf5Metadata.Dimensionless, "0-based index of the executed step (repeats unrolled), a row of /steps"),
            ["cycle"] = Hdf5Metadata.Dataset(SeriesCycles.Of(result), Hdf5Metadata.Dimensionless, "1-based cycle (repeat iteration) of the step the point belongs to; 1 outside repeats"),
        };
    }

    private static H5Group Steps(IReadOnlyList<StepSummary> steps) => new()
    {
        ["index"] = Column(steps, s => s.Index, Hdf5Metadata.Dimensionless, "0-based index of the executed step (repeats unrolled)"),
        ["cycle"] = Column(steps, s => s.Cycle, Hdf5Metadata.Dimensionless, "1-based cycle (repeat iteration); 1 outside repeats"),
        ["description"] = Column(steps, s => s.Description, Hdf5Metadata.NoUnit, "the step as written in the protocol"),
        ["kind"] = Column(steps, s => s.Kind, Hdf5Metadata.NoUnit, "step kind: charge, discharge, hold or rest"),
        ["start_time_s"] = Column(steps, s => s.StartTime, "s", "time at the start of the step"),
        ["end_time_s"] = Column(steps, s => s.EndTime, "s", "time at the end of the step"),
        ["charge_C"] = Column(steps, s => s.ChargePassed, "C", "net charge passed during the step, positive on charge"),
        ["energy_J"] = Column(steps, s => s.Energy, "J", "electrical energy into the cell during the step (negative on discharge)"),
        ["start_voltage_V"] = Column(steps, s => s.StartVoltage, "V", "cell voltage at the start of the step"),
        ["end_voltage_V"] = Column(steps, s => s.EndVoltage, "V", "cell voltage at the end of the step"),
        ["mean_voltage_V"] = Column(steps, s => s.MeanVoltage, "V", "charge-weighted mean cell voltage over the step (NaN where no charge passed)"),
        ["temperature_K"] = Column(steps, s => s.Temperature, "K", "thermostat temperature during the step"),
        ["film_resistance_ohm"] = Column(steps, s => s.FilmResistance, "Ohm", "cell-level interphase film resistance at the end of the step"),
        ["charge_transfer_resistance_ohm"] = Column(steps, s => s.ChargeTransferResistance, "Ohm", "cell-level charge-transfer resistance RT/(F i0) at the end of the step"),
        ["contact_coverage"] = Column(steps, s => s.ContactCoverage, Hdf5Metadata.Dimensionless, "volume-weighted mean contacted fraction of the NCM surface at the end of the step"),
        ["lost_active_fraction"] = Column(steps, s => s.LostActiveFraction, Hdf5Metadata.Dimensionless, "volume fraction of NCM whose contact is lost (below 1 % of its pristine coverage) at the end of the step"),
        ["end"] = Column(steps, s => s.End.ToString(), Hdf5Metadata.NoUnit, "why the step ended"),
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

        var group = new H5Group
        {
            ["position_m"] = Hdf5Metadata.Dataset(snapshot.Position, "m", "node centre, distance from the separator/cathode interface"),
            ["solid_potential_V"] = Hdf5Metadata.Dataset(snapshot.SolidPotential, "V", "electronic (solid phase) potential at the node"),
            ["electrolyte_potential_V"] = Hdf5Metadata.Dataset(snapshot.ElectrolytePotential, "V", "ionic (electrolyte phase) potential at the node"),
            ["reaction_current_A_per_m3"] = Hdf5Metadata.Dataset(snapshot.ReactionCurrent, "A/m3", "volumetric reaction current at the node, positive for delithiation"),
            ["mean_stoichiometry"] = Hdf5Metadata.Dataset(snapshot.MeanStoichiometry, Hdf5Metadata.Dimensionless, "volume-averaged lithium stoichiometry of the particles at the node"),
            // The flat array is node-major ([node * K + bin]), which is exactly C order for shape [nodes, bins].
            ["surface_stoichiometry"] = Hdf5Metadata.Dataset(snapshot.SurfaceStoichiometry, Hdf5Metadata.Dimensionless,
                "surface lithium stoichiometry per node (rows) and particle size bin (columns)", [(ulong)nodes, (ulong)snapshot.BinCount]),
            Attributes = new()
            {
                ["time_s"] = snapshot.Time,
                ["step_index"] = snapshot.StepIndex,
                ["bin_count"] = snapshot.BinCount,
            },
        };
        // Liquid-electrolyte (DFN) runs also carry the salt profile over separator and cathode, on its own grid whose
        // origin is the lithium metal (position_m above starts at the separator/cathode interface).
        if (snapshot.ElectrolyteConcentration is { } ce && snapshot.ElectrolytePosition is { } xe)
        {
            group["electrolyte_position_m"] = Hdf5Metadata.Dataset(xe, "m", "volume centre of the electrolyte profile, distance from the lithium metal (separator and cathode)");
            group["electrolyte_concentration_mol_per_m3"] = Hdf5Metadata.Dataset(ce, "mol/m3", "salt concentration in the electrolyte at electrolyte_position_m");
        }
        return group;
    }

    private static Dictionary<string, object> RootAttributes(SimulationResult result, RunMetadata metadata)
    {
        var diagnostics = result.Diagnostics;
        var attributes = new Dictionary<string, object>
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
            // A run stopped by Ctrl+C or SIGTERM holds what was done up to its last accepted time step: readers must be
            // able to tell it from a finished run without comparing against the protocol. Both always present (0 and "").
            ["partial"] = diagnostics.Interrupted ? 1 : 0,
            ["interrupted"] = diagnostics.Interruption ?? string.Empty,
        };
        return Hdf5Metadata.AddProvenance(attributes, metadata.ProgramVersion, metadata.CreatedUtc, metadata.ResolvedConfigYaml);
    }

    private static H5Dataset Column<TRow, TValue>(IReadOnlyList<TRow> rows, Func<TRow, TValue> select, string units, string description)
    {
        var values = new TValue[rows.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = select(rows[i]);
        }

        return Hdf5Metadata.Dataset(values, units, description);
    }
}
