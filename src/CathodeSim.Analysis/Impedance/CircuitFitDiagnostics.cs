using System.Globalization;
using System.Numerics;

namespace CathodeSim.Analysis.Impedance;

/// <summary>
/// Degenerate parameters of a circuit fit: the signs that the data do not contain what the circuit describes (a redundant
/// element, an arc outside the measured range), which a least-squares optimiser happily reports as converged. A parameter is
/// flagged when it sits within 1e-6 (relative) of a bound, when a positive one has run off to below 1e-12 or above 1e12 of
/// its data scale, when an exponent (CPE, Zarc, La, TLMQ) is within 1e-3 of 0 or 1, or when its standard error exceeds 10x its value (or is
/// undetermined).
/// </summary>
public static class CircuitFitDiagnostics
{
    /// <summary>Relative distance to a bound counted as on it.</summary>
    public const double BoundTolerance = 1e-6;

    /// <summary>A parameter this far (either way) from its data scale has run off.</summary>
    public const double RunOffFactor = 1e12;

    /// <summary>A CPE exponent this close to 0 or 1 is a resistor or a capacitor, not a CPE.</summary>
    public const double ExponentTolerance = 1e-3;

    /// <summary>A standard error above this multiple of the value means the parameter is not determined.</summary>
    public const double ErrorFactor = 10;

    /// <summary>The warnings for fitted <paramref name="parameters"/> of <paramref name="circuit"/> to the spectrum.</summary>
    public static IReadOnlyList<FitWarning> Check(Circuit circuit, double[] parameters, double[] standardErrors, bool[] isFixed,
        double[] lower, double[] upper, IReadOnlyList<double> frequency, IReadOnlyList<Complex> measured)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var warnings = new List<FitWarning>();
        double[] scale = DataScales(circuit, parameters, frequency, measured);
        foreach (var e in circuit.Elements)
        {
            for (int k = 0; k < e.ParameterCount; k++)
            {
                int i = e.Offset + k;
                if (isFixed[i]) continue;
                string name = circuit.ParameterNames[i];
                double p = parameters[i];
                bool exponent = CircuitElementCatalogue.RolesOf(e.Kind)[k] == CircuitParameterRole.Exponent;
                if (exponent && (p < ExponentTolerance || p > 1 - ExponentTolerance))
                    warnings.Add(new FitWarning(name, ExponentWarning(e.Kind, p)));
                else if (NearBound(p, lower[i], scale[i]))
                    warnings.Add(new FitWarning(name, $"{F(p)} at its lower bound {F(lower[i])}: the data do not need this parameter"));
                else if (NearBound(p, upper[i], scale[i]))
                    warnings.Add(new FitWarning(name, $"{F(p)} at its upper bound {F(upper[i])}: the data push it beyond the range allowed"));
                else if (!exponent && p > 0 && (p < scale[i] / RunOffFactor || p > scale[i] * RunOffFactor))
                    warnings.Add(new FitWarning(name, $"{F(p)} has run off ({F(p / scale[i])} of its data scale {F(scale[i])} {circuit.ParameterUnits[i]}): the element is not in the data"));
                else if (double.IsNaN(standardErrors[i]))
                    warnings.Add(new FitWarning(name, "undetermined: the data constrain only a combination with other parameters"));
                else if (standardErrors[i] > ErrorFactor * Math.Abs(p))
                    warnings.Add(new FitWarning(name, $"standard error {F(standardErrors[i])} above {ErrorFactor:0}x its value {F(p)}"));
            }
        }
        return warnings;
    }

    private static bool NearBound(double p, double bound, double scale) =>
        double.IsFinite(bound) && Math.Abs(p - bound) <= BoundTolerance * Math.Max(Math.Abs(bound), bound == 0 ? scale : 0);

    /// <summary>
    /// The size each parameter would have if its element made a feature of the spectrum's size at the geometric mean of the
    /// measured frequencies: resistances the real-axis span, C = 1/(w R), Q = 1/(w^alpha R), L = R/w, La's L = R/w^alpha, sigma = R sqrt(w), tau = 1/w,
    /// dimensionless numbers and exponents 1.
    /// </summary>
    public static double[] DataScales(Circuit circuit, double[] parameters, IReadOnlyList<double> frequency, IReadOnlyList<Complex> measured)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        double r = ImpedanceRandomStarts.RealSpan(measured);
        double w = 2 * Math.PI * Math.Sqrt(frequency.Min() * frequency.Max());
        var scale = new double[circuit.ParameterCount];
        foreach (var e in circuit.Elements)
        {
            var roles = CircuitElementCatalogue.RolesOf(e.Kind);
            int x = CircuitElementCatalogue.ExponentIndexOf(e.Kind);
            double alpha = x >= 0 ? Math.Clamp(parameters[e.Offset + x], 0, 1) : 1;
            for (int k = 0; k < roles.Count; k++)
                scale[e.Offset + k] = roles[k] switch
                {
                    CircuitParameterRole.Resistance => r,
                    CircuitParameterRole.Capacitance => 1 / (w * r),
                    CircuitParameterRole.Inductance => r / w,
                    CircuitParameterRole.AdmittanceCoefficient => 1 / (r * Math.Pow(w, alpha)),
                    CircuitParameterRole.InductiveCoefficient => r / Math.Pow(w, alpha),
                    CircuitParameterRole.WarburgCoefficient => r * Math.Sqrt(w),
                    CircuitParameterRole.TimeConstant => 1 / w,
                    _ => 1,
                };
        }
        return scale;
    }

    private static string ExponentWarning(CircuitElementKind kind, double p)
    {
        bool low = p < 0.5;
        string what = kind switch
        {
            CircuitElementKind.CPE => low ? "a resistor; use R" : "a capacitor; use C",
            CircuitElementKind.La => low ? "a resistor; use R" : "an inductor; use L",
            CircuitElementKind.Zarc => low ? "a resistor; use R" : "an ideal RC; use K or p(R,C)",
            _ => low ? "its exponent-free limit" : "its ideal limit",
        };
        return $"{CircuitElementCatalogue.LettersOf(kind)} exponent {F(p)} at {(low ? 0 : 1)}: the element acts as {what} or a simpler circuit";
    }

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
