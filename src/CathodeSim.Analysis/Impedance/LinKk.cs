using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using DVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace CathodeSim.Analysis.Impedance;

/// <summary>Options of <see cref="LinKk.Test"/>.</summary>
public sealed record LinKkOptions
{
    /// <summary>Threshold of the mu criterion: the smallest M with mu &lt;= C is chosen (Schoenleber et al. 2014: 0.85).</summary>
    public double C { get; init; } = 0.85;

    /// <summary>Largest number of RC elements tried.</summary>
    public int MaxElements { get; init; } = 50;

    /// <summary>Fit a series inductance (instrument leads).</summary>
    public bool Inductance { get; init; } = true;

    /// <summary>Fit a series capacitance (blocking electrodes).</summary>
    public bool Capacitance { get; init; }
}

/// <summary>Result of a lin-KK test.</summary>
/// <param name="Frequency">Hz.</param>
/// <param name="Measured">Data, ohm.</param>
/// <param name="Fitted">The KK-consistent model, ohm.</param>
/// <param name="Elements">M, the number of RC elements chosen.</param>
/// <param name="Mu">mu = 1 - sum |R_k &lt; 0| / sum |R_k &gt;= 0| at M.</param>
/// <param name="OhmicResistance">R_ohm, ohm.</param>
/// <param name="Resistances">R_k, ohm.</param>
/// <param name="TimeConstants">tau_k, s.</param>
/// <param name="Inductance">Series L, H (0 when not fitted).</param>
/// <param name="Capacitance">Series C, F (infinity when not fitted).</param>
/// <param name="ResidualReal">(Re Z - Re Z_fit)/|Z| per frequency.</param>
/// <param name="ResidualImaginary">(Im Z - Im Z_fit)/|Z| per frequency.</param>
/// <param name="ReachedMaximum">True when mu never fell to C and M is the maximum tried.</param>
public sealed record LinKkResult(double[] Frequency, Complex[] Measured, Complex[] Fitted, int Elements, double Mu, double OhmicResistance,
    double[] Resistances, double[] TimeConstants, double Inductance, double Capacitance, double[] ResidualReal, double[] ResidualImaginary,
    bool ReachedMaximum)
{
    /// <summary>Largest |relative residual| of either part.</summary>
    public double MaxResidual => Math.Max(ResidualReal.Max(Math.Abs), ResidualImaginary.Max(Math.Abs));

    /// <summary>RMS of the real relative residuals.</summary>
    public double RmsReal => Math.Sqrt(ResidualReal.Average(x => x * x));

    /// <summary>RMS of the imaginary relative residuals.</summary>
    public double RmsImaginary => Math.Sqrt(ResidualImaginary.Average(x => x * x));
}

