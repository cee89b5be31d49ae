namespace CathodeSim.Tests.Model.IndependentSolution;

/// <summary>
/// The inputs of the independent many-particle model, computed here from the raw recipe numbers (not from the engine's
/// <c>CompositeMicrostructure</c>), so that the comparison also checks the engine's geometry. SI units.
/// </summary>
/// <param name="Temperature">K.</param>
/// <param name="MaxConcentration">c_max, mol/m^3.</param>
/// <param name="Radii">R_k of each size bin, m.</param>
/// <param name="AreaPerElectrodeArea">a_k L: contacted NCM surface of bin k per m^2 of electrode (geometric area).</param>
/// <param name="Coverage">theta: share of the NCM surface in contact with electrolyte (scales the particle's surface flux).</param>
/// <param name="Diffusivity">Constant D, m^2/s.</param>
/// <param name="ExchangeCurrent">i0_ref in i0 = i0_ref 2 sqrt(x_s (1 - x_s)), A/m^2.</param>
/// <param name="FilmResistance">R_film on the contacted surface, ohm m^2.</param>
/// <param name="Ocp">Cathode OCP vs Li as a function of x, V.</param>
/// <param name="CounterPotential">Li-In vs Li, V.</param>
/// <param name="CounterExchangeCurrent">Li-In exchange current density, A/m^2.</param>
/// <param name="SeparatorResistance">L_sep / sigma_sep (+ junction), ohm m^2.</param>
/// <param name="CompositeResistance">
/// Lumped through-thickness term L (1/sigma_se,eff + 1/sigma_am,eff) / 3: the exact mean of phi_e and of V - phi_s over the
/// thickness for uniform reaction. The test checks that the whole drop, L (1/sigma_se,eff + 1/sigma_am,eff) I, stays well
/// under 1 mV, which bounds the error of assuming uniform reaction.
/// </param>
/// <param name="InitialStoichiometry">Uniform x at the start.</param>
internal sealed record ManyParticleCell(
    double Temperature,
    double MaxConcentration,
    double[] Radii,
    double[] AreaPerElectrodeArea,
    double Coverage,
    double Diffusivity,
    double ExchangeCurrent,
    double FilmResistance,
    Func<double, double> Ocp,
    double CounterPotential,
    double CounterExchangeCurrent,
    double SeparatorResistance,
    double CompositeResistance,
    double InitialStoichiometry)
{
    public const double Faraday = 96485.33212;
    public const double Gas = 8.314462618;

    /// <summary>2RT/F, V: the symmetric Butler-Volmer slope.</summary>
    public double TwoThermalVoltages => 2 * Gas * Temperature / Faraday;

    /// <summary>Series voltage (separator ohmic, Li-In Butler-Volmer, lumped composite) at current density I (positive on charge), V.</summary>
    public double SeriesVoltage(double current) =>
        current * (SeparatorResistance + CompositeResistance) + TwoThermalVoltages * Math.Asinh(current / (2 * CounterExchangeCurrent));

    /// <summary>
    /// Volume-weighted lognormal PSD split into K bins of equal volume share, each radius the bin's volume-weighted
    /// harmonic mean (exact total surface). Computed by trapezoidal quadrature over z = ln(R/R50)/ln(sigma_g) on a fine
    /// grid, not by the closed form the engine uses.
    /// </summary>
    public static double[] LognormalBinRadii(double d50, double geometricStd, int bins)
    {
        double s = Math.Log(geometricStd), r50 = d50 / 2;
        const int n = 400_000;
        const double zMax = 12.0;
        double dz = 2 * zMax / n;
        var radii = new double[bins];
        double cumulative = 0, inverseRadius = 0;
        int bin = 0;
        double Density(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        for (int j = 0; j < n; j++)
        {
            double z0 = -zMax + j * dz, z1 = z0 + dz;
            double w = 0.5 * dz * (Density(z0) + Density(z1));
            double inv = 0.5 * dz * (Density(z0) * Math.Exp(-s * z0) + Density(z1) * Math.Exp(-s * z1)) / r50;
            cumulative += w;
            inverseRadius += inv;
            // A bin closes when its share 1/K is reached (the quadrature cell straddling the boundary is split linearly).
            if (bin < bins - 1 && cumulative >= (bin + 1.0) / bins)
            {
                double excess = (cumulative - (bin + 1.0) / bins) / w;
                double carried = excess * inv;
                radii[bin] = (1.0 / bins) / (inverseRadius - carried);
                inverseRadius = carried;
                bin++;
            }
        }
        radii[bins - 1] = (1.0 / bins) / inverseRadius;
        return radii;
    }
}

/// <summary>One point of a computed galvanostatic step: charge passed since the step started (C/m^2) and cell voltage (V).</summary>
internal readonly record struct CurvePoint(double Capacity, double Voltage);

/// <summary>A galvanostatic step: its curve, the capacity at the cut-off (C/m^2) and why it ended.</summary>
internal sealed record HalfCycle(List<CurvePoint> Curve, double Capacity, string End);

/// <summary>
/// An independent many-particle solution of the engine's equations: one spherical particle per size bin, all at the same
/// electrode potential difference Delta = phi_s - phi_e (the through-thickness drops are lumped into series terms).
/// </summary>
/// <remarks>
/// Equations (as docs/model.md states them):
/// <list type="bullet">
/// <item>Particle k, written for the vacancy y = 1 - x: dy/dt = D (1/r^2) d/dr(r^2 dy/dr), dy/dr(0) = 0,
/// D dy/dr(R_k) = theta i_k / (F c_max). Writing the vacancy resolves a surface that fills to within 1e-17 of x = 1
/// to the vacancy itself instead of to the round-off of x.</item>
/// <item>Kinetics of bin k: Delta = U(x_s) - U_LiIn + i_k R_film + (2RT/F) asinh(i_k / (2 i0)), i0 = i0_ref 2 sqrt(x_s y_s).</item>
/// <item>Current: sum_k (a_k L) i_k = I.</item>
/// <item>V = Delta + I (R_sep + R_composite) + (2RT/F) asinh(I / (2 i0_LiIn)).</item>
/// </list>
/// Method, chosen to share nothing with the engine (cell-centred equal shells, surface extrapolated half a shell,
/// variable-step BDF2, Newton with static condensation over the whole cell):
/// <list type="bullet">
/// <item>Vertex-centred finite volumes on a grid graded towards the surface (rho = 1.5 xi - 0.5 xi^2, surface spacing
/// a third of the centre's): the surface vacancy is a grid unknown, no extrapolation.</item>
/// <item>Backward Euler with a fixed step (L-stable, so the algebraic kinetics cannot ring as i0 collapses).</item>
/// <item>Each step: two tridiagonal solves per particle give y = alpha + beta i_k (the system is linear in the particle);
/// for a trial Delta each bin's kinetics is one scalar Brent solve for ln y_s; an outer Brent solve on Delta meets
/// the total current.</item>
/// <item>Cut-off: the step that crosses it (or that cannot carry the current at all, because even y_s = 0 does not take
/// enough lithium) is bisected in length from the last accepted state until the cut-off is met.</item>
/// </list>
/// </remarks>
internal sealed class ManyParticleSolver
{
    private readonly ManyParticleCell _cell;
    private readonly int _intervals;
    private readonly double _timeStep;
    private readonly double[] _rho;       // node radii / R, 0..N
    private readonly double[] _volume;    // control volume / (4 pi R^3), per node
    private readonly double[] _face;      // (face radius / R)^2 / node spacing, faces between j and j+1
    private readonly double[][] _vacancy; // y per bin and node (the state)
    private readonly double[][] _alpha, _beta;
    private readonly double[] _lastLogSurface;
    private double _lastDelta = double.NaN;

    public ManyParticleSolver(ManyParticleCell cell, int intervals, double timeStep)
    {
        _cell = cell;
        _intervals = intervals;
        _timeStep = timeStep;
        int n = intervals;
        _rho = new double[n + 1];
        for (int j = 0; j <= n; j++)
        {
            double xi = (double)j / n;
            _rho[j] = 1.5 * xi - 0.5 * xi * xi;
        }
        _rho[n] = 1.0;
        _volume = new double[n + 1];
        _face = new double[n];
        for (int j = 0; j <= n; j++)
        {
            double inner = j == 0 ? 0 : 0.5 * (_rho[j - 1] + _rho[j]);
            double outer = j == n ? 1 : 0.5 * (_rho[j] + _rho[j + 1]);
            _volume[j] = (outer * outer * outer - inner * inner * inner) / 3;
        }
        for (int j = 0; j < n; j++)
        {
            double f = 0.5 * (_rho[j] + _rho[j + 1]);
            _face[j] = f * f / (_rho[j + 1] - _rho[j]);
        }
        int bins = cell.Radii.Length;
        _vacancy = new double[bins][];
        _alpha = new double[bins][];
        _beta = new double[bins][];
        _lastLogSurface = new double[bins];
        _trialCurrent = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            _vacancy[k] = Enumerable.Repeat(1 - cell.InitialStoichiometry, n + 1).ToArray();
            _alpha[k] = new double[n + 1];
            _beta[k] = new double[n + 1];
            _lastLogSurface[k] = Math.Log(1 - cell.InitialStoichiometry);
        }
    }

    /// <summary>Runs at current density <paramref name="current"/> (A/m^2, positive on charge) until the voltage reaches <paramref name="cutoff"/>.</summary>
    public HalfCycle RunUntil(double current, double cutoff, double maxDuration = 1e6)
    {
        bool charge = current > 0;
        var curve = new List<CurvePoint>();
        double time = 0;
        _lastDelta = double.NaN;
        while (time < maxDuration)
        {
            double v = TryStep(_timeStep, current);
            if (!Crossed(v, cutoff, charge))
            {
                Accept();
                time += _timeStep;
                curve.Add(new CurvePoint(Math.Abs(current) * time, v));
                continue;
            }
            // The cut-off lies inside this step: bisect its length (re-solving from the accepted state each time).
            double lo = 0, hi = _timeStep;
            for (int it = 0; it < 60 && hi - lo > 1e-9 * _timeStep; it++)
            {
                double mid = 0.5 * (lo + hi);
                if (Crossed(TryStep(mid, current), cutoff, charge)) hi = mid; else lo = mid;
            }
            bool carried = !double.IsNaN(TryStep(hi, current));
            time += hi;
            curve.Add(new CurvePoint(Math.Abs(current) * time, cutoff));
            return new HalfCycle(curve, Math.Abs(current) * time, carried ? "voltage" : "material full/empty");
        }
        throw new InvalidOperationException("the cut-off was not reached");
    }

    private static bool Crossed(double voltage, double cutoff, bool charge) =>
        double.IsNaN(voltage) || (charge ? voltage >= cutoff : voltage <= cutoff);

    /// <summary>Solves one backward-Euler step of length h from the accepted state; returns V, or NaN if the current cannot be carried.</summary>
    private double TryStep(double h, double current)
    {
        var c = _cell;
        int bins = c.Radii.Length;
        for (int k = 0; k < bins; k++) Condense(k, h);
        // The largest lithiation current the particles can take this step is the one that fills every surface (y_s = 0).
        if (current < 0)
        {
            double most = 0;
            for (int k = 0; k < bins; k++) most += c.AreaPerElectrodeArea[k] * _alpha[k][_intervals] / _beta[k][_intervals];
            if (-current >= most) return double.NaN;
        }
        double Residual(double delta)
        {
            double total = 0;
            for (int k = 0; k < bins; k++) total += c.AreaPerElectrodeArea[k] * BinCurrent(k, delta);
            return total - current;
        }
        double guess = double.IsNaN(_lastDelta) ? c.Ocp(c.InitialStoichiometry) - c.CounterPotential : _lastDelta;
        double? delta = Roots.BracketAndSolve(Residual, guess, 1e-3, -50, 50, 1e-12);
        if (delta is null) return double.NaN;
        _trialDelta = delta.Value;
        for (int k = 0; k < bins; k++) _trialCurrent[k] = BinCurrent(k, delta.Value);
        return delta.Value + c.SeriesVoltage(current);
    }

    private double _trialDelta;
    private readonly double[] _trialCurrent;

    private void Accept()
    {
        for (int k = 0; k < _cell.Radii.Length; k++)
        {
            double i = _trialCurrent[k];
            var y = _vacancy[k];
            for (int j = 0; j <= _intervals; j++) y[j] = _alpha[k][j] + _beta[k][j] * i;
            _lastLogSurface[k] = Math.Log(y[_intervals]);
        }
        _lastDelta = _trialDelta;
    }

    /// <summary>
    /// The backward-Euler step of particle k is linear in its current: y_new = alpha + beta i. Both columns come from the
    /// same tridiagonal matrix (Thomas algorithm; it is an M-matrix, so alpha and beta are non-negative).
    /// </summary>
    private void Condense(int k, double h)
    {
        var c = _cell;
        int n = _intervals;
        double radius = c.Radii[k];
        double g = c.Diffusivity / (radius * radius);
        var lower = new double[n + 1];
        var diag = new double[n + 1];
        var upper = new double[n + 1];
        var a = _alpha[k];
        var b = _beta[k];
        for (int j = 0; j <= n; j++)
        {
            double left = j > 0 ? g * _face[j - 1] : 0, right = j < n ? g * _face[j] : 0;
            lower[j] = -left;
            upper[j] = -right;
            diag[j] = _volume[j] / h + left + right;
            a[j] = _volume[j] / h * _vacancy[k][j];
            b[j] = 0;
        }
        // Vacancy entering through the surface per unit current: theta / (F c_max R) in units of the normalised volume.
        b[n] = c.Coverage / (ManyParticleCell.Faraday * c.MaxConcentration * radius);
        for (int j = 1; j <= n; j++)
        {
            double w = lower[j] / diag[j - 1];
            diag[j] -= w * upper[j - 1];
            a[j] -= w * a[j - 1];
            b[j] -= w * b[j - 1];
        }
        a[n] /= diag[n];
        b[n] /= diag[n];
        for (int j = n - 1; j >= 0; j--)
        {
            a[j] = (a[j] - upper[j] * a[j + 1]) / diag[j];
            b[j] = (b[j] - upper[j] * b[j + 1]) / diag[j];
        }
    }

    /// <summary>Current of bin k at electrode potential difference <paramref name="delta"/>: Brent on ln y_s, where i = (y_s - alpha)/beta.</summary>
    private double BinCurrent(int k, double delta)
    {
        var c = _cell;
        double alpha = _alpha[k][_intervals], beta = _beta[k][_intervals];
        double Kinetics(double logY)
        {
            double y = Math.Exp(logY);
            double i = (y - alpha) / beta;
            double i0 = c.ExchangeCurrent * 2 * Math.Sqrt(y * (1 - y));
            return delta - (c.Ocp(1 - y) - c.CounterPotential) - i * c.FilmResistance - c.TwoThermalVoltages * Math.Asinh(i / (2 * i0));
        }
        // Decreasing in ln y_s: +infinity as y_s -> 0 (when alpha > 0), -infinity as y_s -> 1.
        double lowest = Math.Log(1e-300), highest = Math.Log(1 - 1e-15);
        double? logY = Roots.BracketAndSolve(y => -Kinetics(y), _lastLogSurface[k], 1e-3, lowest, highest, 1e-13);
        // No root: Delta is beyond what any surface state reaches (only while the outer search brackets), so the bin takes
        // its limiting current, a full (y_s = 0) or empty (y_s = 1) surface.
        logY ??= Kinetics(lowest) < 0 ? double.NegativeInfinity : 0.0;
        return (Math.Exp(logY.Value) - alpha) / beta;
    }
}

