namespace CathodeSim.Numerics.Diffusion;

/// <summary>
/// Storage for a batch of tridiagonal systems, reused across steps (allocated once). Layout: index = row * SystemCount + system.
/// Lower[row 0] and Upper[last row] are ignored.
/// </summary>
public sealed class BatchedTridiagonalSystems
{
    /// <summary>Allocates a batch of <paramref name="systemCount"/> systems of <paramref name="size"/> rows with <paramref name="rightHandSides"/> right-hand sides each.</summary>
    public BatchedTridiagonalSystems(int systemCount, int size, int rightHandSides)
    {
        if (systemCount < 1 || size < 1 || rightHandSides < 1) throw new ArgumentOutOfRangeException(nameof(systemCount), "batch dimensions must be positive");
        SystemCount = systemCount;
        Size = size;
        RightHandSides = rightHandSides;
        Lower = new double[systemCount * size];
        Diagonal = new double[systemCount * size];
        Upper = new double[systemCount * size];
        Rhs = new double[rightHandSides][];
        for (int k = 0; k < rightHandSides; k++) Rhs[k] = new double[systemCount * size];
    }

    /// <summary>Number of systems M.</summary>
    public int SystemCount { get; }

    /// <summary>Rows per system N.</summary>
    public int Size { get; }

    /// <summary>Right-hand sides per system.</summary>
    public int RightHandSides { get; }

    /// <summary>Sub-diagonal, a[r] multiplies x[r-1].</summary>
    public double[] Lower { get; }

    /// <summary>Diagonal.</summary>
    public double[] Diagonal { get; }

    /// <summary>Super-diagonal, c[r] multiplies x[r+1].</summary>
    public double[] Upper { get; }

    /// <summary>Right-hand sides, overwritten by solutions.</summary>
    public double[][] Rhs { get; }

    /// <summary>Flat index of (row, system).</summary>
    public int Index(int row, int system) => row * SystemCount + system;
}
