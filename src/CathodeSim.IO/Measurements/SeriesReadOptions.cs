namespace CathodeSim.IO.Measurements;

/// <summary>How <see cref="MeasurementReader.ReadSeries"/> reads a time series.</summary>
public sealed record SeriesReadOptions
{
    /// <summary>The format; <see cref="MeasurementFormat.Auto"/> (default) detects it.</summary>
    public MeasurementFormat Format { get; init; } = MeasurementFormat.Auto;

    /// <summary>Unit of a time column whose header gives none: s, min or h.</summary>
    public string? TimeUnit { get; init; }

    /// <summary>
    /// How <see cref="TimeUnit"/> is set where the reader is used, named in the message that asks for it: the command
    /// line's <c>--time-unit</c> (default), or a config key such as <c>time_unit</c>.
    /// </summary>
    public string TimeUnitOption { get; init; } = "--time-unit";

    /// <summary>Unit of a current column whose header gives none: A, mA or uA.</summary>
    public string? CurrentUnit { get; init; }

    /// <summary>Unit of a voltage column whose header gives none: V or mV.</summary>
    public string? VoltageUnit { get; init; }

    /// <summary>
    /// The file records current positive on discharge (reduction of the working electrode); it is negated so that the
    /// series has current positive on charge. EC-Lab and Gamry files, and CathodeSim's own output, need not set this.
    /// </summary>
    public bool InvertCurrent { get; init; }
}
