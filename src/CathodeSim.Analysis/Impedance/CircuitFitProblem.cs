using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CathodeSim.Analysis.Impedance;

/// <summary>The end of one Levenberg-Marquardt descent: parameters (SI), chi-square, iterations, and whether it converged.</summary>
internal sealed record CircuitFitDescent(double[] Parameters, double ChiSquare, int Iterations, bool Converged);

/// <summary>
/// One start's least-squares problem for MathNet's <see cref="LevenbergMarquardtMinimizer"/>, in transformed parameters u of
/// the free parameters (log for positive ones, logistic between two finite bounds). It is MathNet's <see cref="IObjectiveModel"/>
/// itself rather than <c>ObjectiveFunction.NonlinearModel</c>: that one forms J^T J with MathNet's general matrix product,
/// which hands a 180 x 8 product to the thread pool on every iteration (measured: most of a fit's CPU time went to thread
/// hand-offs). Here residuals, J^T r and J^T J are summed in place over preallocated buffers.
/// </summary>
internal sealed class CircuitFitProblem : IObjectiveModel
{
    private readonly double[] _omega, _lnOmega;
    private readonly Complex[] _data;
    private readonly double[] _wr, _wi;
    private readonly double[] _lower, _upper;
    private readonly int[] _free;
    private readonly double[] _base;
    private readonly CircuitDerivatives _derivatives;
    private readonly Complex[] _dz;
    private readonly double[] _p;
    private readonly double[] _residual;
    private readonly double[] _jacobian;
    private readonly double[] _dpdu;

    // MathNet reports the last point it evaluated, which may be a rejected trial; the best one seen is kept here.
    private readonly double[] _bestU;
    private bool _hasBest;
    private double _bestChi = double.PositiveInfinity;

    // MathNet's tests are absolute; a parameter running off to 0 or infinity in log space keeps it iterating while the
    // chi-square no longer changes. A stall ends the descent after StallCount improvements below StallTolerance each.
    private const double StallTolerance = 1e-8;
    private const int StallCount = 3;
    private int _stalls;

    // MathNet counts only accepted steps; its inner loop of rejected trials is bounded only by the damping overflowing.
    // A hard limit on model evaluations ends a descent that has stopped making steps (reported as not converged).
    private int _evaluationLimit = int.MaxValue;
    private int _evaluations;

    private Vector<double> _point;
    private bool _hasValue, _hasJacobian;
    private double _value;
    private Vector<double>? _gradient;
    private Matrix<double>? _hessian;

    private sealed class StalledException : Exception;

    private sealed class EvaluationLimitException : Exception;

    public CircuitFitProblem(Circuit circuit, IReadOnlyList<double> f, IReadOnlyList<Complex> z, (double[] Real, double[] Imag) weights,
        double[] lower, double[] upper, int[] free, double[] start)
    {
        _omega = f.Select(x => 2 * Math.PI * x).ToArray();
        _lnOmega = _omega.Select(w => Math.Log(w)).ToArray();
        _data = z.ToArray();
        (_wr, _wi) = weights;
        _lower = lower;
        _upper = upper;
        _free = free;
        _base = (double[])start.Clone();
        _derivatives = new CircuitDerivatives(circuit);
        _dz = new Complex[circuit.ParameterCount];
        _p = (double[])start.Clone();
        _residual = new double[2 * _omega.Length];
        _jacobian = new double[2 * _omega.Length * free.Length];
        _bestU = new double[free.Length];
        _dpdu = new double[free.Length];
        _point = Vector<double>.Build.Dense(free.Length);
    }

    private int N => _omega.Length;

    /// <summary>Evaluations of the circuit and its derivatives over every frequency so far: the work of this descent.</summary>
    public int Work => _evaluations;

    private int M => _free.Length;

    /// <summary>Descends from the start for at most <paramref name="maxIterations"/> accepted steps.</summary>
    public CircuitFitDescent Minimise(int maxIterations)
    {
        var u0 = Vector<double>.Build.Dense(M, k => ToU(_free[k], _base[_free[k]]));
        if (M == 0 || maxIterations <= 0)
        {
            double[] p0 = ToP(u0);
            return new CircuitFitDescent(p0, ChiSquare(p0), 0, M == 0);
        }
        // Tolerances on the dimensionless (weighted, |Z|-scaled) residuals; the step test is MathNet's ||du|| <= tol (tol + u.u).
        double scale2 = Scale2();
        var minimizer = new LevenbergMarquardtMinimizer(initialMu: 1e-3, gradientTolerance: 1e-12 * scale2, stepTolerance: 1e-12,
            functionTolerance: 1e-30 * scale2, maximumIterations: maxIterations);
        ExitCondition exit;
        int iterations;
        _evaluationLimit = 10 * maxIterations + 50;
        try
        {
            var found = minimizer.FindMinimum(this, u0);
            exit = found.ReasonForExit;
            iterations = found.Iterations;
        }
        catch (EvaluationLimitException)
        {
            exit = ExitCondition.ExceedIterations;
            iterations = maxIterations;
        }
        catch (StalledException)
        {
            exit = ExitCondition.LackOfProgress;
            iterations = _evaluations;
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or MathNet.Numerics.NonConvergenceException)
        {
            exit = ExitCondition.InvalidValues;
            iterations = maxIterations;
        }
        if (!_hasBest) return new CircuitFitDescent(ToP(u0), double.NaN, iterations, false);
        double[] p = ToP(Vector<double>.Build.DenseOfArray(_bestU));
        return new CircuitFitDescent(p, ChiSquare(p), Math.Max(iterations, 0), exit is not (ExitCondition.ExceedIterations or ExitCondition.InvalidValues));
    }

