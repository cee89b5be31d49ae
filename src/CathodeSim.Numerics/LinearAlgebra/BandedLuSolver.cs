using System.Numerics;
using System.Runtime.CompilerServices;

namespace CathodeSim.Numerics.LinearAlgebra;

/// <summary>
/// A banded matrix with <see cref="Lower"/> sub- and <see cref="Upper"/> super-diagonals, factorised in place by Gaussian
/// elimination with partial pivoting (the scheme of LAPACK's dgbtrf and zgbtrf: row interchanges are applied to the columns
/// not yet eliminated, so the fill-in reaches <c>Lower + Upper</c> above the diagonal). Each row keeps a window of
/// <c>2 Lower + Upper + 1</c> columns. Real (<see cref="double"/>) for the coupled node system of the liquid-electrolyte
/// (DFN) cell; complex (<see cref="Complex"/>) for its linearisation at one frequency, (J + j omega M) dy = b.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="Complex"/>.</typeparam>
public sealed class BandedLuSolver<T> where T : struct, INumberBase<T>
{
    private readonly T[] _a;
    private readonly int[] _pivot;
    private readonly int _width;

    static BandedLuSolver()
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(Complex))
            throw new NotSupportedException($"BandedLuSolver supports double and Complex entries, not {typeof(T).Name}");
    }

    /// <summary>Creates an all-zero n x n matrix with the given bandwidths.</summary>
    public BandedLuSolver(int size, int lower, int upper)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegative(lower);
        ArgumentOutOfRangeException.ThrowIfNegative(upper);
        Size = size;
        Lower = lower;
        Upper = upper;
        _width = 2 * lower + upper + 1;
        _a = new T[(long)size * _width];
        _pivot = new int[size];
    }

    /// <summary>Order of the matrix.</summary>
    public int Size { get; }

    /// <summary>Number of sub-diagonals.</summary>
    public int Lower { get; }

    /// <summary>Number of super-diagonals (before fill-in).</summary>
    public int Upper { get; }

    private int Start(int row) => row - Lower;

    /// <summary>Sets every entry to zero (before a new assembly).</summary>
    public void Clear() => Array.Clear(_a);

    /// <summary>True where (row, column) lies in the band.</summary>
    public bool InBand(int row, int column) => column - row <= Upper && row - column <= Lower && column >= 0 && column < Size;

    /// <summary>Adds <paramref name="value"/> to entry (row, column), which must lie in the band.</summary>
    public void Add(int row, int column, T value)
    {
        if (!InBand(row, column)) throw new ArgumentOutOfRangeException(nameof(column), $"entry ({row}, {column}) lies outside the band");
        _a[(long)row * _width + column - Start(row)] += value;
    }

    private ref T At(int row, int column) => ref _a[(long)row * _width + column - Start(row)];

    /// <summary>
    /// Size of an entry for choosing pivots: |x| for a real entry, |re| + |im| for a complex one (LAPACK's cabs1, which
    /// avoids a square root per candidate).
    /// </summary>
    private static double Magnitude(T value)
    {
        if (typeof(T) == typeof(double)) return Math.Abs(Unsafe.As<T, double>(ref value));
        var z = Unsafe.As<T, Complex>(ref value);
        return Math.Abs(z.Real) + Math.Abs(z.Imaginary);
    }

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
            T diagonal = At(k, k);
            for (int r = k + 1; r <= last; r++)
            {
                T f = At(r, k) / diagonal;
                At(r, k) = f;
                if (f == T.Zero) continue;
                for (int c = k + 1; c <= lastColumn; c++) At(r, c) -= f * At(k, c);
            }
        }
        return true;
    }

    /// <summary>Solves A x = b in place with the factors of <see cref="Factor"/>.</summary>
    public void Solve(Span<T> b)
    {
        int n = Size;
        if (b.Length != n) throw new ArgumentException($"expected {n} entries, got {b.Length}", nameof(b));
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
            T bk = b[k];
            if (bk == T.Zero) continue;
            int last = Math.Min(n - 1, k + Lower);
            for (int r = k + 1; r <= last; r++) b[r] -= At(r, k) * bk;
        }
        for (int k = n - 1; k >= 0; k--)
        {
            T s = b[k];
            int lastColumn = Math.Min(n - 1, k + Lower + Upper);
            for (int c = k + 1; c <= lastColumn; c++) s -= At(k, c) * b[c];
            b[k] = s / At(k, k);
        }
    }
}
