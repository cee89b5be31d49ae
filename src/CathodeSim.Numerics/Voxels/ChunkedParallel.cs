namespace CathodeSim.Numerics.Voxels;

/// <summary>
/// Runs a body over fixed-size chunks of a range, in parallel when there is more than one chunk. The chunking depends
/// on the length alone, never on the thread count, so per-chunk partial sums added in chunk order give the same total
/// on every run and every machine.
/// </summary>
internal static class ChunkedParallel
{
    /// <summary>Elements per chunk: large enough to amortise scheduling, small enough to balance two to a few dozen cores.</summary>
    public const int ChunkSize = 8192;

    public static int Chunks(int length) => (length + ChunkSize - 1) / ChunkSize;

    /// <summary>Calls <paramref name="body"/> once per chunk index of a range of <paramref name="length"/> elements.</summary>
    public static void For(int length, Action<int> body)
    {
        int chunks = Chunks(length);
        if (chunks == 1) body(0);
        else if (chunks > 1) Parallel.For(0, chunks, body);
    }

    /// <summary>Sum of the first <paramref name="chunks"/> partials, in chunk order.</summary>
    public static double Sum(double[] partials, int chunks)
    {
        double sum = 0;
        for (int c = 0; c < chunks; c++) sum += partials[c];
        return sum;
    }
}
