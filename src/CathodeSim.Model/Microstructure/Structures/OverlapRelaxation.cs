using System.Runtime.CompilerServices;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// Spheres in a box periodic in all three directions, and the sweep that pushes overlapping pairs apart. Each pair is
/// found once, from its larger sphere, through a cell list: a sphere of radius R_i only looks at cells within 2 R_i of
/// its own (a smaller partner is nearer than R_i + R_j &lt;= 2 R_i), so small spheres, the many, scan few cells and the
/// cost of a sweep is O(N) for any size ratio. A sweep moves each overlapping pair apart along its centre line by its
/// whole overlap (Gauss-Seidel: later pairs see the moves of earlier ones), half each: not in inverse proportion to the
/// volumes, since a small grain wedged between two large ones must push them apart rather than rattle between them
/// (with mass weights the growth of such a packing stalls within a few per cent of its start). Single-threaded, so the result is fixed by the input.
/// </summary>
internal sealed class OverlapRelaxation
{
    private readonly double[] _x, _y, _z, _nominal, _radius;
    private readonly double _lx, _ly, _lz;
    private readonly int _ncx, _ncy, _ncz;
    private readonly double _hx, _hy, _hz;
    private readonly int[] _cellStart, _cellItems, _cellOf;

    public OverlapRelaxation(double[] x, double[] y, double[] z, double[] nominalRadii, double lx, double ly, double lz)
    {
        _x = x;
        _y = y;
        _z = z;
        _nominal = nominalRadii;
        _radius = new double[x.Length];
        _lx = lx;
        _ly = ly;
        _lz = lz;
        // About one sphere per cell: small spheres then scan 27 cells, large ones proportionally more.
        double spacing = Math.Cbrt(lx * ly * lz / Math.Max(1, x.Length));
        _ncx = Math.Max(1, (int)(lx / spacing));
        _ncy = Math.Max(1, (int)(ly / spacing));
        _ncz = Math.Max(1, (int)(lz / spacing));
        _hx = lx / _ncx;
        _hy = ly / _ncy;
        _hz = lz / _ncz;
        _cellStart = new int[_ncx * _ncy * _ncz + 1];
        _cellItems = new int[x.Length];
        _cellOf = new int[x.Length];
    }

    /// <summary>Number of spheres.</summary>
    public int Count => _x.Length;

    /// <summary>Current radii, m.</summary>
    public ReadOnlySpan<double> Radii => _radius;

    /// <summary>Sets every radius to <paramref name="scale"/> times its nominal radius.</summary>
    public void Scale(double scale)
    {
        for (int i = 0; i < _radius.Length; i++) _radius[i] = scale * _nominal[i];
    }

    /// <summary>
    /// One sweep that pushes each overlapping pair apart along its centre line until a gap of
    /// <paramref name="separation"/> times the smaller radius opens (so that the small moves of later pairs do not at
    /// once close it again), half each; returns the largest relative overlap
    /// (R_i + R_j - d) / min(R_i, R_j) met, each pair measured when it is reached.
    /// </summary>
    public double Relax(double separation)
    {
        var push = new Push(this, separation);
        ForEachOverlappingPair(ref push);
        return push.MaxRelative;
    }

    /// <summary>The largest relative overlap (R_i + R_j - d) / min(R_i, R_j) of the current configuration (no moves).</summary>
    public double MaxRelativeOverlap()
    {
        var measure = new Measure(0);
        ForEachOverlappingPair(ref measure);
        return measure.MaxRelative;
    }

    /// <summary>
    /// The largest factor f &lt;= 1 by which all radii may be multiplied so that no pair overlaps by more than
    /// <paramref name="limit"/> times its smaller radius: f = min over pairs of d / (R_i + R_j - limit min(R_i, R_j)).
    /// </summary>
    public double ShrinkToOverlapLimit(double limit)
    {
        var measure = new Measure(limit);
        ForEachOverlappingPair(ref measure);
        return measure.Factor;
    }

    private interface IPairVisitor
    {
        /// <summary>Pair (i, j), R_j &lt;= R_i, centre offset (dx, dy, dz) from i to j, distance d &lt; R_i + R_j.</summary>
        void Visit(int i, int j, double ri, double rj, double dx, double dy, double dz, double d);
    }

    private struct Measure(double limit) : IPairVisitor
    {
        public double MaxRelative = 0;
        public double Factor = 1;

        public void Visit(int i, int j, double ri, double rj, double dx, double dy, double dz, double d)
        {
            MaxRelative = Math.Max(MaxRelative, (ri + rj - d) / rj);
            // A hair inside the limit, so that rounding in the caller's own check cannot put a pair above it.
            double allowed = ri + rj - (1 - 1e-9) * limit * rj;
            if (allowed > d) Factor = Math.Min(Factor, d / allowed);
        }
    }

    private struct Push(OverlapRelaxation owner, double separation) : IPairVisitor
    {
        public double MaxRelative = 0;

