namespace CathodeSim.IO.Measurements;

/// <summary>A measured impedance spectrum in SI units, in file order.</summary>
/// <param name="Source">File it came from.</param>
/// <param name="Frequency">Hz.</param>
/// <param name="Real">Re(Z), ohm.</param>
/// <param name="Imaginary">Im(Z), ohm, signed: Z = Real + j Imaginary (negative for capacitive behaviour; EC-Lab's -Im(Z) column is negated).</param>
/// <param name="Warnings">Things the reader fixed or assumed.</param>
/// <param name="SweepStarts">
/// Index of the first point of each frequency sweep, in order (a file may hold several: a new sweep begins where the
/// frequency steps against the direction of the one before). Null or one entry: a single sweep.
/// </param>
public sealed record MeasuredSpectrum(string Source, double[] Frequency, double[] Real, double[] Imaginary, IReadOnlyList<string> Warnings,
    int[]? SweepStarts = null)
{
    /// <summary>Number of frequency sweeps in the file.</summary>
    public int SweepCount => SweepStarts is { Length: > 1 } s ? s.Length : 1;

    /// <summary>Sweep <paramref name="number"/> (1-based) alone, with this spectrum's warnings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such sweep.</exception>
    public MeasuredSpectrum Sweep(int number)
    {
        if (number < 1 || number > SweepCount)
            throw new ArgumentOutOfRangeException(nameof(number), number, $"{Source} holds {SweepCount} sweep{(SweepCount == 1 ? "" : "s")}; choose 1 to {SweepCount}");
        if (SweepCount == 1) return this;
        int start = SweepStarts![number - 1], end = number < SweepStarts.Length ? SweepStarts[number] : Frequency.Length;
        return new MeasuredSpectrum(Source, Frequency[start..end], Real[start..end], Imaginary[start..end], Warnings);
    }

    /// <summary>Indices where a new sweep begins: a step against the direction of the current sweep.</summary>
    public static int[] FindSweepStarts(IReadOnlyList<double> frequency)
    {
        var starts = new List<int> { 0 };
        int direction = 0;
        for (int k = 1; k < frequency.Count; k++)
        {
            int step = Math.Sign(frequency[k] - frequency[k - 1]);
            if (step == 0) continue;
            if (direction == 0) direction = step;
            else if (step != direction)
            {
                starts.Add(k);
                direction = 0;   // the new sweep's direction comes from its own next step
            }
        }
        return [.. starts];
    }
}
