using CathodeSim.Analysis.Calibration;
using CathodeSim.Model.Protocol;

namespace CathodeSim.IO.Validation;

/// <summary>A config value to estimate, with the unit its value is written in.</summary>
/// <param name="Key">Config key path, as for --set (e.g. materials.NCM90.exchange_current_density.value).</param>
/// <param name="Parameter">Initial value and bounds in SI, and the scale.</param>
/// <param name="Unit">Unit the value is written in ("A/m^2"; empty for plain numbers).</param>
/// <param name="UnitFactor">SI value of one <paramref name="Unit"/>.</param>
public sealed record CalibratedKey(string Key, FitParameter Parameter, string Unit, double UnitFactor)
{
    /// <summary>The --set text that puts <paramref name="value"/> (SI) into the config.</summary>
    public string Override(double value) => $"{Key}={Written(value)}";

    /// <summary><paramref name="value"/> (SI) as written in a config, in <see cref="Unit"/>.</summary>
    public string Written(double value) =>
        (value / UnitFactor).ToString("G6", System.Globalization.CultureInfo.InvariantCulture) + (Unit.Length > 0 ? " " + Unit : "");
}

/// <summary>Data a calibration fits: a list of observations, each produced by one simulation.</summary>
public abstract record CalibrationData(string Label);

/// <summary>In-situ EIS resistances of one cathode at the states of a table.</summary>
/// <param name="Label">Description.</param>
/// <param name="Cathode">Cathode name in the table.</param>
/// <param name="Rows">The rows fitted.</param>
/// <param name="Quantities">Which resistances (R_SE, R_cathode_SE, R_anode_SE).</param>
/// <param name="RelativeUncertainty">Standard uncertainty of each value as a fraction of it.</param>
/// <param name="Overrides">Changes to the calibration config for these simulations.</param>
public sealed record EisResistanceData(string Label, string Cathode, IReadOnlyList<MeasuredResistanceRow> Rows, IReadOnlyList<string> Quantities,
    double RelativeUncertainty, IReadOnlyList<string> Overrides) : CalibrationData(Label);

/// <summary>A scalar result of a simulation (a CaseMetrics name) against a measured value.</summary>
/// <param name="Label">Description.</param>
/// <param name="Metric">Result name.</param>
/// <param name="Measured">Measured value.</param>
/// <param name="RelativeUncertainty">Standard uncertainty as a fraction of the value.</param>
/// <param name="Protocol">The protocol to run, or null for the config's own.</param>
/// <param name="Overrides">Changes to the calibration config for this simulation.</param>
public sealed record MetricData(string Label, string Metric, MeasuredNumber Measured, double RelativeUncertainty, IReadOnlyList<ProtocolStep>? Protocol,
    IReadOnlyList<string> Overrides) : CalibrationData(Label);

/// <summary>A measured impedance spectrum at the state the protocol leads to.</summary>
/// <param name="Label">Description.</param>
/// <param name="Frequency">Frequencies fitted, Hz.</param>
/// <param name="Real">Measured Re Z, ohm.</param>
/// <param name="Imaginary">Measured Im Z (signed), ohm.</param>
/// <param name="Protocol">Steps that bring the cell to the state (the spectrum is taken at its end), or null for the config's own.</param>
/// <param name="RelativeUncertainty">Standard uncertainty of each part as a fraction of |Z| (modulus weighting).</param>
/// <param name="Overrides">Changes to the calibration config for this simulation.</param>
public sealed record SpectrumData(string Label, double[] Frequency, double[] Real, double[] Imaginary, IReadOnlyList<ProtocolStep>? Protocol,
    double RelativeUncertainty, IReadOnlyList<string> Overrides) : CalibrationData(Label);

/// <summary>A measured voltage record (GITT, a cycle, a pulse) sampled at chosen times.</summary>
/// <param name="Label">Description.</param>
/// <param name="Time">Sample times from the start of the record (the start of the simulation), s.</param>
/// <param name="Voltage">Measured voltage at those times, V.</param>
/// <param name="Protocol">The protocol of the experiment, or null for the config's own.</param>
/// <param name="Uncertainty">Standard uncertainty of each voltage, V.</param>
/// <param name="Overrides">Changes to the calibration config for this simulation.</param>
public sealed record VoltageSeriesData(string Label, double[] Time, double[] Voltage, IReadOnlyList<ProtocolStep>? Protocol, double Uncertainty,
    IReadOnlyList<string> Overrides) : CalibrationData(Label);

/// <summary>Per-cycle specific capacities of a measured cycling record.</summary>
/// <param name="Label">Description.</param>
/// <param name="Cycles">Cycle numbers fitted (1-based, as in the record).</param>
/// <param name="Capacity">Measured capacity of each cycle, mAh/g of active material.</param>
/// <param name="Discharge">True: discharge capacities; false: charge capacities.</param>
/// <param name="Protocol">The protocol of the experiment, or null for the config's own.</param>
/// <param name="RelativeUncertainty">Standard uncertainty as a fraction of each capacity.</param>
/// <param name="Overrides">Changes to the calibration config for this simulation.</param>
public sealed record CycleCapacityData(string Label, int[] Cycles, double[] Capacity, bool Discharge, IReadOnlyList<ProtocolStep>? Protocol,
    double RelativeUncertainty, IReadOnlyList<string> Overrides) : CalibrationData(Label);

/// <summary>A calibration: which config values to estimate from which measured data.</summary>
/// <param name="Name">Name (default: the file name).</param>
/// <param name="Description">What is calibrated and why.</param>
/// <param name="File">The calibration file as displayed.</param>
/// <param name="ConfigPath">Full path of the simulation config the parameters enter.</param>
/// <param name="Overrides">Changes to that config for every simulation.</param>
/// <param name="WritePath">Full path where the calibrated config is written, or null for the output folder.</param>
/// <param name="Keys">The values to estimate.</param>
/// <param name="Data">The data to fit.</param>
/// <param name="MaxIterations">Levenberg-Marquardt iteration limit.</param>
public sealed record CalibrationDefinition(string Name, string Description, string File, string ConfigPath, IReadOnlyList<string> Overrides, string? WritePath,
    IReadOnlyList<CalibratedKey> Keys, IReadOnlyList<CalibrationData> Data, int MaxIterations);
