namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// The Boolean model: spheres whose centres are independent Poisson points and which overlap freely (no packing, no
/// contact forces). Its statistics are known exactly, which makes it the reference for checking the voxelisation and
/// the analysis: a phase of spheres at intensity lambda (centres per m^3) with mean volume E[V] covers
/// 1 - exp(-lambda E[V]) of space, and overlapping spheres of one size percolate at a covered fraction of 0.2895
/// (Rintoul and Torquato 1997, J. Phys. A 30, L585) while the space between them percolates down to a void fraction of
/// about 0.03 (Elam, Kerstein and Rehr 1984, Phys. Rev. Lett. 52, 1516; Rintoul 2000, Phys. Rev. E 62, 68).
/// </summary>
/// <remarks>
/// NCM spheres come first, at lambda_NCM = -ln(1 - phi_NCM) / E[V_NCM]. Electrolyte spheres are an independent second
/// Boolean model; where they overlap NCM the voxel stays NCM (see <see cref="SpherePacking.Voxelise(CathodeSim.Numerics.Voxels.VoxelGrid)"/>),
/// so they cover a share 1 - exp(-lambda_SE E[V_SE]) of the non-NCM space only, and
/// lambda_SE = -ln(1 - phi_SE / (1 - phi_NCM)) / E[V_SE] gives the electrolyte fraction phi_SE of the box.
/// Germs are placed in x, y over the periodic edge and in z over the slab -R_max &lt;= z &lt;= Lz + R_max (R_max the largest
/// radius of that powder), so that spheres cut by the walls are there too and the model is stationary up to the faces.
/// Radii are the classes of the PSD discretisation, drawn with number shares proportional to volume share / R^3.
/// Draw order (fixed, for reproducibility): NCM count, then per NCM germ class, x, y, z; then the same for electrolyte.
/// </remarks>
public static class BooleanModelGenerator
{
    /// <summary>
    /// A Boolean-model structure of <paramref name="recipe"/>; its phase fractions equal the recipe's in expectation
    /// (one realisation fluctuates around them, less in a larger box).
    /// </summary>
    /// <exception cref="ArgumentException">When the recipe leaves no void: a Boolean model never covers space completely.</exception>
    public static SpherePacking Generate(StructureRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.ThrowIfInconsistent();
        if (!(recipe.VoidFraction > 1e-9))
            throw new ArgumentException($"a Boolean model needs some void (got a void fraction of {recipe.VoidFraction}): overlapping spheres never fill space", nameof(recipe));

        var random = new Xoshiro256StarStar(recipe.Seed);
        var spheres = new List<PackedSphere>();
        var active = SizeClasses.From(recipe.ActiveSizes, recipe.SizeBinCount, "NCM");
        var electrolyte = SizeClasses.From(recipe.ElectrolyteSizes, recipe.SizeBinCount, "electrolyte");
        double activeIntensity = Intensity(recipe.ActiveVolumeFraction, active.MeanVolume);
        double electrolyteIntensity = Intensity(recipe.ElectrolyteVolumeFraction / (1 - recipe.ActiveVolumeFraction), electrolyte.MeanVolume);
        AddGerms(spheres, random, recipe, active, activeIntensity, CompositePhase.Active);
        AddGerms(spheres, random, recipe, electrolyte, electrolyteIntensity, CompositePhase.Electrolyte);
        return new SpherePacking(recipe.InPlaneLength, recipe.Thickness, spheres);
    }

    /// <summary>
    /// Germs per m^3 for which spheres of mean volume <paramref name="meanVolume"/> (m^3) cover the fraction
    /// <paramref name="coveredFraction"/> of space: lambda = -ln(1 - phi) / E[V].
    /// </summary>
    public static double Intensity(double coveredFraction, double meanVolume)
    {
        if (!(coveredFraction >= 0 && coveredFraction < 1)) throw new ArgumentOutOfRangeException(nameof(coveredFraction), coveredFraction, "a covered fraction must be in [0, 1)");
        if (!(meanVolume > 0)) throw new ArgumentOutOfRangeException(nameof(meanVolume), meanVolume, "the mean sphere volume must be positive");
        return -Math.Log(1 - coveredFraction) / meanVolume;
    }

    private static void AddGerms(List<PackedSphere> spheres, Xoshiro256StarStar random, StructureRecipe recipe, SizeClasses classes, double intensity, CompositePhase phase)
    {
        double margin = classes.MaxRadius;
        double l = recipe.InPlaneLength;
        double slabVolume = l * l * (recipe.Thickness + 2 * margin);
        long count = random.NextPoisson(intensity * slabVolume);
        var cumulative = classes.CumulativeNumberShares();
        for (long n = 0; n < count; n++)
        {
            double radius = classes.Radii[random.NextIndex(cumulative)];
            double x = random.NextDouble(0, l), y = random.NextDouble(0, l), z = random.NextDouble(-margin, recipe.Thickness + margin);
            spheres.Add(new PackedSphere(x, y, z, radius, phase));
        }
    }
}
