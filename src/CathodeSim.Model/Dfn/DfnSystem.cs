using CathodeSim.Model.Cell;
using CathodeSim.Numerics.Integration;
using CathodeSim.Numerics.LinearAlgebra;

namespace CathodeSim.Model.Dfn;

/// <summary>
/// The discretised Doyle-Fuller-Newman cell, a half cell (lithium metal | separator | porous cathode) or, when the cell has
/// a <see cref="LiquidCell.Anode"/>, a full cell (porous anode | separator | porous cathode): one unknown vector with,
/// per x-volume, c_e and phi_e, and in an electrode also phi_s and, per size bin, the particle stoichiometries at the
/// radial nodes r = 0..R and the reaction current density j (A/m^2, positive for delithiation). Both electrodes run the
/// same equations with their own constants (<see cref="DfnElectrode"/>); potentials are referred to the lithium metal, or
/// in a full cell to the negative current collector (phi_s = 0 there). One BDF step (implicit
/// Euler or variable-step BDF2, see <see cref="Residual"/>) is solved by Newton on the whole vector with an analytic
/// Jacobian (<see cref="AssembleAnalytic"/>, the derivative of every term of <see cref="Residual"/>, about the cost of
/// two residual evaluations; the finite-difference Jacobian it replaced, columns grouped on the structural pattern at
/// about ten residual evaluations, stays behind <see cref="FiniteDifferenceJacobian"/> to check it) and a condensed
/// linear solve: each particle's shells and its j
/// form a tridiagonal chain eliminated by the Thomas algorithm, leaving a small banded system in c_e, phi_e, phi_s
/// (banded LU); the full banded LU with partial pivoting is the fallback when a chain has no safe pivot.
/// </summary>
public sealed class DfnSystem
{
    private const double Faraday = PhysicalConstants.Faraday;
    private readonly int[] _offset;
    private readonly double[] _dx, _eps, _brugg, _bruggFactor; // _bruggFactor = eps^brugg
    private readonly double[] _shellVolume, _faceArea; // per bin: (RadialIntervals + 1) volumes, RadialIntervals faces, scaled by 1/(4/3 pi R^3)
    private readonly DfnElectrode _cathode;
    private readonly DfnElectrode? _anode;
    private readonly DfnElectrode?[] _electrodeAt; // per x-volume; null in the separator
    private readonly int[] _chainStart;            // per electrode volume: index of its first particle chain
    private readonly double[] _film;               // per particle chain: interphase film resistance, ohm m^2 (cathode CEI; 0 in the anode)
    private readonly int _shells, _anodeVolumes;
    private BandedLuSolver<double> _jacobian;
    private readonly double[] _work, _perturbed, _base, _step, _update;
    private readonly double[] _currentResponse; // J^-1 dR/dI of a voltage-held step
    private readonly double[] _scale;           // per unknown: its size in the Newton norm
    // Per x-volume electrolyte properties of the last Residual (each volume's are used by both its faces): the
    // Bruggeman-corrected k, kd and D, t+ and ln c.
    private readonly double[] _nodeK, _nodeKd, _nodeD, _nodeT, _nodeLog;
    private readonly double[] _nodeDk, _nodeDkd, _nodeDD, _nodeDt; // their c-slopes, for the analytic Jacobian
    private readonly int[][] _columnRows;    // structural nonzeros of each Jacobian column
    private readonly int[][] _colourColumns; // columns perturbed together: no two share a structural row
    private readonly double[][] _columnValues; // Jacobian entries in the order of _columnRows
    // Condensed solve: the particle unknowns (shells and j) of each (volume, bin) form a tridiagonal chain that touches
    // the volume's c_e, phi_e, phi_s only through its j row and j column; eliminating the chains leaves a small banded
    // system in (c_e, phi_e[, phi_s]) per volume.
    private readonly int[] _core;              // index in the reduced system, -1 for a particle unknown
    private readonly BandedLuSolver<double> _reduced;
    private readonly double[] _chainLower, _chainPivot, _chainUpper; // Thomas factors per chain (Shells + 1 entries each)
    private readonly double[] _chainIn, _chainOut;                   // J[j, core] and J[core, j] per chain, 3 each
    private readonly double[] _reducedRhs;
    private bool _condensed;

