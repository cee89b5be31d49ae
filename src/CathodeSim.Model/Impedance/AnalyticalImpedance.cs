using System.Numerics;
using CathodeSim.Model.Cell;

namespace CathodeSim.Model.Impedance;

/// <summary>
/// Closed-form small-signal impedance of the cell at rest at a uniform stoichiometry (zero DC current): particle
/// impedance per size bin (charge transfer + film + finite spherical diffusion, in parallel with the double layer),
/// summed into a volumetric admittance, a two-phase (finite electronic and ionic conductivity) transmission line over
/// the composite, the separator (bulk resistance in parallel with its geometric capacitance) and the counter-electrode
/// interface (linearised charge transfer in parallel with its double layer).
/// </summary>
public static class AnalyticalImpedance
{
    /// <summary>
    /// Cell impedance, ohm, at each of <paramref name="frequencies"/> (Hz, each &gt; 0), for the cell at rest at the
    /// uniform stoichiometry <paramref name="stoichiometry"/> (in (0, 1)).
    /// </summary>
    public static Complex[] Compute(CellModel model, double stoichiometry, ImpedanceParameters p, IReadOnlyList<double> frequencies)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(frequencies);
        if (!(stoichiometry > 0 && stoichiometry < 1))
            throw new ArgumentOutOfRangeException(nameof(stoichiometry), "stoichiometry must lie in (0, 1)");

        double x = stoichiometry;
        double f = model.InverseThermalVoltage;
        double chargeTransfer = 1 / (f * model.ExchangeCurrentDensity * 2 * Math.Sqrt(x * (1 - x)));
        model.OpenCircuitVoltageLookup.Evaluate(x, out double slope);
        double diffusivity = model.Diffusivity.Evaluate(x, out _);
        double electronic = model.ElectronicConductivity(x);
        double ionic = model.EffectiveIonicConductivity;
        double thickness = model.Microstructure.CathodeThickness;
        double separatorCapacitance = ImpedanceParameters.VacuumPermittivity * p.SeparatorPermittivity / model.Microstructure.SeparatorThickness;
        double counterResistance = 1 / (f * model.CounterExchangeCurrentDensity);