/// <summary>Scalar root finding: bracket expansion from a guess, then Brent's method.</summary>
internal static class Roots
{
    /// <summary>
    /// A root of the increasing function f within [min, max]: expands a bracket around <paramref name="guess"/> by
    /// doubling <paramref name="step"/>, then refines it by Brent's method to <paramref name="tolerance"/>. Null if f has
    /// no sign change in [min, max].
    /// </summary>
    public static double? BracketAndSolve(Func<double, double> f, double guess, double step, double min, double max, double tolerance)
    {
        guess = Math.Clamp(guess, min, max);
        double fg = f(guess);
        if (fg == 0) return guess;
        double a = guess, fa = fg, b = guess, fb = fg;
        // Increasing f: a root lies above the guess if f(guess) < 0.
        int direction = fg < 0 ? 1 : -1;
        while (true)
        {
            double next = Math.Clamp(b + direction * step, min, max);
            a = b; fa = fb;
            b = next; fb = f(b);
            if (Math.Sign(fb) != Math.Sign(fa) || fb == 0) break;
            if (next == min || next == max) return null;
            step *= 2;
        }
        return Brent(f, a, fa, b, fb, tolerance);
    }

    /// <summary>Brent's method (inverse quadratic interpolation, secant and bisection) on a sign-changing bracket.</summary>
    public static double Brent(Func<double, double> f, double a, double fa, double b, double fb, double tolerance)
    {
        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if (Math.Sign(fb) == Math.Sign(fc)) { c = a; fc = fa; d = b - a; e = d; }
            if (Math.Abs(fc) < Math.Abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
            double tol = 2 * double.Epsilon + 0.5 * tolerance + 2e-16 * Math.Abs(b);
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return b;
            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c) { p = 2 * m * s; q = 1 - s; }
                else
                {
                    double qa = fa / fc, r = fb / fc;
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e * q))) { e = d; d = p / q; }
                else { d = m; e = d; }
            }
            else { d = m; e = d; }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : Math.Sign(m) * tol;
            fb = f(b);
        }
        return b;
    }
}