    /// <summary>Builds the discretisation of <paramref name="cell"/> on <paramref name="grid"/> at <paramref name="temperature"/>.</summary>
    public DfnSystem(LiquidCell cell, DfnGrid grid, double temperature)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(grid);
        grid.Validate();
        Cell = cell;
        Grid = grid;
        Temperature = temperature;
        _shells = grid.RadialIntervals + 1;
        _cathode = new DfnElectrode(cell.Active, cell.ActiveVolumeFraction, cell.SolidConductivity, cell.Particles, cell.InitialStoichiometry,
            cell.ExchangeCurrent, temperature);
        var a = cell.Anode;
        _anode = a is null ? null : new DfnElectrode(a.Active, a.ActiveVolumeFraction, a.SolidConductivity, a.Particles, a.InitialStoichiometry,
            a.ExchangeCurrent, temperature);
        _anodeVolumes = a is null ? 0 : grid.AnodeVolumes;
        FirstCathodeNode = _anodeVolumes + grid.SeparatorVolumes;
        Nodes = FirstCathodeNode + grid.CathodeVolumes;
        _dx = new double[Nodes];
        _eps = new double[Nodes];
        _brugg = new double[Nodes];
        _bruggFactor = new double[Nodes];
        _electrodeAt = new DfnElectrode?[Nodes];
        _chainStart = new int[Nodes];
        Position = new double[Nodes];
        _offset = new int[Nodes + 1];
        int chains = 0;
        for (int i = 0; i < Nodes; i++)
        {
            if (i < _anodeVolumes)
            {
                _dx[i] = a!.Thickness / _anodeVolumes;
                _eps[i] = a.Porosity;
                _brugg[i] = a.Bruggeman;
                _electrodeAt[i] = _anode;
            }
            else if (i < FirstCathodeNode)
            {
                _dx[i] = cell.SeparatorThickness / grid.SeparatorVolumes;
                _eps[i] = cell.SeparatorPorosity;
                _brugg[i] = cell.SeparatorBruggeman;
            }
            else
            {
                _dx[i] = cell.CathodeThickness / grid.CathodeVolumes;
                _eps[i] = cell.CathodePorosity;
                _brugg[i] = cell.CathodeBruggeman;
                _electrodeAt[i] = _cathode;
            }
            _bruggFactor[i] = Math.Pow(_eps[i], _brugg[i]);
            Position[i] = (i == 0 ? 0 : Position[i - 1] + _dx[i - 1] / 2) + _dx[i] / 2;
            var e = _electrodeAt[i];
            _chainStart[i] = chains;
            if (e is not null) chains += e.Bins;
            _offset[i + 1] = _offset[i] + (e is null ? 2 : 3 + e.Bins * (_shells + 1));
        }
        Size = _offset[Nodes];
        CathodeStart = (a?.Thickness ?? 0) + cell.SeparatorThickness;
        int n = grid.RadialIntervals;
        _shellVolume = new double[_shells];
        _faceArea = new double[n];
        for (int p = 0; p <= n; p++)
        {
            double lo = Math.Max(0, (p - 0.5) / n), hi = Math.Min(1, (p + 0.5) / n);
            _shellVolume[p] = hi * hi * hi - lo * lo * lo; // (r^3 difference)/R^3: share of the particle volume
        }
        for (int p = 0; p < n; p++) { double f = (p + 0.5) / n; _faceArea[p] = 3 * f * f; } // 4 pi r^2 / (4/3 pi R^3) * R
        int band = 0;
        for (int i = 0; i < Nodes; i++)
        {
            band = Math.Max(band, _offset[i + 1] - _offset[i] - 1);
            if (i + 1 < Nodes) band = Math.Max(band, _offset[i + 1] + Math.Min(3, _offset[i + 2] - _offset[i + 1]) - 1 - _offset[i]);
        }
        Bandwidth = band;
        _jacobian = new BandedLuSolver<double>(Size, band, band);
        _work = new double[Size];
        _perturbed = new double[Size];
        _base = new double[Size];
        _step = new double[Size];
        _update = new double[Size];
        _currentResponse = new double[Size];
        _scale = new double[Size];
        for (int q = 0; q < Size; q++) _scale[q] = ComputeScale(q);
        _nodeK = new double[Nodes];
        _nodeKd = new double[Nodes];
        _nodeD = new double[Nodes];
        _nodeT = new double[Nodes];
        _nodeLog = new double[Nodes];
        _nodeDk = new double[Nodes];
        _nodeDkd = new double[Nodes];
        _nodeDD = new double[Nodes];
        _nodeDt = new double[Nodes];
        _columnRows = BuildColumnRows();
        _colourColumns = Colour(_columnRows, Size);
        _columnValues = new double[Size][];
        for (int q = 0; q < Size; q++) _columnValues[q] = new double[_columnRows[q].Length];
        _core = new int[Size];
        Array.Fill(_core, -1);
        int reducedSize = 0;
        for (int i = 0; i < Nodes; i++)
        {
            _core[Concentration(i)] = reducedSize++;
            _core[ElectrolytePotential(i)] = reducedSize++;
            if (IsElectrode(i)) _core[SolidPotential(i)] = reducedSize++;
        }
        int reducedBand = 2; // the three unknowns of an electrode volume couple through its chains
        for (int q = 0; q < Size; q++)
            if (_core[q] >= 0)
                foreach (int row in _columnRows[q])
                    if (_core[row] >= 0) reducedBand = Math.Max(reducedBand, Math.Abs(_core[row] - _core[q]));
        _reduced = new BandedLuSolver<double>(reducedSize, reducedBand, reducedBand);
        _reducedRhs = new double[reducedSize];
        int links = _shells + 1;
        _chainLower = new double[chains * links];
        _chainPivot = new double[chains * links];
        _chainUpper = new double[chains * links];
        _chainIn = new double[chains * 3];
        _chainOut = new double[chains * 3];
        LithiumFactor = cell.LithiumExchangeTemperature.At(temperature);
        _film = new double[chains];
        for (int i = FirstCathodeNode; i < Nodes; i++)
            for (int k = 0; k < _cathode.Bins; k++) _film[_chainStart[i] + k] = cell.CathodeFilmResistance;
    }

    /// <summary>Interphase film resistance of the particles of size bin <paramref name="bin"/> in electrode volume <paramref name="node"/>, ohm m^2.</summary>
    public double FilmResistance(int node, int bin) => _film[_chainStart[node] + bin];

    /// <summary>
    /// Sets the film resistance of bin <paramref name="bin"/> in volume <paramref name="node"/> (ohm m^2): ageing between
    /// time steps (operator splitting); the next step's kinetics see the new value.
    /// </summary>
    public void SetFilmResistance(int node, int bin, double resistance)
    {
        if (!IsElectrode(node) || bin < 0 || bin >= BinsAt(node)) throw new ArgumentOutOfRangeException(nameof(node), "not a particle bin of an electrode volume");
        if (!(resistance >= 0) || !double.IsFinite(resistance)) throw new ArgumentOutOfRangeException(nameof(resistance), resistance, "a film resistance is finite and not negative");
        _film[_chainStart[node] + bin] = resistance;
    }

    /// <summary>The cell.</summary>
    public LiquidCell Cell { get; }

    /// <summary>The grid.</summary>
    public DfnGrid Grid { get; }

    /// <summary>Temperature, K.</summary>
    public double Temperature { get; }

    /// <summary>Number of x-volumes (anode if any, then separator, then cathode).</summary>
    public int Nodes { get; }

    /// <summary>Length of the unknown vector.</summary>
    public int Size { get; }

    /// <summary>Half bandwidth of the Jacobian.</summary>
    public int Bandwidth { get; }

    /// <summary>Volume centres, m (0 at the lithium metal or the negative current collector).</summary>
    public double[] Position { get; }

    /// <summary>Index of the first cathode volume.</summary>
    public int FirstCathodeNode { get; }

    /// <summary>Position of the separator | cathode boundary, m.</summary>
    public double CathodeStart { get; }

    /// <summary>Number of anode volumes (0 with a lithium-metal counter electrode).</summary>
    public int AnodeVolumes => _anodeVolumes;
    private double LithiumFactor { get; }

    /// <summary>Newton iterations done so far.</summary>
    public int NewtonIterations { get; private set; }

    /// <summary>Jacobian factorisations done so far.</summary>
    public int Factorisations { get; private set; }

    /// <summary>Wall time spent in Jacobian assembly so far (for the finite-difference Jacobian, its residual evaluations), s.</summary>
    public double AssemblySeconds => _assemblyTicks / (double)System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Wall time spent in banded LU factorisations so far, s.</summary>
    public double FactorSeconds => _factorTicks / (double)System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Wall time spent in Newton residuals and triangular solves so far, s.</summary>
    public double NewtonSeconds => _newtonTicks / (double)System.Diagnostics.Stopwatch.Frequency;

    private long _assemblyTicks, _factorTicks, _newtonTicks;

    /// <summary>
    /// Columns perturbed together per finite-difference Jacobian (Curtis-Powell-Reid grouping on the structural pattern):
    /// one residual evaluation per group, plus the base residual.
    /// </summary>
    public int JacobianGroups => _colourColumns.Length;

    /// <summary>
    /// Assemble the Newton Jacobian (and, in <see cref="StepAtVoltage"/>, dR/dI) by finite differences of
    /// <see cref="Residual"/> instead of analytically: the former method, kept to check the analytic derivatives.
    /// </summary>
    internal bool FiniteDifferenceJacobian { get; set; }

    /// <summary>
    /// The Jacobian dR/dy of <see cref="Residual"/> at <paramref name="y"/>, analytic or by finite differences, as
    /// (structural rows, values) per column; copies, for tests.
    /// </summary>
    internal (int[][] Rows, double[][] Values) JacobianColumns(double[] y, double[] history, double hBeta, double current, bool finiteDifference)
    {
        if (finiteDifference) AssembleFiniteDifference(y, history, hBeta, current);
        else AssembleAnalytic(y, hBeta, current);
        var values = new double[Size][];
        for (int q = 0; q < Size; q++) values[q] = (double[])_columnValues[q].Clone();
        return (_columnRows, values);
    }

    /// <summary>The finite-difference Jacobian's base for the step of column <paramref name="q"/> (the step is 1e-7 of it).</summary>
    internal double PerturbationScale(int q, double[] y) => Math.Max(Math.Abs(y[q]), _scale[q]);

    /// <summary>dR/dI of <see cref="Residual"/> at <paramref name="y"/>, analytic; for tests.</summary>
    internal double[] CurrentColumn(double[] y, double hBeta, double current)
    {
        var w = new double[Size];
        CurrentDerivative(y, hBeta, current, w);
        return w;
    }

    /// <summary>
    /// Whether the Newton solve eliminates the particle chains (default) or factorises the full banded Jacobian with
    /// partial pivoting, about 50 times slower at 3 bins and 20 shells; the latter is there to check the former.
    /// </summary>
    public bool CondenseParticles { get; set; } = true;

    /// <summary>Factorisations of the full banded Jacobian: a particle chain had no safe pivot, or condensation was off.</summary>
    public int FullFactorisations { get; private set; }

    /// <summary>True for a cathode volume.</summary>
    public bool IsCathode(int node) => node >= FirstCathodeNode;

    /// <summary>True for a porous anode volume.</summary>
    public bool IsAnode(int node) => node < _anodeVolumes;

    /// <summary>True for a volume of either porous electrode (it has phi_s, particles and reaction currents).</summary>
    public bool IsElectrode(int node) => _electrodeAt[node] is not null;

    /// <summary>Number of size bins at an electrode <paramref name="node"/>.</summary>
    public int BinsAt(int node) => _electrodeAt[node]!.Bins;

    /// <summary>Interfacial area per volume of bin <paramref name="bin"/> at an electrode <paramref name="node"/>, 1/m.</summary>
    public double AreaPerVolumeAt(int node, int bin) => _electrodeAt[node]!.AreaPerVolume[bin];

    /// <summary>Index of c_e at <paramref name="node"/>.</summary>
    public int Concentration(int node) => _offset[node];

    /// <summary>Index of phi_e at <paramref name="node"/>.</summary>
    public int ElectrolytePotential(int node) => _offset[node] + 1;

    /// <summary>Index of phi_s at an electrode <paramref name="node"/>.</summary>
    public int SolidPotential(int node) => _offset[node] + 2;

    /// <summary>Index of the stoichiometry at radial node <paramref name="shell"/> (0: centre) of bin <paramref name="bin"/> at an electrode node.</summary>
    public int Stoichiometry(int node, int bin, int shell) => _offset[node] + 3 + bin * (_shells + 1) + shell;

    /// <summary>Index of the reaction current density of bin <paramref name="bin"/> at an electrode node.</summary>
    public int ReactionCurrent(int node, int bin) => _offset[node] + 3 + bin * (_shells + 1) + _shells;

    /// <summary>Volume thickness, m.</summary>
    public double Thickness(int node) => _dx[node];

    /// <summary>Porosity of the volume.</summary>
    public double Porosity(int node) => _eps[node];

    /// <summary>Share of a particle's volume held by radial node <paramref name="shell"/>.</summary>
    public double ShellShare(int shell) => _shellVolume[shell];

    /// <summary>Interfacial area per volume of cathode bin <paramref name="bin"/>, 1/m.</summary>
    public double AreaPerVolume(int bin) => _cathode.AreaPerVolume[bin];

    /// <summary>Number of cathode size bins.</summary>
    public int Bins => _cathode.Bins;

    /// <summary>Radial nodes per particle.</summary>
    public int Shells => _shells;

    /// <summary>True for a differential unknown (c_e or a particle stoichiometry).</summary>
    public bool IsDifferential(int index)
    {
        int node = Array.BinarySearch(_offset, index);
        if (node < 0) node = ~node - 1;
        int local = index - _offset[node];
        if (local == 0) return true;
        if (local < 3) return false;
        return (local - 3) % (_shells + 1) != _shells;
    }

    /// <summary>
    /// The rest state: uniform c_e and stoichiometries, j = 0; phi_e = 0 against the lithium metal, or in a full cell
    /// phi_e = -U_anode(x0) so that the anode (phi_s = 0) is at equilibrium; phi_s = U(x0) + phi_e in each electrode.
    /// </summary>
    public double[] RestState()
    {
        var y = new double[Size];
        double phiE = _anode is null ? 0 : -_anode.Ocp.Evaluate(_anode.InitialStoichiometry, out _);
        for (int i = 0; i < Nodes; i++)
        {
            y[Concentration(i)] = Cell.InitialConcentration;
            y[ElectrolytePotential(i)] = phiE;
            if (_electrodeAt[i] is not { } e) continue;
            y[SolidPotential(i)] = e.Ocp.Evaluate(e.InitialStoichiometry, out _) + phiE;
            for (int k = 0; k < e.Bins; k++)
                for (int p = 0; p < _shells; p++) y[Stoichiometry(i, k, p)] = e.InitialStoichiometry;
        }
        return y;
    }

    /// <summary>Cell voltage (vs Li, or against the negative current collector in a full cell) of state <paramref name="y"/> at applied current density <paramref name="current"/> (A/m^2, positive on charge).</summary>
    public double Voltage(ReadOnlySpan<double> y, double current)
    {
        int last = Nodes - 1;
        return y[SolidPotential(last)] + _dx[last] / 2 * current / Cell.SolidConductivity;
    }

    /// <summary>Surface stoichiometry of bin <paramref name="bin"/> at an electrode node.</summary>
    public double Surface(ReadOnlySpan<double> y, int node, int bin) => y[Stoichiometry(node, bin, _shells - 1)];

    /// <summary>Mean stoichiometry of bin <paramref name="bin"/> at an electrode node.</summary>
    public double Mean(ReadOnlySpan<double> y, int node, int bin)
    {
        double s = 0;
        for (int p = 0; p < _shells; p++) s += _shellVolume[p] * y[Stoichiometry(node, bin, p)];
        return s;
    }

    /// <summary>
    /// Exchange current density of the particles of bin <paramref name="bin"/> in electrode volume <paramref name="node"/>
    /// at state <paramref name="y"/>, A/m^2 of particle surface: i0_ref 2 sqrt(x_s (1 - x_s)) sqrt(c_e / c_ref), with the
    /// clamps of the residual.
    /// </summary>
    public double ExchangeCurrentDensity(ReadOnlySpan<double> y, int node, int bin)
    {
        var e = _electrodeAt[node] ?? throw new ArgumentOutOfRangeException(nameof(node), "not an electrode volume");
        double xs = Math.Clamp(y[Stoichiometry(node, bin, _shells - 1)], 1e-14, 1 - 1e-14);
        return ExchangeCurrentDensity(e, xs, Math.Max(y[Concentration(node)], 1e-6 * Cell.InitialConcentration));
    }

    private double ExchangeCurrentDensity(DfnElectrode e, double clampedSurface, double clampedConcentration) =>
        e.ExchangeCurrent * e.ExchangeFactor * 2 * Math.Sqrt(clampedSurface * (1 - clampedSurface)) * Math.Sqrt(clampedConcentration / Cell.ReferenceConcentration);

    /// <summary>Exchange current density of the lithium metal at salt concentration <paramref name="concentration"/> (mol/m^3) next to it, A/m^2.</summary>
    public double LithiumExchangeCurrentDensity(double concentration) =>
        Cell.LithiumExchangeCurrent * LithiumFactor * Math.Sqrt(concentration / Cell.ReferenceConcentration);

    /// <summary>Solid diffusivity of the electrode at volume <paramref name="node"/> at stoichiometry <paramref name="x"/> (clamped to 0..1) and the cell's temperature, m^2/s.</summary>
    public double SolidDiffusivity(int node, double x)
    {
        var e = _electrodeAt[node] ?? throw new ArgumentOutOfRangeException(nameof(node), "not an electrode volume");
        return e.DiffusivityFactor * e.Diffusivity.At(Math.Clamp(x, 0, 1));
    }

    /// <summary>Particle radius of size bin <paramref name="bin"/> of the electrode at volume <paramref name="node"/>, m.</summary>
    public double Radius(int node, int bin) => (_electrodeAt[node] ?? throw new ArgumentOutOfRangeException(nameof(node), "not an electrode volume")).Radii[bin];

    /// <summary>Lithium in the particles of both electrodes per unit area, mol/m^2.</summary>
    public double SolidLithium(ReadOnlySpan<double> y) => ElectrodeLithium(y, cathode: true) + ElectrodeLithium(y, cathode: false);

    /// <summary>Lithium in the particles of the cathode (or of the anode, 0 without one) per unit area, mol/m^2.</summary>
    public double ElectrodeLithium(ReadOnlySpan<double> y, bool cathode)
    {
        double s = 0;
        for (int i = 0; i < Nodes; i++)
        {
            if (_electrodeAt[i] is not { } e || IsCathode(i) != cathode) continue;
            double t = 0;
            for (int k = 0; k < e.Bins; k++) t += _dx[i] * e.ActiveVolumeFraction * e.VolumeShares[k] * Mean(y, i, k);
            s += t * e.MaxConcentration;
        }
        return s;
    }

    /// <summary>Salt in the electrolyte per unit area, integral of eps c_e dx, mol/m^2.</summary>
    public double Salt(ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < Nodes; i++) s += _eps[i] * _dx[i] * y[Concentration(i)];
        return s;
    }

    private double Effective(int node, double value) => _bruggFactor[node] * value;

    private static double Harmonic(double a, double da, double b, double db) => (da + db) / (da / a + db / b);

    /// <summary>
    /// Residual of one BDF step at applied current density <paramref name="current"/>: the time derivative of every
    /// differential unknown is (y - history) / hBeta, where <paramref name="history"/> is the BDF combination of past
    /// states (a0 y_n + a1 y_{n-1}) and <paramref name="hBeta"/> the effective step, s. For implicit Euler these are the
    /// previous state and the step length. hBeta = infinity gives the algebraic (quasi-static) equations only, with the
    /// differential unknowns pinned to <paramref name="history"/>.
    /// </summary>
    public void Residual(ReadOnlySpan<double> y, ReadOnlySpan<double> history, double hBeta, double current, Span<double> r)
    {
        // Storage terms are the only place the history enters: every flux, source and the applied current are taken at
        // the new time, so with a0 + a1 = 1 the discrete lithium and salt balances hold to round-off for any BDF order.
        double T = Temperature, rtf = PhysicalConstants.Gas * T / Faraday;
        var el = Cell.Electrolyte;
        bool pinned = double.IsPositiveInfinity(hBeta);
        r.Clear();
        // Electrolyte: storage and volumetric sources.
        for (int i = 0; i < Nodes; i++)
        {
            int ic = Concentration(i), ip = ElectrolytePotential(i);
            r[ic] = pinned ? y[ic] - history[ic] : _eps[i] * _dx[i] * (y[ic] - history[ic]) / hBeta;
            if (_electrodeAt[i] is not { } e) continue;
            double source = 0;
            for (int k = 0; k < e.Bins; k++) source += e.AreaPerVolume[k] * y[ReactionCurrent(i, k)];
            source *= _dx[i];
            if (!pinned) r[ic] -= source / Faraday;
            r[ip] -= source;                       // d i_e/dx = a j
            r[SolidPotential(i)] += source;        // d i_s/dx = -a j
        }
        // Electrolyte properties per volume, then the faces between volumes.
        for (int i = 0; i < Nodes; i++)
        {
            double c = y[Concentration(i)];
            double k = Effective(i, el.Conductivity(c, T)), t = el.Transference(c, T);
            _nodeK[i] = k;
            _nodeT[i] = t;
            _nodeKd[i] = 2 * rtf * k * (1 - t) * el.ThermodynamicFactor(c, T);
            _nodeD[i] = Effective(i, el.Diffusivity(c, T));
            _nodeLog[i] = Math.Log(c);
        }
        for (int i = 0; i + 1 < Nodes; i++)
        {
            double c0 = y[Concentration(i)], c1 = y[Concentration(i + 1)];
            double d0 = _dx[i] / 2, d1 = _dx[i + 1] / 2, d = d0 + d1;
            double k0 = _nodeK[i], k1 = _nodeK[i + 1], t0 = _nodeT[i], t1 = _nodeT[i + 1];
            double kf = Harmonic(k0, d0, k1, d1), kdf = Harmonic(_nodeKd[i], d0, _nodeKd[i + 1], d1), Df = Harmonic(_nodeD[i], d0, _nodeD[i + 1], d1);
            double ie = -kf * (y[ElectrolytePotential(i + 1)] - y[ElectrolytePotential(i)]) / d + kdf * (_nodeLog[i + 1] - _nodeLog[i]) / d;
            double flux = -Df * (c1 - c0) / d + 0.5 * (t0 + t1) * ie / Faraday;
            if (!pinned) { r[Concentration(i)] += flux; r[Concentration(i + 1)] -= flux; }
            r[ElectrolytePotential(i)] += ie;
            r[ElectrolytePotential(i + 1)] -= ie;
        }
        // Lithium-metal boundary (x = 0): all current through Li+; the salt flux there is i_e / F = -I / F. A porous anode
        // instead closes the electrolyte at its current collector (no flux, no ionic current).
        if (_anode is null)
        {
            double ieb = -current;
            double c0 = y[Concentration(0)], d0 = _dx[0] / 2;
            double t0 = _nodeT[0], D0 = _nodeD[0], k0 = _nodeK[0], kd0 = _nodeKd[0];
            double cb = Math.Max(c0 + d0 * (1 - t0) * ieb / (Faraday * D0), 1e-3 * Cell.InitialConcentration);
            double i0 = LithiumExchangeCurrentDensity(cb);
            double phiB = -2 * rtf * Math.Asinh(ieb / (2 * i0)); // phi_Li = 0; stripping (i_e > 0) needs phi_e below it
            double ieDirichlet = -k0 * (y[ElectrolytePotential(0)] - phiB) / d0 + kd0 * (_nodeLog[0] - Math.Log(cb)) / d0;
            if (!pinned) r[Concentration(0)] -= ieb / Faraday;
            r[ElectrolytePotential(0)] -= ieDirichlet;
        }
        // Solid phase: faces within each electrode, no current at the separator, -I at the cathode's collector.
        for (int i = 0; i + 1 < Nodes; i++)
        {
            var e = _electrodeAt[i];
            if (e is null || _electrodeAt[i + 1] != e) continue;
            double d = (_dx[i] + _dx[i + 1]) / 2;
            double isf = -e.SolidConductivity * (y[SolidPotential(i + 1)] - y[SolidPotential(i)]) / d;
            r[SolidPotential(i)] += isf;
            r[SolidPotential(i + 1)] -= isf;
        }
        r[SolidPotential(Nodes - 1)] += -current;
        // The anode's collector (x = 0) is the potential reference, phi_s = 0, rather than a flux condition: the current
        // through it is then -I by the charge balance of the other rows, and the potential level is fixed. The row is
        // outflow minus inflow, and the solid current entering at x = 0 (in +x) is -sigma (phi_s,0 - 0) / (dx/2), so the
        // term is + sigma phi_s,0 / (dx/2): the collector half volume in series, as at the cathode's end.
        if (_anode is not null) r[SolidPotential(0)] += _anode.SolidConductivity * y[SolidPotential(0)] / (_dx[0] / 2);
        // Particles and kinetics.
        for (int i = 0; i < Nodes; i++)
        {
            if (_electrodeAt[i] is not { } e) continue;
            double cmax = e.MaxConcentration;
            double ce = Math.Max(y[Concentration(i)], 1e-6 * Cell.InitialConcentration);
            double dphi = y[SolidPotential(i)] - y[ElectrolytePotential(i)];
            for (int k = 0; k < e.Bins; k++)
            {
                double radius = e.Radii[k];
                int b = Stoichiometry(i, k, 0);
                double j = y[ReactionCurrent(i, k)];
                if (pinned)
                {
                    for (int p = 0; p < _shells; p++) r[b + p] = y[b + p] - history[b + p];
                }
                else
                {
                    double coef = e.DiffusivityFactor / (radius * radius) * Grid.RadialIntervals;
                    for (int p = 0; p < _shells; p++) r[b + p] = _shellVolume[p] * (y[b + p] - history[b + p]) / hBeta;
                    for (int p = 0; p + 1 < _shells; p++)
                    {
                        double xf = 0.5 * (y[b + p] + y[b + p + 1]);
                        double flow = -coef * _faceArea[p] * e.Diffusivity.At(Math.Clamp(xf, 0, 1)) * (y[b + p + 1] - y[b + p]);
                        r[b + p] += flow;
                        r[b + p + 1] -= flow;
                    }
                    r[b + _shells - 1] += 3 * j / (Faraday * cmax * radius);
                }
                double xs = y[b + _shells - 1];
                double xc = Math.Clamp(xs, 1e-14, 1 - 1e-14);
                double i0 = ExchangeCurrentDensity(e, xc, ce);
                double u = e.Ocp.Evaluate(xs, out _);
                // The film carries the reaction current in series with the charge transfer: its ohmic drop j R_f is part of phi_s - phi_e - U.
                r[ReactionCurrent(i, k)] = dphi - u - j * _film[_chainStart[i] + k] - 2 * rtf * Math.Asinh(j / (2 * i0));
            }
        }
    }

    /// <summary>
    /// Solves one BDF step (see <see cref="Residual"/>): returns false when Newton does not converge. <paramref name="y"/>
    /// holds the initial guess on entry and the solution on success. With the previous state as
    /// <paramref name="history"/> and the step length as <paramref name="hBeta"/> this is an implicit Euler step; for BDF2
    /// pass the history combination and the effective step.
    /// </summary>
    public bool Step(double[] y, double[] history, double hBeta, double current, int maxIterations = 25)
    {
        var r = _work;
        var dy = _update;
        bool fresh = false;
        double previous = double.PositiveInfinity;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (!fresh)
            {
                if (!Assemble(y, history, hBeta, current)) return false;
                fresh = true;
            }
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            Residual(y, history, hBeta, current, r);
            for (int q = 0; q < Size; q++) dy[q] = -r[q];
            SolveLinear(dy);
            _newtonTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
            NewtonIterations++;
            double norm = 0;
            for (int q = 0; q < Size; q++)
            {
                if (!double.IsFinite(dy[q])) return false;
                norm = Math.Max(norm, Math.Abs(dy[q]) / _scale[q]);
            }
            // Damp updates that would take a particle node outside (0, 1) or c_e below 0.
            double lambda = BoundedFraction(y, dy);
            for (int q = 0; q < Size; q++) y[q] += lambda * dy[q];
            if (lambda == 1 && Settled(norm, previous)) return true;
            // Diverging from far away (a step past the knee at the end of a discharge, where the current cannot be
            // carried): give up now rather than after maxIterations refreshed Jacobians; the caller shortens the step.
            // The consistent-state solve (hBeta infinite) has no step to shorten and may pass through large updates.
            if (iteration >= 2 && norm > 1 && norm > 2 * previous && double.IsFinite(hBeta)) return false;
            if (norm > 0.5 * previous) fresh = false; // slow: refresh the Jacobian
            previous = norm;
        }
        return false;
    }

    /// <summary>
    /// Newton has converged when the scaled update just applied was below 1e-9, or when the error left after it, bounded
    /// from the contraction of the last two updates (<see cref="NewtonContraction.RemainingError"/>: the Jacobian is kept
    /// while the updates contract, so convergence is linear and the geometric series is the bound that fits), is: this
    /// saves the iteration that only confirmed convergence.
    /// </summary>
    private static bool Settled(double norm, double previous) =>
        norm < 1e-9 || NewtonContraction.RemainingError(norm, double.IsFinite(previous) ? previous : 0) < 1e-9;

    /// <summary>
    /// Solves one BDF step (as <see cref="Step"/>) at imposed cell voltage <paramref name="voltage"/> (V, as
    /// <see cref="Voltage"/> measures it): the applied current density is then an unknown, on entry its first guess and on
    /// success the solution (A/m^2, positive on charge). Bordered Newton on (y, I): with R(y, I) the residual and
    /// g = V(y, I) - voltage, each iteration solves J u = -R and J w = dR/dI with the same factorised Jacobian J = dR/dy,
    /// then dI = (-g - dV/dy u) / (dV/dI - dV/dy w) and dy = u - w dI. The current enters only the boundary rows (the
    /// cathode collector and, in a half cell, the lithium-metal rows), whose derivatives <see cref="CurrentDerivative"/>
    /// gives analytically. Returns false when Newton does not converge.
    /// </summary>
    public bool StepAtVoltage(double[] y, double[] history, double hBeta, double voltage, ref double current, int maxIterations = 25)
    {
        var r = _work;
        var u = _update;
        var w = _currentResponse;
        int last = Nodes - 1, voltageRow = SolidPotential(last);
        double voltagePerCurrent = _dx[last] / 2 / Cell.SolidConductivity; // d Voltage / dI at fixed y (the collector half-volume)
        double currentScale = Math.Max(Cell.ExchangeCurrent, 1e-3);
        double unknownCurrent = current;
        bool fresh = false;
        double previous = double.PositiveInfinity;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (!fresh)
            {
                if (!Assemble(y, history, hBeta, unknownCurrent)) return false;
                fresh = true;
            }
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            Residual(y, history, hBeta, unknownCurrent, r);
            if (FiniteDifferenceJacobian)
            {
                double dI = 1e-7 * Math.Max(Math.Abs(unknownCurrent), currentScale);
                Residual(y, history, hBeta, unknownCurrent + dI, _perturbed);
                for (int q = 0; q < Size; q++) w[q] = (_perturbed[q] - r[q]) / dI;
            }
            else CurrentDerivative(y, hBeta, unknownCurrent, w);
            for (int q = 0; q < Size; q++) u[q] = -r[q];
            SolveLinear(u);
            SolveLinear(w);
            _newtonTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
            NewtonIterations++;
            double g = Voltage(y, unknownCurrent) - voltage;
            double denominator = voltagePerCurrent - w[voltageRow];
            double currentUpdate = (-g - u[voltageRow]) / denominator;
            if (!double.IsFinite(currentUpdate)) return false;
            double norm = Math.Abs(currentUpdate) / currentScale;
            for (int q = 0; q < Size; q++)
            {
                u[q] -= w[q] * currentUpdate;
                if (!double.IsFinite(u[q])) return false;
                norm = Math.Max(norm, Math.Abs(u[q]) / _scale[q]);
            }
            double lambda = BoundedFraction(y, u);
            for (int q = 0; q < Size; q++) y[q] += lambda * u[q];
            unknownCurrent += lambda * currentUpdate;
            if (lambda == 1 && Settled(norm, previous)) { current = unknownCurrent; return true; }
            if (iteration >= 2 && norm > 1 && norm > 2 * previous && double.IsFinite(hBeta)) return false;
            if (norm > 0.5 * previous) fresh = false;
            previous = norm;
        }
        return false;
    }

    /// <summary>
    /// Share of the Newton update <paramref name="dy"/> that keeps every particle node inside (0, 1) and c_e positive
    /// (<see cref="Step"/> and <see cref="StepAtVoltage"/> both damp by it).
    /// </summary>
    private double BoundedFraction(double[] y, double[] dy)
    {
        double lambda = 1;
        for (int i = 0; i < Nodes; i++)
            for (int k = 0, bins = _electrodeAt[i]?.Bins ?? 0; k < bins; k++)
                for (int p = 0; p < _shells; p++)
                {
                    int q = Stoichiometry(i, k, p);
                    double next = y[q] + dy[q];
                    if (next <= 0) lambda = Math.Min(lambda, 0.9 * y[q] / -dy[q]);
                    else if (next >= 1) lambda = Math.Min(lambda, 0.9 * (1 - y[q]) / dy[q]);
                }
        for (int i = 0; i < Nodes; i++)
        {
            int q = Concentration(i);
            if (y[q] + dy[q] <= 0) lambda = Math.Min(lambda, 0.5 * y[q] / -dy[q]);
        }
        return lambda;
    }

    /// <summary>Size of unknown <paramref name="q"/> for the Newton norm and the finite-difference steps (tabulated in <see cref="_scale"/>).</summary>
    private double ComputeScale(int q)
    {
        int node = Array.BinarySearch(_offset, q);
        if (node < 0) node = ~node - 1;
        int local = q - _offset[node];
        if (local == 0) return Cell.InitialConcentration;
        if (local < 3) return 1.0;                      // V
        if ((local - 3) % (_shells + 1) == _shells) return Math.Max(Cell.ExchangeCurrent, 1e-3); // A/m^2
        return 1.0;                                     // stoichiometry
    }

    /// <summary>
    /// The rows each unknown enters in <see cref="Residual"/>, read off its terms: c_e and phi_e enter the electrolyte
    /// rows of their own and both neighbouring volumes (face fluxes) and the kinetics rows of their volume; phi_s its
    /// neighbours' phi_s rows and the kinetics rows; a stoichiometry its radial neighbours (and, at the surface, the
    /// kinetics row); j the c_e, phi_e and phi_s rows of its volume, the surface shell and its own row.
    /// </summary>
    private int[][] BuildColumnRows()
    {
        var rows = new int[Size][];
        var list = new List<int>();
        for (int i = 0; i < Nodes; i++)
        {
            var e = _electrodeAt[i];
            int bins = e?.Bins ?? 0;
            list.Clear();
            for (int m = Math.Max(0, i - 1); m <= Math.Min(Nodes - 1, i + 1); m++) { list.Add(Concentration(m)); list.Add(ElectrolytePotential(m)); }
            for (int k = 0; k < bins; k++) list.Add(ReactionCurrent(i, k));
            rows[Concentration(i)] = list.ToArray();
            rows[ElectrolytePotential(i)] = list.ToArray();
            if (e is null) continue;
            list.Clear();
            for (int m = Math.Max(0, i - 1); m <= Math.Min(Nodes - 1, i + 1); m++) if (_electrodeAt[m] == e) list.Add(SolidPotential(m));
            for (int k = 0; k < bins; k++) list.Add(ReactionCurrent(i, k));
            rows[SolidPotential(i)] = list.ToArray();
            for (int k = 0; k < bins; k++)
            {
                for (int p = 0; p < _shells; p++)
                {
                    list.Clear();
                    for (int m = Math.Max(0, p - 1); m <= Math.Min(_shells - 1, p + 1); m++) list.Add(Stoichiometry(i, k, m));
                    if (p == _shells - 1) list.Add(ReactionCurrent(i, k));
                    rows[Stoichiometry(i, k, p)] = list.ToArray();
                }
                rows[ReactionCurrent(i, k)] = [Concentration(i), ElectrolytePotential(i), SolidPotential(i), Stoichiometry(i, k, _shells - 1), ReactionCurrent(i, k)];
            }
        }
        return rows;
    }

    /// <summary>Greedy grouping: each column joins the first group none of whose columns shares a row with it.</summary>
    private static int[][] Colour(int[][] columnRows, int size)
    {
        var groups = new List<List<int>>();
        var taken = new List<bool[]>();
        for (int col = 0; col < size; col++)
        {
            int g = 0;
            for (; g < groups.Count; g++)
            {
                bool free = true;
                foreach (int row in columnRows[col]) if (taken[g][row]) { free = false; break; }
                if (free) break;
            }
            if (g == groups.Count) { groups.Add([]); taken.Add(new bool[size]); }
            groups[g].Add(col);
            foreach (int row in columnRows[col]) taken[g][row] = true;
        }
        return groups.Select(x => x.ToArray()).ToArray();
    }

    private bool Assemble(double[] y, double[] history, double hBeta, double current)
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        FillJacobian(y, history, hBeta, current);
        Factorisations++;
        long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
        _assemblyTicks += t1 - t0;
        bool ok = CondenseParticles && FactorCondensed();
        if (!ok)
        {
            // A chain without a safe pivot (or condensation switched off): the full banded LU with partial pivoting.
            _condensed = false;
            FullFactorisations++;
            _jacobian.Clear();
            for (int col = 0; col < Size; col++)
            {
                var rows = _columnRows[col];
                for (int t = 0; t < rows.Length; t++)
                    if (_columnValues[col][t] != 0) _jacobian.Add(rows[t], col, _columnValues[col][t]);
            }
            ok = _jacobian.Factor();
        }
        _factorTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t1;
        return ok;
    }

    /// <summary>The Jacobian of <see cref="Residual"/> into <see cref="_columnValues"/> (no factorisation): analytic, or by finite differences where <see cref="FiniteDifferenceJacobian"/> asks for them.</summary>
    private void FillJacobian(double[] y, double[] history, double hBeta, double current)
    {
        if (FiniteDifferenceJacobian) AssembleFiniteDifference(y, history, hBeta, current);
        else AssembleAnalytic(y, hBeta, current);
    }

    /// <summary>The Jacobian by finite differences of <see cref="Residual"/>, one residual per column group.</summary>
    private void AssembleFiniteDifference(double[] y, double[] history, double hBeta, double current)
    {
        Residual(y, history, hBeta, current, _base);
        // Columns of one group share no row, so one perturbed residual gives all their entries; the entries equal
        // those of column-by-column differences bit for bit (every row sees exactly one perturbed unknown).
        foreach (var group in _colourColumns)
        {
            Array.Copy(y, _perturbed, Size);
            foreach (int col in group)
            {
                _perturbed[col] = y[col] + 1e-7 * Math.Max(Math.Abs(y[col]), _scale[col]);
                _step[col] = _perturbed[col] - y[col];
            }
            Residual(_perturbed, history, hBeta, current, _work);
            foreach (int col in group)
            {
                var rows = _columnRows[col];
                var values = _columnValues[col];
                for (int t = 0; t < rows.Length; t++) values[t] = (_work[rows[t]] - _base[rows[t]]) / _step[col];
            }
        }
    }

    /// <summary>
    /// Coefficient m_q of the storage term of row q in <see cref="Residual"/>, m_q (y_q - history_q) / hBeta: eps dx for
    /// c_e, the shell's share of the particle volume for a stoichiometry, 0 for the algebraic unknowns.
    /// </summary>
    public double StorageCoefficient(int index)
    {
        if (!IsDifferential(index)) return 0;
        int node = Array.BinarySearch(_offset, index);
        if (node < 0) node = ~node - 1;
        int local = index - _offset[node];
        return local == 0 ? _eps[node] * _dx[node] : _shellVolume[(local - 3) % (_shells + 1)];
    }

    /// <summary>
    /// The small-signal form of the model around state <paramref name="y"/> at applied current density
    /// <paramref name="current"/>: the residual is M dy/dt + F(y, I) = 0 with M diagonal (<see cref="StorageCoefficient"/>);
    /// this returns J = dF/dy (the Newton Jacobian, analytic unless FiniteDifferenceJacobian is set, with the storage terms
    /// switched off by an infinite-in-effect step, hBeta = 1e30, and the history equal to y), M, and dF/dI split into the
    /// collector row (exactly -1 in the cathode's phi_s row at x = L) and the lithium-metal boundary rows (c_e and phi_e of
    /// the first volume; a forward difference in I), with the lithium-metal
    /// charge-transfer resistance and the voltage's derivatives. Nothing else of the system changes (no factorisation).
    /// </summary>
    public DfnLinearisation Linearise(double[] y, double current)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != Size) throw new ArgumentException($"expected {Size} entries, got {y.Length}", nameof(y));
        var history = (double[])y.Clone();
        const double hBeta = 1e30;
        FillJacobian(y, history, hBeta, current);
        var values = new double[Size][];
        for (int q = 0; q < Size; q++) values[q] = (double[])_columnValues[q].Clone();
        var storage = new double[Size];
        for (int q = 0; q < Size; q++) storage[q] = StorageCoefficient(q);
        var r0 = new double[Size];
        var r1 = new double[Size];
        Residual(y, history, hBeta, current, r0);
        double dI = 1e-7 * Math.Max(Math.Abs(current), Math.Max(Cell.ExchangeCurrent, 1e-3));
        Residual(y, history, hBeta, current + dI, r1);
        var collector = new double[Size];
        var lithium = new double[Size];
        int collectorRow = SolidPotential(Nodes - 1);
        for (int q = 0; q < Size; q++)
        {
            double d = (r1[q] - r0[q]) / dI;
            bool lithiumRow = _anode is null && (q == Concentration(0) || q == ElectrolytePotential(0));
            if (lithiumRow) lithium[q] = d;
            else if (q == collectorRow) collector[q] = -1; // r[phi_s(L)] += -I, linear
            else if (d != 0) throw new InvalidOperationException($"the current enters row {q}, which is neither a boundary row");
        }
        double chargeTransfer = 0;
        if (_anode is null)
        {
            // At the lithium metal, phi_B = -2 RT/F asinh(i_e / 2 i0): d phi_B / d i_e = -2 RT/F / sqrt(4 i0^2 + i_e^2).
            double c0 = y[Concentration(0)], rtf = PhysicalConstants.Gas * Temperature / Faraday;
            double i0 = LithiumExchangeCurrentDensity(Math.Max(c0, 1e-3 * Cell.InitialConcentration));
            chargeTransfer = 2 * rtf / Math.Sqrt(4 * i0 * i0 + current * current);
        }
        return new DfnLinearisation(_columnRows, values, storage, collector, lithium, chargeTransfer, collectorRow,
            _dx[Nodes - 1] / 2 / Cell.SolidConductivity, Bandwidth);
    }

    /// <summary>Adds <paramref name="value"/> to the Jacobian entry (<paramref name="row"/>, <paramref name="col"/>), a structural nonzero.</summary>
    private void Add(int row, int col, double value)
    {
        var rows = _columnRows[col];
        for (int t = 0; t < rows.Length; t++)
            if (rows[t] == row) { _columnValues[col][t] += value; return; }
        throw new InvalidOperationException($"Jacobian entry ({row}, {col}) is outside the structural pattern");
    }

    /// <summary>
    /// Electrolyte properties at one volume and their derivatives in c: the Bruggeman-corrected conductivity k, the
    /// diffusional conductivity kd = 2 RT/F k (1 - t+) TDF and diffusivity D, and t+.
    /// </summary>
    private void Properties(int node, double c, double rtf, out double k, out double dk, out double kd, out double dkd,
        out double D, out double dD, out double t, out double dt)
    {
        var el = Cell.Electrolyte;
        double T = Temperature, f = _bruggFactor[node];
        k = f * el.Conductivity(c, T);
        dk = f * el.ConductivitySlope(c, T);
        t = el.Transference(c, T);
        dt = el.TransferenceSlope(c, T);
        double tdf = el.ThermodynamicFactor(c, T), dtdf = el.ThermodynamicFactorSlope(c, T);
        kd = 2 * rtf * k * (1 - t) * tdf;
        dkd = 2 * rtf * (dk * (1 - t) * tdf - k * dt * tdf + k * (1 - t) * dtdf);
        D = f * el.Diffusivity(c, T);
        dD = f * el.DiffusivitySlope(c, T);
    }

    /// <summary>d Harmonic(a, da, b, db) / da, given the mean <paramref name="mean"/> and da + db = <paramref name="d"/>.</summary>
    private static double HarmonicSlope(double mean, double a, double da, double d) => mean * mean * da / (a * a * d);

    /// <summary>
    /// The analytic Jacobian dR/dy of <see cref="Residual"/> (the same terms in the same order, each differentiated;
    /// a clamp contributes 0 on its clamped side, as the residual is flat there) into <see cref="_columnValues"/>.
    /// The history enters the residual only as a constant, so it is not needed.
    /// </summary>
    private void AssembleAnalytic(ReadOnlySpan<double> y, double hBeta, double current)
    {
        for (int q = 0; q < Size; q++) Array.Clear(_columnValues[q]);
        double rtf = PhysicalConstants.Gas * Temperature / Faraday;
        bool pinned = double.IsPositiveInfinity(hBeta);
        // Electrolyte: storage and volumetric sources.
        for (int i = 0; i < Nodes; i++)
        {
            int ic = Concentration(i), ip = ElectrolytePotential(i);
            Add(ic, ic, pinned ? 1 : _eps[i] * _dx[i] / hBeta);
            if (_electrodeAt[i] is not { } e) continue;
            int isx = SolidPotential(i);
            for (int k = 0; k < e.Bins; k++)
            {
                int jq = ReactionCurrent(i, k);
                double s = e.AreaPerVolume[k] * _dx[i];
                if (!pinned) Add(ic, jq, -s / Faraday);
                Add(ip, jq, -s);
                Add(isx, jq, s);
            }
        }
        // Electrolyte faces: ie(c0, c1, phi0, phi1) and the salt flux.
        for (int i = 0; i < Nodes; i++)
        {
            double c = y[Concentration(i)];
            Properties(i, c, rtf, out _nodeK[i], out _nodeDk[i], out _nodeKd[i], out _nodeDkd[i], out _nodeD[i], out _nodeDD[i], out _nodeT[i], out _nodeDt[i]);
            _nodeLog[i] = Math.Log(c);
        }
        for (int i = 0; i + 1 < Nodes; i++)
        {
            int ic0 = Concentration(i), ic1 = Concentration(i + 1), ip0 = ElectrolytePotential(i), ip1 = ElectrolytePotential(i + 1);
            double c0 = y[ic0], c1 = y[ic1];
            double d0 = _dx[i] / 2, d1 = _dx[i + 1] / 2, d = d0 + d1;
            double k0 = _nodeK[i], dk0 = _nodeDk[i], kd0 = _nodeKd[i], dkd0 = _nodeDkd[i], D0 = _nodeD[i], dD0 = _nodeDD[i], t0 = _nodeT[i], dt0 = _nodeDt[i];
            double k1 = _nodeK[i + 1], dk1 = _nodeDk[i + 1], kd1 = _nodeKd[i + 1], dkd1 = _nodeDkd[i + 1], D1 = _nodeD[i + 1], dD1 = _nodeDD[i + 1], t1 = _nodeT[i + 1], dt1 = _nodeDt[i + 1];
            double kf = Harmonic(k0, d0, k1, d1), kdf = Harmonic(kd0, d0, kd1, d1), Df = Harmonic(D0, d0, D1, d1);
            double kf0 = HarmonicSlope(kf, k0, d0, d) * dk0, kf1 = HarmonicSlope(kf, k1, d1, d) * dk1;
            double kdf0 = HarmonicSlope(kdf, kd0, d0, d) * dkd0, kdf1 = HarmonicSlope(kdf, kd1, d1, d) * dkd1;
            double Df0 = HarmonicSlope(Df, D0, d0, d) * dD0, Df1 = HarmonicSlope(Df, D1, d1, d) * dD1;
            double dphi = y[ip1] - y[ip0], dlog = _nodeLog[i + 1] - _nodeLog[i];
            double ie = -kf * dphi / d + kdf * dlog / d;
            double ieC0 = (-kf0 * dphi + kdf0 * dlog - kdf / c0) / d, ieC1 = (-kf1 * dphi + kdf1 * dlog + kdf / c1) / d;
            double ieP0 = kf / d, ieP1 = -kf / d;
            Add(ip0, ic0, ieC0); Add(ip0, ic1, ieC1); Add(ip0, ip0, ieP0); Add(ip0, ip1, ieP1);
            Add(ip1, ic0, -ieC0); Add(ip1, ic1, -ieC1); Add(ip1, ip0, -ieP0); Add(ip1, ip1, -ieP1);
            if (pinned) continue;
            double tm = 0.5 * (t0 + t1) / Faraday;
            double fC0 = -Df0 * (c1 - c0) / d + Df / d + 0.5 * dt0 * ie / Faraday + tm * ieC0;
            double fC1 = -Df1 * (c1 - c0) / d - Df / d + 0.5 * dt1 * ie / Faraday + tm * ieC1;
            double fP0 = tm * ieP0, fP1 = tm * ieP1;
            Add(ic0, ic0, fC0); Add(ic0, ic1, fC1); Add(ic0, ip0, fP0); Add(ic0, ip1, fP1);
            Add(ic1, ic0, -fC0); Add(ic1, ic1, -fC1); Add(ic1, ip0, -fP0); Add(ic1, ip1, -fP1);
        }
        // Lithium-metal boundary: r[phi_e(0)] -= ieDirichlet(c0, phi_e0).
        if (_anode is null)
        {
            var b = LithiumBoundary(y, current, rtf);
            Add(ElectrolytePotential(0), Concentration(0), -b.DC);
            Add(ElectrolytePotential(0), ElectrolytePotential(0), -b.DPhi);
        }
        // Solid phase faces, the anode collector.
        for (int i = 0; i + 1 < Nodes; i++)
        {
            var e = _electrodeAt[i];
            if (e is null || _electrodeAt[i + 1] != e) continue;
            double g = e.SolidConductivity / ((_dx[i] + _dx[i + 1]) / 2);
            int s0 = SolidPotential(i), s1 = SolidPotential(i + 1);
            Add(s0, s0, g); Add(s0, s1, -g);
            Add(s1, s0, -g); Add(s1, s1, g);
        }
        if (_anode is not null) Add(SolidPotential(0), SolidPotential(0), _anode.SolidConductivity / (_dx[0] / 2));
        // Particles and kinetics.
        for (int i = 0; i < Nodes; i++)
        {
            if (_electrodeAt[i] is not { } e) continue;
            int ic = Concentration(i), ip = ElectrolytePotential(i), isx = SolidPotential(i);
            double cmax = e.MaxConcentration, floor = 1e-6 * Cell.InitialConcentration;
            double ce = Math.Max(y[ic], floor), dce = y[ic] > floor ? 1 : 0;
            for (int k = 0; k < e.Bins; k++)
            {
                double radius = e.Radii[k];
                int b = Stoichiometry(i, k, 0), jq = ReactionCurrent(i, k);
                double j = y[jq];
                if (pinned)
                {
                    for (int p = 0; p < _shells; p++) Add(b + p, b + p, 1);
                }
                else
                {
                    double coef = e.DiffusivityFactor / (radius * radius) * Grid.RadialIntervals;
                    for (int p = 0; p < _shells; p++) Add(b + p, b + p, _shellVolume[p] / hBeta);
                    for (int p = 0; p + 1 < _shells; p++)
                    {
                        double xf = 0.5 * (y[b + p] + y[b + p + 1]);
                        double xc = Math.Clamp(xf, 0, 1);
                        double D = e.Diffusivity.Evaluate(xc, out double dD);
                        if (!(xf > 0 && xf < 1)) dD = 0;
                        double g = coef * _faceArea[p], delta = y[b + p + 1] - y[b + p];
                        // flow = -g D(xf) delta
                        double fLo = -g * (0.5 * dD * delta - D), fHi = -g * (0.5 * dD * delta + D);
                        Add(b + p, b + p, fLo); Add(b + p, b + p + 1, fHi);
                        Add(b + p + 1, b + p, -fLo); Add(b + p + 1, b + p + 1, -fHi);
                    }
                    Add(b + _shells - 1, jq, 3 / (Faraday * cmax * radius));
                }
                int sq = b + _shells - 1;
                double xs = y[sq];
                double xsc = Math.Clamp(xs, 1e-14, 1 - 1e-14), dxsc = xs > 1e-14 && xs < 1 - 1e-14 ? 1 : 0;
                double i0 = ExchangeCurrentDensity(e, xsc, ce);
                e.Ocp.Evaluate(xs, out double slope);
                double z = j / (2 * i0), root = Math.Sqrt(1 + z * z);
                // r = dphi - u(xs) - j R_f - 2 rtf asinh(j / (2 i0)); d asinh / d i0 = -z / (i0 root), d asinh / dj = 1 / (2 i0 root).
                double byI0 = 2 * rtf * z / (i0 * root);
                Add(jq, isx, 1);
                Add(jq, ip, -1);
                Add(jq, sq, -slope + byI0 * i0 * (1 - 2 * xsc) / (2 * xsc * (1 - xsc)) * dxsc);
                Add(jq, ic, byI0 * i0 / (2 * ce) * dce);
                Add(jq, jq, -_film[_chainStart[i] + k] - 2 * rtf / (2 * i0 * root)); // the film's j R_f and the charge transfer
            }
        }
    }

    /// <summary>
    /// The lithium-metal boundary's Dirichlet ionic current (as <see cref="Residual"/> computes it) differentiated in
    /// c_e(0), phi_e(0) and the applied current I.
    /// </summary>
    private (double DC, double DPhi, double DI) LithiumBoundary(ReadOnlySpan<double> y, double current, double rtf)
    {
        double ieb = -current;
        double c0 = y[Concentration(0)], d0 = _dx[0] / 2, phi0 = y[ElectrolytePotential(0)];
        Properties(0, c0, rtf, out double k0, out double dk0, out double kd0, out double dkd0, out double D0, out double dD0, out double t0, out double dt0);
        double raw = c0 + d0 * (1 - t0) * ieb / (Faraday * D0), floor = 1e-3 * Cell.InitialConcentration;
        double cb = Math.Max(raw, floor);
        bool open = raw > floor;
        double cbC = open ? 1 + d0 * ieb / Faraday * (-dt0 * D0 - (1 - t0) * dD0) / (D0 * D0) : 0;
        double cbI = open ? -d0 * (1 - t0) / (Faraday * D0) : 0; // d cb / dI, ieb = -I
        double i0 = LithiumExchangeCurrentDensity(cb);
        double z = ieb / (2 * i0), root = Math.Sqrt(1 + z * z);
        double phiB = -2 * rtf * Math.Asinh(z);
        double phiBI0 = 2 * rtf * z / (i0 * root), i0Cb = i0 / (2 * cb);
        double phiBC = phiBI0 * i0Cb * cbC;
        double phiBI = 2 * rtf / (2 * i0 * root) + phiBI0 * i0Cb * cbI; // d phiB / d ieb = -2 rtf / (2 i0 root), ieb = -I
        double dlog = Math.Log(c0) - Math.Log(cb);
        double dc = (-dk0 * (phi0 - phiB) + k0 * phiBC + dkd0 * dlog + kd0 * (1 / c0 - cbC / cb)) / d0;
        double dphi = -k0 / d0;
        double di = (k0 * phiBI - kd0 * cbI / cb) / d0;
        return (dc, dphi, di);
    }

    /// <summary>dR/dI of <see cref="Residual"/> into <paramref name="w"/>: the collector row and the lithium-metal rows.</summary>
    private void CurrentDerivative(ReadOnlySpan<double> y, double hBeta, double current, Span<double> w)
    {
        w.Clear();
        w[SolidPotential(Nodes - 1)] = -1;
        if (_anode is not null) return;
        if (!double.IsPositiveInfinity(hBeta)) w[Concentration(0)] = 1 / Faraday; // r -= ieb / F, ieb = -I
        w[ElectrolytePotential(0)] = -LithiumBoundary(y, current, PhysicalConstants.Gas * Temperature / Faraday).DI;
    }

    private double Entry(int row, int col)
    {
        var rows = _columnRows[col];
        for (int t = 0; t < rows.Length; t++) if (rows[t] == row) return _columnValues[col][t];
        return 0;
    }

    private int Core(int node, int t) => t == 0 ? Concentration(node) : t == 1 ? ElectrolytePotential(node) : SolidPotential(node);

    /// <summary>
    /// Eliminates the particle chains (Thomas forward sweep, no pivoting) and factorises the reduced system
    /// A_uu - sum over chains of J[u, j] J[j, u] / d_last, where d_last is the chain's last pivot (1 / (P^-1)_jj).
    /// False when a pivot is not safely away from zero (the caller then uses the full pivoted LU).
    /// </summary>
    private bool FactorCondensed()
    {
        _reduced.Clear();
        for (int q = 0; q < Size; q++)
        {
            if (_core[q] < 0) continue;
            var rows = _columnRows[q];
            for (int t = 0; t < rows.Length; t++)
                if (_core[rows[t]] >= 0 && _columnValues[q][t] != 0) _reduced.Add(_core[rows[t]], _core[q], _columnValues[q][t]);
        }
        int links = _shells + 1;
        for (int i = 0; i < Nodes; i++)
            for (int k = 0, bins = _electrodeAt[i]?.Bins ?? 0; k < bins; k++)
            {
                int m = _chainStart[i] + k, o = m * links, b = Stoichiometry(i, k, 0);
                double pivot = Entry(b, b);
                _chainPivot[o] = pivot;
                _chainUpper[o] = Entry(b, b + 1);
                for (int p = 1; p < links; p++)
                {
                    double l = Entry(b + p, b + p - 1) / _chainPivot[o + p - 1];
                    double diagonal = Entry(b + p, b + p), fill = l * _chainUpper[o + p - 1];
                    pivot = diagonal - fill;
                    if (!(Math.Abs(pivot) > 1e-10 * (Math.Abs(diagonal) + Math.Abs(fill)))) return false;
                    _chainLower[o + p] = l;
                    _chainPivot[o + p] = pivot;
                    _chainUpper[o + p] = p + 1 < links ? Entry(b + p, b + p + 1) : 0;
                }
                if (!(Math.Abs(_chainPivot[o]) > 0) || !double.IsFinite(pivot)) return false;
                int j = b + _shells;
                for (int t = 0; t < 3; t++) { _chainIn[m * 3 + t] = Entry(j, Core(i, t)); _chainOut[m * 3 + t] = Entry(Core(i, t), j); }
                for (int a = 0; a < 3; a++)
                    for (int c = 0; c < 3; c++)
                    {
                        double v = _chainOut[m * 3 + a] * _chainIn[m * 3 + c] / pivot;
                        if (v != 0) _reduced.Add(_core[Core(i, a)], _core[Core(i, c)], -v);
                    }
            }
        _condensed = true;
        return _reduced.Factor();
    }

    /// <summary>Solves J dy = b in place with the factors of the last assembly.</summary>
    private void SolveLinear(double[] b)
    {
        if (!_condensed) { _jacobian.Solve(b); return; }
        int links = _shells + 1;
        // Forward sweeps along the chains; the last entry, divided by its pivot, feeds the volume's equations.
        for (int i = 0; i < Nodes; i++)
            for (int k = 0, bins = _electrodeAt[i]?.Bins ?? 0; k < bins; k++)
            {
                int m = _chainStart[i] + k, o = m * links, s = Stoichiometry(i, k, 0);
                for (int p = 1; p < links; p++) b[s + p] -= _chainLower[o + p] * b[s + p - 1];
                double z = b[s + links - 1] / _chainPivot[o + links - 1];
                for (int t = 0; t < 3; t++) b[Core(i, t)] -= _chainOut[m * 3 + t] * z;
            }
        for (int q = 0; q < Size; q++) if (_core[q] >= 0) _reducedRhs[_core[q]] = b[q];
        _reduced.Solve(_reducedRhs);
        for (int q = 0; q < Size; q++) if (_core[q] >= 0) b[q] = _reducedRhs[_core[q]];
        // Back substitution along the chains, with the volume's unknowns now known.
        for (int i = 0; i < Nodes; i++)
            for (int k = 0, bins = _electrodeAt[i]?.Bins ?? 0; k < bins; k++)
            {
                int m = _chainStart[i] + k, o = m * links, s = Stoichiometry(i, k, 0), last = s + links - 1;
                double w = b[last];
                for (int t = 0; t < 3; t++) w -= _chainIn[m * 3 + t] * b[Core(i, t)];
                b[last] = w / _chainPivot[o + links - 1];
                for (int p = links - 2; p >= 0; p--) b[s + p] = (b[s + p] - _chainUpper[o + p] * b[s + p + 1]) / _chainPivot[o + p];
            }
    }
}