        var result = new Complex[frequencies.Count];
        for (int n = 0; n < result.Length; n++)
        {
            double frequency = frequencies[n];
            if (!(frequency > 0) || double.IsInfinity(frequency))
                throw new ArgumentOutOfRangeException(nameof(frequencies), $"frequency {frequency} Hz must be finite and > 0");
            double omega = 2 * Math.PI * frequency;

            Complex admittance = Complex.Zero;
            for (int k = 0; k < model.Bins; k++)
            {
                // Uniform state: every node carries the same bins, so node 0 stands for all of them.
                double radius = model.ParticleRadius[k];
                Complex diffusion = DiffusionImpedance(slope, model.MaxConcentration, model.Coverage, radius, diffusivity, omega);
                Complex particle = ParticleImpedance(chargeTransfer + model.FilmResistance, diffusion, p.CathodeDoubleLayer, omega);
                admittance += model.ParticleArea[k] / particle;
            }

            Complex line = TransmissionLine(thickness, electronic, ionic, admittance);
            Complex separator = Parallel(model.SeriesResistance, separatorCapacitance, omega);
            Complex counter = Parallel(counterResistance, p.CounterDoubleLayer, omega);
            result[n] = (separator + counter + line) / model.Design.Area;
        }
        return result;
    }

    /// <summary>
    /// Finite spherical diffusion impedance per contacted area, ohm m^2:
    /// (dU/dx / c_max) (theta / F) (R / D) tanh(b) / (tanh(b) - b), b = R sqrt(j omega / D), for the surface flux
    /// -D dc/dr = theta i / F on the whole particle surface. Positive real part for dU/dx &lt; 0; tends to the
    /// capacitor C = -R F c_max / (3 theta dU/dx) at low frequency.
    /// </summary>
    /// <param name="slope">dU/dx, V per unit stoichiometry.</param>
    /// <param name="maxConcentration">c_max, mol/m^3.</param>
    /// <param name="coverage">Contacted fraction theta of the particle surface.</param>
    /// <param name="radius">Particle radius R, m.</param>
    /// <param name="diffusivity">D, m^2/s.</param>
    /// <param name="omega">Angular frequency, rad/s (&gt; 0).</param>
    public static Complex DiffusionImpedance(double slope, double maxConcentration, double coverage, double radius, double diffusivity, double omega)
    {
        Complex b = radius * Complex.Sqrt(new Complex(0, omega / diffusivity));
        return slope / maxConcentration * coverage / PhysicalConstants.Faraday * radius / diffusivity * SphericalDiffusionShape(b);
    }

    /// <summary>
    /// tanh(b) / (tanh(b) - b) = 1 / (1 - b coth(b)) for Re b &gt; 0, evaluated without cancellation: a Taylor series
    /// of b coth(b) for small |b| (-3/b^2 - 1/5 - ...) and exponentials that cannot overflow for large |b| (tanh -&gt; 1).
    /// </summary>
    public static Complex SphericalDiffusionShape(Complex b)
    {
        Complex b2 = b * b;
        if (b.Magnitude < 0.5)
        {
            // b coth b - 1 = sum_{n>=1} 2^{2n} B_{2n} b^{2n} / (2n)!, radius of convergence pi.
            Complex s = 1.0 / 3 + b2 * (-1.0 / 45 + b2 * (2.0 / 945 + b2 * (-1.0 / 4725 + b2 * (2.0 / 93555 + b2 * (-1382.0 / 638512875)))));
            return -1 / (b2 * s);
        }
        return 1 / (1 - b * Coth(b));
    }

    /// <summary>
    /// Particle impedance per contacted area, ohm m^2: (R_ct + R_film + Z_diff) in parallel with the double layer.
    /// </summary>
    /// <param name="resistance">R_ct + R_film, ohm m^2.</param>
    /// <param name="diffusion">Z_diff, ohm m^2.</param>
    /// <param name="doubleLayer">C_dl, F/m^2.</param>
    /// <param name="omega">Angular frequency, rad/s.</param>
    public static Complex ParticleImpedance(double resistance, Complex diffusion, double doubleLayer, double omega) =>
        1 / (1 / (resistance + diffusion) + new Complex(0, omega * doubleLayer));

    /// <summary>
    /// Two-phase porous-electrode transmission line, ohm m^2 (Paasch, Micka and Gersdorf 1993): thickness L, electronic
    /// conductivity <paramref name="electronic"/> (s1), ionic <paramref name="ionic"/> (s2), volumetric interfacial
    /// admittance y; current enters the ionic phase at x = 0 and leaves through the solid at x = L.
    /// Z = L/(s1+s2) [1 + (2 + (s1/s2 + s2/s1) cosh nu) / (nu sinh nu)], nu = L sqrt(y (1/s1 + 1/s2)).
    /// </summary>
    public static Complex TransmissionLine(double length, double electronic, double ionic, Complex admittance)
    {
        double s1 = electronic, s2 = ionic;
        Complex nu = length * Complex.Sqrt(admittance * (1 / s1 + 1 / s2));
        if (nu.Real < 0) nu = -nu;
        double ratio = s1 / s2 + s2 / s1;
        // (2 + r cosh nu) / (nu sinh nu) = (2 csch nu + r coth nu) / nu.
        Complex csch, coth;
        if (nu.Magnitude < 1)
        {
            Complex sinh = Complex.Sinh(nu);
            csch = 1 / sinh;
            coth = Complex.Cosh(nu) / sinh;
        }
        else
        {
            Complex e = Complex.Exp(-2 * nu);
            csch = 2 * Complex.Exp(-nu) / (1 - e);
            coth = (1 + e) / (1 - e);
        }
        return length / (s1 + s2) * (1 + (2 * csch + ratio * coth) / nu);
    }

    /// <summary>R in parallel with C at angular frequency omega.</summary>
    private static Complex Parallel(double resistance, double capacitance, double omega) =>
        resistance / new Complex(1, omega * resistance * capacitance);

    /// <summary>coth(b) for Re b &gt; 0 (|b| not small), safe for large |b|.</summary>
    private static Complex Coth(Complex b)
    {
        if (b.Real < 0) return -Coth(-b);
        Complex e = Complex.Exp(-2 * b);
        return (1 + e) / (1 - e);
    }
}