    /// <summary>d(weighted model)/dp of the free parameters at the start point, rows real parts then imaginary parts.</summary>
    public double[,] JacobianInP()
    {
        int n = N, m = M;
        var J = new double[2 * n, m];
        for (int i = 0; i < n; i++)
        {
            _derivatives.Evaluate(_base, _omega[i], _lnOmega[i], _dz);
            for (int k = 0; k < m; k++)
            {
                var d = _dz[_free[k]];
                J[i, k] = d.Real * _wr[i];
                J[n + i, k] = d.Imaginary * _wi[i];
            }
        }
        return J;
    }

    /// <summary>Sum of the squared weighted data: the scale the absolute MathNet tolerances are taken relative to.</summary>
    private double Scale2()
    {
        double s = 0;
        for (int i = 0; i < N; i++) s += Math.Pow(_data[i].Real * _wr[i], 2) + Math.Pow(_data[i].Imaginary * _wi[i], 2);
        return s > 0 ? s : 1;
    }

    private double ChiSquare(double[] p)
    {
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            var z = _derivatives.Impedance(p, _omega[i], _lnOmega[i]);
            double a = (z.Real - _data[i].Real) * _wr[i], b = (z.Imaginary - _data[i].Imaginary) * _wi[i];
            sum += a * a + b * b;
        }
        return sum;
    }

    /// <summary>Weighted residuals y - f at the current point into the buffer, and J (of u) beside them.</summary>
    private double Evaluate()
    {
        int n = N, m = M;
        for (int k = 0; k < m; k++)
        {
            _p[_free[k]] = FromU(_free[k], _point[k]);
            _dpdu[k] = Derivative(_free[k], _point[k]);
        }
        double chi = 0;
        for (int i = 0; i < n; i++)
        {
            var z = _derivatives.Evaluate(_p, _omega[i], _lnOmega[i], _dz);
            double a = (_data[i].Real - z.Real) * _wr[i], b = (_data[i].Imaginary - z.Imaginary) * _wi[i];
            _residual[i] = a;
            _residual[n + i] = b;
            chi += a * a + b * b;
            for (int k = 0; k < m; k++)
            {
                double d = _dpdu[k];
                double jr = _dz[_free[k]].Real * _wr[i] * d, ji = _dz[_free[k]].Imaginary * _wi[i] * d;
                _jacobian[k * 2 * n + i] = Tame(jr);
                _jacobian[k * 2 * n + n + i] = Tame(ji);
            }
        }
        return chi;
    }

    /// <summary>
    /// A Jacobian entry MathNet can work with: non-finite ones 0, huge ones clamped; tiny ones (a parameter running off to 0 in
    /// log space, dp/du = p) flushed to 0, because J^T J of them would be subnormal, which the processor handles ~100x slower.
    /// </summary>
    private static double Tame(double j) =>
        !double.IsFinite(j) ? 0 : Math.Abs(j) < 1e-150 ? 0 : Math.Clamp(j, -1e100, 1e100);

    private void EnsureValue()
    {
        if (_hasValue) return;
        if (++_evaluations > _evaluationLimit) throw new EvaluationLimitException();
        // The derivatives come with every evaluation: MathNet asks for the Jacobian at each accepted point (most trials are
        // accepted), and the shared bottom-up pass makes both together cheaper than the impedance now and both again later.
        double chi = Evaluate();
        // A non-finite misfit (a transformed parameter overflowing) would reach MathNet's final covariance, whose SVD never
        // returns on it; a huge finite one is rejected by the step test just the same.
        _value = double.IsFinite(chi) ? chi : 1e300;
        _hasValue = true;
        if (double.IsFinite(chi) && chi < _bestChi)
        {
            _stalls = _bestChi - chi <= StallTolerance * chi ? _stalls + 1 : 0;
            _bestChi = chi;
            for (int k = 0; k < M; k++) _bestU[k] = _point[k];
            _hasBest = true;
            if (_stalls >= StallCount) throw new StalledException();
        }
    }

    private void EnsureJacobian()
    {
        // Gradient and Hessian call EnsureValue first, whose evaluation filled the Jacobian at this point.
        if (_hasJacobian) return;
        int rows = 2 * N, m = M;
        // New objects each time: MathNet adds its damping to the Hessian's diagonal in place and keeps it across trials.
        var g = new double[m];
        var h = new double[m * m];
        // Columns of J are contiguous, so g = -J^T r and J^T J are SIMD dot products.
        ReadOnlySpan<double> jacobian = _jacobian, residual = _residual;
        for (int a = 0; a < m; a++)
        {
            var ca = jacobian.Slice(a * rows, rows);
            g[a] = -Dot(ca, residual);
            for (int c = 0; c <= a; c++) h[a * m + c] = h[c * m + a] = Dot(ca, jacobian.Slice(c * rows, rows));
        }
        _gradient = Vector<double>.Build.Dense(g);
        _hessian = Matrix<double>.Build.Dense(m, m, h);
        _hasJacobian = true;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var vx = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x);
        var vy = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(y);
        var sum = System.Numerics.Vector<double>.Zero;
        for (int i = 0; i < vx.Length; i++) sum += vx[i] * vy[i];
        double total = System.Numerics.Vector.Sum(sum);
        for (int i = vx.Length * System.Numerics.Vector<double>.Count; i < x.Length; i++) total += x[i] * y[i];
        return total;
    }

    private double ToU(int i, double p)
    {
        double lo = _lower[i], hi = _upper[i];
        if (double.IsFinite(lo) && double.IsFinite(hi)) { double t = (p - lo) / (hi - lo); return Math.Log(t / (1 - t)); }
        if (double.IsFinite(lo)) return Math.Log(p - lo);
        if (double.IsFinite(hi)) return Math.Log(hi - p);
        return p;
    }

    private double FromU(int i, double u)
    {
        double lo = _lower[i], hi = _upper[i];
        if (double.IsFinite(lo) && double.IsFinite(hi)) return lo + (hi - lo) / (1 + Math.Exp(-u));
        if (double.IsFinite(lo)) return lo + Math.Exp(u);
        if (double.IsFinite(hi)) return hi - Math.Exp(u);
        return u;
    }

    /// <summary>dp/du.</summary>
    private double Derivative(int i, double u)
    {
        double lo = _lower[i], hi = _upper[i];
        if (double.IsFinite(lo) && double.IsFinite(hi)) { double s = 1 / (1 + Math.Exp(-u)); return (hi - lo) * s * (1 - s); }
        if (double.IsFinite(lo)) return Math.Exp(u);
        if (double.IsFinite(hi)) return -Math.Exp(u);
        return 1;
    }

    private double[] ToP(Vector<double> u)
    {
        var p = (double[])_base.Clone();
        for (int k = 0; k < M; k++) p[_free[k]] = FromU(_free[k], u[k]);
        return p;
    }

    // IObjectiveModel: what MathNet's Levenberg-Marquardt and its result use.

    public Vector<double> Point => _point;

    public double Value { get { EnsureValue(); return _value; } }

    public Vector<double> Gradient { get { EnsureValue(); EnsureJacobian(); return _gradient!; } }

    public Matrix<double> Hessian { get { EnsureValue(); EnsureJacobian(); return _hessian!; } }

    public void SetParameters(Vector<double> initialGuess, List<bool>? isFixed = null) => EvaluateAt(initialGuess);

    public void EvaluateAt(Vector<double> parameters)
    {
        // MathNet's result re-evaluates at Point itself: nothing changed, keep what is known there.
        if (ReferenceEquals(parameters, _point)) return;
        // MathNet passes a vector it goes on to change; copy it.
        parameters.CopyTo(_point);
        _hasValue = false;
        _hasJacobian = false;
    }

    public Vector<double> ObservedY => Vector<double>.Build.Dense(2 * N, r => r < N ? _data[r].Real * _wr[r] : _data[r - N].Imaginary * _wi[r - N]);

    public Matrix<double>? Weights => null;

    public Vector<double> ModelValues
    {
        get
        {
            EnsureValue();
            var y = ObservedY;
            return Vector<double>.Build.Dense(2 * N, r => y[r] - _residual[r]);
        }
    }

    public int FunctionEvaluations { get => _evaluations; set => _evaluations = value; }

    public int JacobianEvaluations { get; set; }

    /// <summary>
    /// 0: MathNet uses it only for the covariance of its own result (a pseudo-inverse by SVD at the end of every descent),
    /// which this fit does not use (its standard errors come from the Jacobian at the final optimum), and 0 skips it.
    /// </summary>
    public int DegreeOfFreedom => 0;

    public bool IsGradientSupported => true;

    public bool IsHessianSupported => true;

    public IObjectiveModel Fork() => throw new NotSupportedException("a circuit-fit problem is descended from one start only");

    public IObjectiveModel CreateNew() => throw new NotSupportedException("a circuit-fit problem is descended from one start only");

    public IObjectiveFunction ToObjectiveFunction() => throw new NotSupportedException("a circuit-fit problem is a least-squares model only");
}
