using CathodeSim.IO.Config;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// Combines the parameters' values into cases: one value text per parameter per case, in parameter order.
/// Deterministic: grid and zip by construction, random and Latin-hypercube through <c>System.Random(seed)</c>.
/// </summary>
internal static class SweepSampler
{
    public static List<string[]> Cases(SweepDefinition d) => d.Mode switch
    {
        SweepMode.Grid => Grid(d),
        SweepMode.Zip => Zip(d),
        SweepMode.Random => Random(d.Parameters.Cast<RangeSpec>().ToList(), d.Samples, d.Seed),
        _ => LatinHypercube(d.Parameters.Cast<RangeSpec>().ToList(), d.Samples, d.Seed),
    };

    /// <summary>Cartesian product, the first parameter varying slowest.</summary>
    private static List<string[]> Grid(SweepDefinition d)
    {
        var lists = d.Parameters.Select(p => p.Expand()).ToList();
        long total = lists.Aggregate(1L, (n, l) => Math.Min(n * l.Count, d.MaxCases + 1L));
        if (total > d.MaxCases)
            throw d.ParametersOrigin.Error("parameters", SweepDefinition.TooManyCases(
                $"the grid has more than {d.MaxCases:N0} cases ({string.Join(" x ", lists.Select(l => l.Count))})", d.MaxCases, d.MaxCases != Config.ConfigLimits.DefaultMaxSweepCases));
        var cases = new List<string[]>((int)total);
        var index = new int[lists.Count];
        for (int c = 0; c < total; c++)
        {
            cases.Add(lists.Select((l, j) => l[index[j]]).ToArray());
            for (int j = lists.Count - 1; j >= 0; j--)
            {
                if (++index[j] < lists[j].Count) break;
                index[j] = 0;
            }
        }
        return cases;
    }

    /// <summary>The i-th value of every parameter together; every list must have the same length.</summary>
    private static List<string[]> Zip(SweepDefinition d)
    {
        var lists = d.Parameters.Select(p => p.Expand()).ToList();
        int n = lists[0].Count;
        if (n > d.MaxCases)
            throw d.ParametersOrigin.Error("parameters", SweepDefinition.TooManyCases($"the lists have {n:N0} values each", d.MaxCases, d.MaxCases != Config.ConfigLimits.DefaultMaxSweepCases));
        if (lists.Any(l => l.Count != n))
        {
            string lengths = string.Join(", ", d.Parameters.Zip(lists, (p, l) => $"{p.Path}: {l.Count}"));
            throw d.ParametersOrigin.Error("parameters", $"mode zip needs lists of the same length, got {lengths}");
        }
        return Enumerable.Range(0, n).Select(i => lists.Select(l => l[i]).ToArray()).ToList();
    }

    /// <summary>Independent uniform (log-uniform for log ranges) samples; draws go case by case, parameter by parameter.</summary>
    private static List<string[]> Random(IReadOnlyList<RangeSpec> ranges, int samples, int seed)
    {
        var rng = new Random(seed);
        var cases = new List<string[]>(samples);
        for (int c = 0; c < samples; c++)
            cases.Add(ranges.Select(r => r.Sample(rng.NextDouble())).ToArray());
        return cases;
    }

    /// <summary>
    /// Latin hypercube: each parameter's range is cut into <paramref name="samples"/> equal strata (equal in log for log
    /// ranges) and every stratum is hit exactly once, at a uniform point inside it; strata are paired across parameters by
    /// independent random permutations. Draws: for each parameter in order, a Fisher-Yates shuffle, then one point per case.
    /// </summary>
    private static List<string[]> LatinHypercube(IReadOnlyList<RangeSpec> ranges, int samples, int seed)
    {
        var rng = new Random(seed);
        var columns = new string[ranges.Count][];
        for (int j = 0; j < ranges.Count; j++)
        {
            var strata = Enumerable.Range(0, samples).ToArray();
            for (int i = samples - 1; i > 0; i--)
            {
                int k = rng.Next(i + 1);
                (strata[i], strata[k]) = (strata[k], strata[i]);
            }
            columns[j] = new string[samples];
            for (int c = 0; c < samples; c++)
                columns[j][c] = ranges[j].Sample((strata[c] + rng.NextDouble()) / samples);
        }
        return Enumerable.Range(0, samples).Select(c => columns.Select(col => col[c]).ToArray()).ToList();
    }
}
