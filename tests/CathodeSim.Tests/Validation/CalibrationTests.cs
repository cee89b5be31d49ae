using System.Globalization;
using CathodeSim.Analysis.Cycling;
using CathodeSim.IO.Config;
using CathodeSim.Model.Simulation;
using Xunit.Abstractions;

namespace CathodeSim.Tests.Validation;

/// <summary>The shipped configs against the seed paper's measured numbers (validation/).</summary>
public class CalibrationTests(ITestOutputHelper output)
{
    private static double Reported(string id)
    {
        foreach (var line in File.ReadLines(RepositoryPaths.File("validation", "reported_results.csv")))
        {
            if (line.StartsWith('#') || line.StartsWith("id,")) continue;
            var fields = line.Split(',');
            if (fields[0] == id) return double.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        throw new KeyNotFoundException(id);
    }

    private static CycleSummary FirstCycle(string config, params string[] overrides)
    {
        var loaded = ConfigLoader.Load(RepositoryPaths.File("configs", config), overrides);
        var result = new Simulator().Run(loaded.Setup);
        Assert.True(result.Diagnostics.Completed, result.Diagnostics.FailureMessage);
        return CycleSummarizer.Summarize(result)[0];
    }

    [Fact]
    public void CalibratedBNcm65_FirstDischargeCapacity_IsWithinSixMilliampHoursPerGramOfTheMeasured216()
    {
        double measured = Reported("cap_opt");
        var cycle = FirstCycle(Path.Combine("calibrated", "b-ncm-65.yaml"), "protocol=[Charge at 0.1C until 3.7 V, Discharge at 0.1C until 2.1 V]");
        output.WriteLine($"measured {measured} mAh/g, simulated {cycle.DischargeCapacity:F2} mAh/g (charge {cycle.ChargeCapacity:F2})");
        Assert.InRange(cycle.DischargeCapacity, measured - 6, measured + 6);
    }

    [Fact]
    public void Microstructure_CoMilledBNcmDeliversMoreThanHandGroundSecondaryParticles()
    {
        // The seed's ranking (B-NCM best, m-NCM with large secondary particles and poor contact worst).
        double b = FirstCycle("b-ncm-65.yaml").DischargeCapacity;
        double m = FirstCycle("m-ncm-65.yaml").DischargeCapacity;
        double s = FirstCycle("s-ncm-65.yaml").DischargeCapacity;
        output.WriteLine($"B {b:F1}, s {s:F1}, m {m:F1} mAh/g");
        Assert.True(b > s && s > m, $"B {b:F1}, s {s:F1}, m {m:F1}");
    }
}
