namespace CathodeSim.Model.Cell;

/// <summary>
/// Finite-volume shells of a sphere in the normalised radius rho = r/R (shared by every particle; the radius scales it).
/// Equal-thickness shells; volumes sum to 1/3 (the 4 pi cancels everywhere).
/// </summary>
public sealed class ParticleShellGrid
{
    /// <summary>Creates <paramref name="shells"/> equal-thickness shells.</summary>
    public ParticleShellGrid(int shells)
    {
        if (shells < 2) throw new ArgumentOutOfRangeException(nameof(shells), "at least 2 shells");
        Count = shells;
        Spacing = 1.0 / shells;
        Volumes = new double[shells];
        FaceAreas = new double[shells + 1];
        Centres = new double[shells];
        for (int m = 0; m < shells; m++)
        {
            double inner = m * Spacing, outer = (m + 1) * Spacing;
            Volumes[m] = (outer * outer * outer - inner * inner * inner) / 3.0;
            Centres[m] = (inner + outer) / 2;
        }
        for (int f = 0; f <= shells; f++) FaceAreas[f] = f * Spacing * f * Spacing;
    }

    /// <summary>Number of shells Nr.</summary>
    public int Count { get; }

    /// <summary>Shell thickness in rho.</summary>
    public double Spacing { get; }

    /// <summary>Shell volumes / (4 pi R^3); sum 1/3.</summary>
    public double[] Volumes { get; }

    /// <summary>rho^2 at faces 0..Nr (face f lies between shells f-1 and f).</summary>
    public double[] FaceAreas { get; }

    /// <summary>Shell mid-radii in rho.</summary>
    public double[] Centres { get; }
}
