using System.Numerics;

namespace CathodeSim.Numerics.LinearAlgebra;

/// <summary>
/// The complex counterpart of <see cref="BandedLuSolver"/>: a banded matrix with <see cref="Lower"/> sub- and
/// <see cref="Upper"/> super-diagonals, factorised in place by Gaussian elimination with partial pivoting (LAPACK zgbtrf's
/// scheme: the fill-in reaches <c>Lower + Upper</c> above the diagonal; each row keeps <c>2 Lower + Upper + 1</c> columns).
/// Used for the linearised liquid-electrolyte (DFN) cell at one frequency, (J + j omega M) dy = b.
/// </summary>
public sealed class ComplexBandedLuSolver
{
    private readonly Complex[] _a;
    private readonly int[] _pivot;
    private readonly int _width;

    /// <summary>Creates an all-zero n x n matrix with the given bandwidths.</summary>
    public ComplexBandedLuSolver(int size, int lower, int upper)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegative(lower);
        ArgumentOutOfRangeException.ThrowIfNegative(upper);
        Size = size;
        Lower = lower;
        Upper = upper;
        _width = 2 * lower + upper + 1;
        _a = new Complex[(long)size * _width];
        _pivot = new int[size];
    }

    /// <summary>Order of the matrix.</summary>
    public int Size { get; }

    /// <summary>Number of sub-diagonals.</summary>
    public int Lower { get; }

    /// <summary>Number of super-diagonals (before fill-in).</summary>
    public int Upper { get; }

    /// <summary>True where (row, column) lies in the band.</summary>
    public bool InBand(int row, int column) => column - row <= Upper && row - column <= Lower && column >= 0 && column < Size;

    /// <summary>Adds <paramref name="value"/> to entry (row, column), which must lie in the band.</summary>
    public void Add(int row, int column, Complex value)
    {
        if (!InBand(row, column)) throw new ArgumentOutOfRangeException(nameof(column), $"entry ({row}, {column}) lies outside the band");
        _a[(long)row * _width + column - row + Lower] += value;
    }

    private ref Complex At(int row, int column) => ref _a[(long)row * _width + column - row + Lower];

    private static double Magnitude(Complex z) => Math.Abs(z.Real) + Math.Abs(z.Imaginary);

    /// <summary>Factorises in place. Returns false when a pivot is zero or not finite (singular matrix).</summary>
    public bool Factor()
    {
        int n = Size;
        for (int k = 0; k < n; k++)
        {
            int last = Math.Min(n - 1, k + Lower);
            int p = k;
            double best = Magnitude(At(k, k));
            for (int r = k + 1; r <= last; r++)
            {
                double v = Magnitude(At(r, k));
                if (v > best) { best = v; p = r; }
            }
            if (!(best > 0) || !double.IsFinite(best)) return false;
            _pivot[k] = p;
            int lastColumn = Math.Min(n - 1, k + Lower + Upper);
            if (p != k)
                for (int c = k; c <= lastColumn; c++) (At(k, c), At(p, c)) = (At(p, c), At(k, c));
            Complex inverse = 1 / At(k, k);
            for (int r = k + 1; r <= last; r++)
            {
                Complex f = At(r, k) * inverse;
                At(r, k) = f;
                if (f == Complex.Zero) continue;
                for (int c = k + 1; c <= lastColumn; c++) At(r, c) -= f * At(k, c);
            }
        }
        return true;
    }

    /// <summary>Solves A x = b in place with the factors of <see cref="Factor"/>.</summary>
    public void Solve(Span<Complex> b)
    {
        int n = Size;
        if (b.Length != n) throw new ArgumentException($"expected {n} entries, got {b.Length}", nameof(b));
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
            Complex bk = b[k];
            if (bk == Complex.Zero) continue;
            int last = Math.Min(n - 1, k + Lower);
            for (int r = k + 1; r <= last; r++) b[r] -= At(r, k) * bk;
        }
        for (int k = n - 1; k >= 0; k--)
        {
            Complex s = b[k];
            int lastColumn = Math.Min(n - 1, k + Lower + Upper);
            for (int c = k + 1; c <= lastColumn; c++) s -= At(k, c) * b[c];
            b[k] = s / At(k, k);
        }
    }
}
