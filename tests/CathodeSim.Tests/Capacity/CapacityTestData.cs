using CathodeSim.Analysis.Capacity;

namespace CathodeSim.Tests.Capacity;

/// <summary>Synthetic galvanostatic series with known dQ/dV peaks and known capacities.</summary>
internal static class CapacityTestData
{
    public const double Plateau1 = 3.4, Plateau2 = 3.9, Width = 0.02;
    public const double VMin = 3.0, VMax = 4.3;

    /// <summary>Q(V) in C: two smoothed steps (tanh) at the plateaus on a small linear background; dQ/dV peaks exactly at the plateaus.</summary>
    public static double Charge(double v) =>
        0.3 * (1 + Math.Tanh((v - Plateau1) / Width)) + 0.2 * (1 + Math.Tanh((v - Plateau2) / Width)) + 0.1 * (v - VMin);

    /// <summary>V(Q) by bisection of the monotone Q(V).</summary>
    public static double Voltage(double q)
    {
        double lo = VMin, hi = VMax;
        for (int i = 0; i < 80; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Charge(mid) < q) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Constant-current charge from VMin to VMax and discharge back, <paramref name="points"/> samples each, voltage noise
    /// of standard deviation <paramref name="noise"/> V (seeded).
    /// </summary>
    public static CyclingSeries TwoPlateaus(int points = 4000, double noise = 0, int seed = 7, double current = 1e-3)
    {
        var random = new Random(seed);
        double q0 = Charge(VMin), q1 = Charge(VMax);
        double duration = (q1 - q0) / current;
        var t = new List<double>();
        var i = new List<double>();
        var v = new List<double>();
        for (int k = 0; k < points; k++)
        {
            double s = (double)k / (points - 1);
            t.Add(s * duration);
            i.Add(current);
            v.Add(Voltage(q0 + s * (q1 - q0)) + noise * Gaussian(random));
        }
        for (int k = 1; k < points; k++)
        {
            double s = (double)k / (points - 1);
            t.Add(duration + s * duration);
            i.Add(-current);
            v.Add(Voltage(q1 - s * (q1 - q0)) + noise * Gaussian(random));
        }
        return new CyclingSeries([.. t], [.. i], [.. v]);
    }

    /// <summary>
    /// <paramref name="cycles"/> cycles of charge (I = +charge current for chargeSeconds[n]), rest, discharge (I = -1 mA for
    /// dischargeSeconds[n]) at constant voltages 3.8 V on charge and 3.5 V on discharge, 1 s samples.
    /// </summary>
    public static CyclingSeries Cycles(double[] chargeSeconds, double[] dischargeSeconds, bool withCycleColumn)
    {
        var t = new List<double>();
        var i = new List<double>();
        var v = new List<double>();
        var c = new List<int>();
        double time = 0;
        void Add(double current, double voltage, double seconds, int cycle)
        {
            for (int k = 0; k < (int)seconds; k++)
            {
                time += 1;
                t.Add(time);
                i.Add(current);
                v.Add(voltage);
                c.Add(cycle);
            }
        }
        t.Add(0); i.Add(0); v.Add(3.0); c.Add(1);
        for (int n = 0; n < chargeSeconds.Length; n++)
        {
            Add(1e-3, 3.8, chargeSeconds[n], n + 1);
            Add(0, 3.7, 60, n + 1);
            Add(-1e-3, 3.5, dischargeSeconds[n], n + 1);
            Add(0, 3.2, 60, n + 1);
        }
        return new CyclingSeries([.. t], [.. i], [.. v], withCycleColumn ? [.. c] : null);
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
