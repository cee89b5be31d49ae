namespace CathodeSim.Model.Microstructure;

/// <summary>
/// Whether an NCM particle touches the electrolyte network, from the contact statistics of a random packing of two
/// powders. Each particle has on average Z contacts; a contact of a particle of radius R is made with a particle of kind j
/// in proportion to n_j (R + R_j)^2, the number density of that kind times the target area its centres offer (the
/// random-contact model of Suzuki and Oshima 1983, Powder Technol. 35, 159, used for the percolation of binary powder
/// mixtures by Bouvard and Lange 1991, Acta Metall. Mater. 39, 3083). The particle is ionically reachable when at least
/// one of its Z contacts is with electrolyte that belongs to the electrolyte cluster spanning the electrode:
/// P = 1 - (1 - s P_se)^Z, with s the electrolyte share of its contacts and P_se the spanning share of the electrolyte.
/// Without carbon this is the fraction of NCM that Bielefeld, Weber and Janek 2019 (J. Phys. Chem. C 123, 1626) count as
/// active in their packings: it falls with the electrolyte content, and more for small NCM among large electrolyte grains.
/// </summary>
/// <param name="CoordinationNumber">Z, the mean number of contacts per particle of the pressed composite.</param>
/// <param name="ElectrolyteRadius">R_se, radius of the electrolyte particles, m.</param>
/// <remarks>
/// Limits: hard, randomly mixed spheres; a conformal electrolyte coating (co-milling) or strong plastic flow of a soft
/// electrolyte puts more electrolyte on each NCM particle than random contacts do. Contacts are taken as independent.
/// </remarks>
public sealed record ElectrolyteContactStatistics(double CoordinationNumber, double ElectrolyteRadius)
{
    /// <summary>
    /// Mean coordination number of a powder pressed to <paramref name="relativeDensity"/> (solid volume fraction):
    /// Z = 2 + 11 rho^2, German 2014 (Powder Technol. 253, 368), which gives about 6.5 at random dense packing (0.64) and 13
    /// at full density.
    /// </summary>
    public static double PressedPowderCoordination(double relativeDensity)
    {
        if (!(relativeDensity > 0 && relativeDensity <= 1)) throw new ArgumentOutOfRangeException(nameof(relativeDensity), relativeDensity, "relative density must be in (0, 1]");
        return 2 + 11 * relativeDensity * relativeDensity;
    }

    /// <summary>
    /// Share s of the contacts of an NCM particle of radius <paramref name="radius"/> that are made with electrolyte
    /// particles, in a composite of NCM size bins <paramref name="active"/> at volume fraction <paramref name="activeVolumeFraction"/>
    /// and electrolyte at <paramref name="electrolyteVolumeFraction"/>.
    /// </summary>
    public double ElectrolyteContactShare(double radius, SizeBins active, double activeVolumeFraction, double electrolyteVolumeFraction)
    {
        // Number densities up to the common factor 4 pi / 3, which cancels.
        double withElectrolyte = electrolyteVolumeFraction / Cube(ElectrolyteRadius) * Square(radius + ElectrolyteRadius);
        double withActive = 0;
        for (int k = 0; k < active.Count; k++)
            withActive += activeVolumeFraction * active.VolumeShares[k] / Cube(active.Radii[k]) * Square(radius + active.Radii[k]);
        double total = withElectrolyte + withActive;
        return total > 0 ? withElectrolyte / total : 0.0;
    }

    /// <summary>
    /// Probability that an NCM particle whose contacts are an electrolyte share <paramref name="contactShare"/> touches at
    /// least one particle of the spanning electrolyte cluster, which holds <paramref name="spanningShare"/> of the electrolyte.
    /// </summary>
    public double ReachedProbability(double contactShare, double spanningShare) =>
        1 - Math.Pow(1 - Math.Clamp(contactShare * spanningShare, 0, 1), CoordinationNumber);

    private static double Square(double x) => x * x;

    private static double Cube(double x) => x * x * x;
}