/// <summary>
/// The linear Kramers-Kronig test of Schoenleber et al. (Electrochim. Acta 131 (2014) 20): a series of M RC elements with
/// time constants fixed log-spaced between 1/w_max and 1/w_min, plus R_ohm (and optionally L, C), fitted by weighted (1/|Z|)
/// linear least squares to real and imaginary parts together; M grows until mu &lt;= c.
/// </summary>
public static class LinKk
{
    /// <summary>Runs the test; throws <see cref="ArgumentException"/> for bad data.</summary>
    public static LinKkResult Test(IReadOnlyList<double> frequency, IReadOnlyList<Complex> z, LinKkOptions? options = null)
    {
        options ??= new LinKkOptions();
        int n = frequency.Count;
        if (z.Count != n) throw new ArgumentException("frequency and impedance have different lengths");
        if (n < 3) throw new ArgumentException($"lin-KK needs at least 3 frequencies, got {n}");
        if (!(options.C > 0 && options.C <= 1)) throw new ArgumentException($"c must be in (0, 1], got {options.C}");
        for (int i = 0; i < n; i++)
        {
            if (!(frequency[i] > 0) || !double.IsFinite(frequency[i])) throw new ArgumentException($"frequency {frequency[i]} Hz at point {i + 1} is not positive");
            if (!(z[i].Magnitude > 0) || !double.IsFinite(z[i].Magnitude)) throw new ArgumentException($"impedance at point {i + 1} is zero or not finite");
        }
        int extra = 1 + (options.Inductance ? 1 : 0) + (options.Capacitance ? 1 : 0);
        int maxM = Math.Max(1, Math.Min(options.MaxElements, 2 * n - extra - 1));
        (int M, double Mu, double[] X, double[] Tau) best = (0, 0, [], []);
        bool reachedMax = true;
        for (int m = 1; m <= maxM; m++)
        {
            var tau = TimeConstants(frequency, m);
            var x = Solve(frequency, z, tau, options);
            double pos = 0, neg = 0;
            for (int k = 0; k < m; k++) { if (x[1 + k] >= 0) pos += x[1 + k]; else neg -= x[1 + k]; }
            double mu = pos > 0 ? 1 - neg / pos : 0;
            best = (m, mu, x, tau);
            if (mu <= options.C) { reachedMax = false; break; }
        }
        var (M, Mu, X, Tau) = best;
        double L = options.Inductance ? X[1 + M] : 0;
        double inverseC = options.Capacitance ? X[1 + M + (options.Inductance ? 1 : 0)] : 0;
        var fitted = new Complex[n];
        var rr = new double[n];
        var ri = new double[n];
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * frequency[i];
            Complex zf = X[0] + new Complex(0, w * L - inverseC / w);
            for (int k = 0; k < M; k++) zf += X[1 + k] / new Complex(1, w * Tau[k]);
            fitted[i] = zf;
            double mod = z[i].Magnitude;
            rr[i] = (z[i].Real - zf.Real) / mod;
            ri[i] = (z[i].Imaginary - zf.Imaginary) / mod;
        }
        return new LinKkResult(frequency.ToArray(), z.ToArray(), fitted, M, Mu, X[0], X[1..(1 + M)], Tau, L,
            options.Capacitance ? 1 / inverseC : double.PositiveInfinity, rr, ri, reachedMax);
    }

    /// <summary>M time constants log-spaced from 1/w_max to 1/w_min (one element: their geometric mean).</summary>
    public static double[] TimeConstants(IReadOnlyList<double> frequency, int m)
    {
        double tMin = 1 / (2 * Math.PI * frequency.Max()), tMax = 1 / (2 * Math.PI * frequency.Min());
        if (m == 1) return [Math.Sqrt(tMin * tMax)];
        var tau = new double[m];
        for (int k = 0; k < m; k++) tau[k] = Math.Exp(Math.Log(tMin) + k * (Math.Log(tMax) - Math.Log(tMin)) / (m - 1));
        return tau;
    }

    private static double[] Solve(IReadOnlyList<double> f, IReadOnlyList<Complex> z, double[] tau, LinKkOptions options)
    {
        int n = f.Count, m = tau.Length;
        int cols = 1 + m + (options.Inductance ? 1 : 0) + (options.Capacitance ? 1 : 0);
        var A = Matrix<double>.Build.Dense(2 * n, cols);
        var b = DVector.Build.Dense(2 * n);
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * f[i], weight = 1 / z[i].Magnitude;
            A[i, 0] = weight;
            for (int k = 0; k < m; k++)
            {
                double wt = w * tau[k], d = 1 + wt * wt;
                A[i, 1 + k] = weight / d;
                A[n + i, 1 + k] = -weight * wt / d;
            }
            int c = 1 + m;
            if (options.Inductance) A[n + i, c++] = weight * w;
            if (options.Capacitance) A[n + i, c] = -weight / w;
            b[i] = weight * z[i].Real;
            b[n + i] = weight * z[i].Imaginary;
        }
        // Scale columns to unit norm (L and 1/C differ from the resistances by many orders) before QR.
        var scale = new double[cols];
        for (int c = 0; c < cols; c++)
        {
            double s = A.Column(c).L2Norm();
            scale[c] = s > 0 ? 1 / s : 1;
            for (int r = 0; r < 2 * n; r++) A[r, c] *= scale[c];
        }
        var x = A.QR().Solve(b).ToArray();
        for (int c = 0; c < cols; c++) x[c] *= scale[c];
        return x;
    }
}
