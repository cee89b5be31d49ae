namespace CathodeSim.Analysis.Optimization;

/// <summary>The capacity at one NCM mass fraction of the grid, with what limits it.</summary>
/// <param name="Fraction">NCM mass fraction.</param>
/// <param name="Capacity">Discharge capacity, mAh/g (NaN where the run failed).</param>
/// <param name="Losses">Capacity lost to each mechanism.</param>
/// <param name="Mechanism">The dominant one (None when every loss is below 1 % of the capacity); null where the run failed.</param>
public sealed record MapPoint(double Fraction, double Capacity, MechanismLosses Losses, LimitingMechanism? Mechanism);

/// <summary>The capacity curve of one condition, its optimum and the band within 1 % of it.</summary>
/// <param name="Condition">Rate and temperature as asked.</param>
/// <param name="Temperature">The thermostat temperature actually used, K.</param>
/// <param name="Points">Grid points, in order of fraction.</param>
/// <param name="Refinement">Points of the golden-section refinement, in the order evaluated.</param>
/// <param name="Optimum">The maximum (argument: fraction; value: capacity); NaN where no grid point delivered capacity (at least PredictionMapBuilder.MinimumCapacity).</param>
/// <param name="BandLower">Lowest fraction whose capacity is within 1 % of the maximum (linear between evaluated points).</param>
/// <param name="BandUpper">Highest such fraction.</param>
public sealed record ConditionMap(OperatingCondition Condition, double Temperature, IReadOnlyList<MapPoint> Points, IReadOnlyList<RatioPoint> Refinement,
    MaximumResult Optimum, double BandLower, double BandUpper)
{
    /// <summary>"0.1C, 25 °C" for tables and legends.</summary>
    public string Label => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Condition.RateLabel}, {Temperature - 273.15:0.##} °C");
}

/// <summary>The prediction map: one capacity curve per operating condition.</summary>
/// <param name="Conditions">One per rate x temperature, rates outermost.</param>
/// <param name="Simulations">Simulations run in all.</param>
/// <param name="FailedSimulations">Of those, runs that did not complete (their values are NaN).</param>
/// <param name="WallSeconds">Wall time of the whole map, s.</param>
public sealed record PredictionMap(IReadOnlyList<ConditionMap> Conditions, int Simulations, int FailedSimulations, double WallSeconds)
{
    /// <summary>Share of a condition's maximum that bounds its band.</summary>
    public const double BandShare = 0.99;
}