        public void Visit(int i, int j, double ri, double rj, double dx, double dy, double dz, double d)
        {
            double overlap = ri + rj - d;
            MaxRelative = Math.Max(MaxRelative, overlap / rj);
            double nx = 0, ny = 0, nz = 1;
            if (d > 0)
            {
                nx = dx / d;
                ny = dy / d;
                nz = dz / d;
            }
            double shiftI = 0.5 * (overlap + separation * rj), shiftJ = shiftI;
            double[] x = owner._x, y = owner._y, z = owner._z;
            x[i] = Wrap(x[i] - nx * shiftI, owner._lx);
            y[i] = Wrap(y[i] - ny * shiftI, owner._ly);
            z[i] = Wrap(z[i] - nz * shiftI, owner._lz);
            x[j] = Wrap(x[j] + nx * shiftJ, owner._lx);
            y[j] = Wrap(y[j] + ny * shiftJ, owner._ly);
            z[j] = Wrap(z[j] + nz * shiftJ, owner._lz);
        }
    }

    /// <summary>Every overlapping pair once, from its larger sphere (ties: from the lower index), in sphere order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForEachOverlappingPair<TVisitor>(ref TVisitor visitor) where TVisitor : struct, IPairVisitor
    {
        BuildCells();
        double halfX = _lx / 2, halfY = _ly / 2, halfZ = _lz / 2;
        for (int i = 0; i < _x.Length; i++)
        {
            double ri = _radius[i];
            int cell = _cellOf[i];
            int cx = cell % _ncx, cy = cell / _ncx % _ncy, cz = cell / (_ncx * _ncy);
            int reachX = (int)(2 * ri / _hx) + 1, reachY = (int)(2 * ri / _hy) + 1, reachZ = (int)(2 * ri / _hz) + 1;
            int spanX = Math.Min(2 * reachX + 1, _ncx), spanY = Math.Min(2 * reachY + 1, _ncy), spanZ = Math.Min(2 * reachZ + 1, _ncz);
            // A span as wide as the grid starts at cell 0, so every cell index below lies within one grid length of it
            // and wraps with one comparison (an integer division per cell would cost more than the distance tests).
            int startX = spanX == _ncx ? 0 : cx - reachX, startY = spanY == _ncy ? 0 : cy - reachY, startZ = spanZ == _ncz ? 0 : cz - reachZ;
            for (int oz = 0; oz < spanZ; oz++)
            {
                int kz = WrapOnce(startZ + oz, _ncz);
                for (int oy = 0; oy < spanY; oy++)
                {
                    int rowStart = _ncx * (WrapOnce(startY + oy, _ncy) + _ncy * kz);
                    for (int ox = 0; ox < spanX; ox++)
                    {
                        int k = rowStart + WrapOnce(startX + ox, _ncx);
                        for (int m = _cellStart[k]; m < _cellStart[k + 1]; m++)
                        {
                            int j = _cellItems[m];
                            double rj = _radius[j];
                            if (rj > ri || (rj == ri && j <= i)) continue;
                            double dx = MinimumImage(_x[j] - _x[i], _lx, halfX);
                            double dy = MinimumImage(_y[j] - _y[i], _ly, halfY);
                            double dz = MinimumImage(_z[j] - _z[i], _lz, halfZ);
                            double contact = ri + rj;
                            double d2 = dx * dx + dy * dy + dz * dz;
                            if (d2 >= contact * contact) continue;
                            visitor.Visit(i, j, ri, rj, dx, dy, dz, Math.Sqrt(d2));
                        }
                    }
                }
            }
        }
    }

    /// <summary>Counting sort of the spheres into cells by their current centres.</summary>
    private void BuildCells()
    {
        Array.Clear(_cellStart);
        for (int i = 0; i < _x.Length; i++)
        {
            int cx = Math.Min(_ncx - 1, (int)(_x[i] / _hx));
            int cy = Math.Min(_ncy - 1, (int)(_y[i] / _hy));
            int cz = Math.Min(_ncz - 1, (int)(_z[i] / _hz));
            int cell = cx + _ncx * (cy + _ncy * cz);
            _cellOf[i] = cell;
            _cellStart[cell]++;
        }
        // Running sums make _cellStart[c] the end of cell c; filling each cell from its end back leaves it at the start.
        for (int c = 1; c < _cellStart.Length; c++) _cellStart[c] += _cellStart[c - 1];
        for (int i = _x.Length - 1; i >= 0; i--) _cellItems[--_cellStart[_cellOf[i]]] = i;
    }

    private static double MinimumImage(double d, double length, double half) => d > half ? d - length : d < -half ? d + length : d;

    private static double Wrap(double x, double length)
    {
        if (x < 0) x += length;
        else if (x >= length) x -= length;
        // A centre a rounding error below the length would land at the length itself.
        return x < length ? x : 0.0;
    }

    private static int WrapOnce(int i, int n) => i < 0 ? i + n : i >= n ? i - n : i;
}
