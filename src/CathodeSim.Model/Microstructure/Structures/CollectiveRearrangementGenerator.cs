using CathodeSim.Numerics.Voxels;

namespace CathodeSim.Model.Microstructure.Structures;

/// <summary>
/// A dense random packing of NCM and electrolyte spheres pressed to the recipe's phase fractions, by collective
/// rearrangement with growing radii (Jodrey and Tory 1985, Phys. Rev. A 32, 2347; the pair push proportional to the
/// overlap is the force of the force-biased algorithm of Moscinski, Bargiel, Rycerz and Jacobs 1989, Mol. Simul. 3, 201,
/// and Bezrukov, Bargiel and Stoyan 2002, Part. Part. Syst. Charact. 19, 111), followed by an inflation that stands for
/// the deformation of pressing.
/// </summary>
/// <remarks>
/// <para>
/// 1. Particles: each powder's PSD is discretised into <see cref="StructureRecipe.SizeBinCount"/> classes; class k gets
/// round(phi V v_k / (4/3 pi R_k^3)) spheres, so that the nominal sphere volumes equal the recipe's phase volumes. The box
/// is padded in z by 1.5 R_max on both sides and packed periodic in all three directions; the structure is the middle
/// slab [0, Lz], cut through a homogeneous packing (a slice of a thicker electrode: no wall-ordered layers, spheres cross
/// the faces and are cut there).
/// </para>
/// <para>
/// 2. Hard packing: centres uniform at random, radii scaled to a sphere fraction of
/// <see cref="PackingOptions.InitialPackingFraction"/>. Each sweep pushes every overlapping pair apart (Gauss-Seidel,
/// along the centre line, half each, pairs from an O(N) cell list); when no pair overlapped by
/// more than a working overlap, the radii grow by <see cref="PackingOptions.GrowthPerSweep"/>. When the growth stalls
/// for <see cref="PackingOptions.StallSweeps"/> sweeps the packing is jammed at that working overlap, which then halves,
/// from <see cref="PackingOptions.InitialWorkingOverlap"/> down to half of <see cref="PackingOptions.MaxRelativeOverlap"/>
/// (the force-biased algorithm's shrinking gap between outer and inner diameter, run the other way). Last, all radii
/// shrink by the one factor, computed from the pair distances, that brings every pair within
/// <see cref="PackingOptions.MaxRelativeOverlap"/> of its smaller radius. The growth stops at the nominal radii if they
/// fit. Polydisperse hard spheres jam near a sphere fraction of 0.64-0.70; this schedule stops earlier, near 0.55-0.6
/// for the B-NCM-65 powders (the worst pair, not the mean, sets the final shrink), and either is below the 0.85 solids
/// of a pressed cathode, which step 3 makes up.
/// </para>
/// <para>
/// 3. Pressing: with centres fixed, all NCM radii are scaled by one factor, found by bisection so that the voxelised NCM
/// fraction meets the recipe within <see cref="PackingOptions.FractionTolerance"/>; then all electrolyte radii likewise
/// for the electrolyte fraction (NCM wins where they overlap, see <see cref="SpherePacking.Voxelise(VoxelGrid)"/>). The
/// overlaps this creates are the flattened contacts of pressed particles. The fractions are met on the grid of the voxel
/// size given; another resolution shifts them by its discretisation error.
/// </para>
/// <para>
/// Limits: spheres, not deformed particles (contacts are sphere caps cut at radical planes, not conformal interfaces);
/// the inflation makes particles slightly larger than the PSD (reported as <see cref="PackingOutcome.ActiveInflation"/>);
/// no friction, cohesion or milling history, so the mixing is ideal; the in-plane edge must be at least 6 R_max so that
/// a pair overlaps through one periodic image only.
/// </para>
/// </remarks>
public static class CollectiveRearrangementGenerator
{
    /// <summary>Largest allowed final radius over nominal radius; also the z padding in units of the largest radius.</summary>
    public const double MaxRadiusGrowth = 1.5;

    /// <summary>
    /// Packs <paramref name="recipe"/> and inflates it to the recipe's phase fractions on a grid of about
    /// <paramref name="voxelSize"/> (m; see <see cref="SpherePacking.CreateGrid(double)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No solids, or an in-plane edge below 6 R_max.</exception>
    /// <exception cref="InvalidOperationException">When even 1.5 times the nominal radii do not reach a phase fraction.</exception>
    public static PackingOutcome Generate(StructureRecipe recipe, double voxelSize, PackingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.ThrowIfInconsistent();
        options ??= new PackingOptions();
        if (!(recipe.ActiveVolumeFraction + recipe.ElectrolyteVolumeFraction > 0))
            throw new ArgumentException("the recipe has no solids to pack", nameof(recipe));
        var active = SizeClasses.From(recipe.ActiveSizes, recipe.SizeBinCount, "NCM");
        var electrolyte = SizeClasses.From(recipe.ElectrolyteSizes, recipe.SizeBinCount, "electrolyte");
        double maxRadius = Math.Max(recipe.ActiveVolumeFraction > 0 ? active.MaxRadius : 0, recipe.ElectrolyteVolumeFraction > 0 ? electrolyte.MaxRadius : 0);
        double l = recipe.InPlaneLength;
        if (l < 6 * maxRadius)
            throw new ArgumentException($"the in-plane edge ({l:G3} m) must be at least 6 times the largest particle radius ({maxRadius:G3} m)", nameof(recipe));
        double pad = MaxRadiusGrowth * maxRadius;
        double height = recipe.Thickness + 2 * pad;
        double paddedVolume = l * l * height;

        var nominal = new List<double>();
        var phases = new List<CompositePhase>();
        AddClasses(nominal, phases, active, recipe.ActiveVolumeFraction * paddedVolume, CompositePhase.Active);
        AddClasses(nominal, phases, electrolyte, recipe.ElectrolyteVolumeFraction * paddedVolume, CompositePhase.Electrolyte);
        int n = nominal.Count;
        if (n == 0) throw new ArgumentException("the box is too small to hold a single particle of the recipe", nameof(recipe));

        var random = new Xoshiro256StarStar(recipe.Seed);
        var x = new double[n];
        var y = new double[n];
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.NextDouble(0, l);
            y[i] = random.NextDouble(0, l);
            z[i] = random.NextDouble(0, height);
        }
        var relaxation = new OverlapRelaxation(x, y, z, nominal.ToArray(), l, l, height);
        double nominalFraction = nominal.Sum(SizeClasses.SphereVolume) / paddedVolume;
        var hard = Pack(relaxation, nominalFraction, options);

        // The hard spheres in box coordinates (z from the collector), every one that can reach the box once inflated.
        var hardSpheres = new List<PackedSphere>();
        for (int i = 0; i < n; i++)
        {
            double r = relaxation.Radii[i], zBox = z[i] - pad, reach = r * MaxRadiusGrowth / hard.Scale;
            if (zBox + reach < 0 || zBox - reach > recipe.Thickness) continue;
            hardSpheres.Add(new PackedSphere(x[i], y[i], zBox, r, phases[i]));
        }
        var spheres = hardSpheres.ToArray();
        var grid = new SpherePacking(l, recipe.Thickness, []).CreateGrid(voxelSize);
        double maxInflation = MaxRadiusGrowth / hard.Scale;
        var activeMask = new byte[grid.Count];
        var (activeInflation, activeFraction) = Inflate(spheres, CompositePhase.Active, recipe.ActiveVolumeFraction, maxInflation, grid, activeMask, null, options.FractionTolerance);
        var (electrolyteInflation, electrolyteFraction) = Inflate(spheres, CompositePhase.Electrolyte, recipe.ElectrolyteVolumeFraction, maxInflation, grid, new byte[grid.Count], activeMask, options.FractionTolerance);

        var final = new List<PackedSphere>(spheres.Length);
        foreach (var s in spheres)
        {
            double r = s.Radius * (s.Phase == CompositePhase.Active ? activeInflation : electrolyteInflation);
            if (s.Z + r < 0 || s.Z - r > recipe.Thickness) continue;
            final.Add(s with { Radius = r });
        }
        return new PackingOutcome(new SpherePacking(l, recipe.Thickness, final), n, hard.Scale, hard.Scale * hard.Scale * hard.Scale * nominalFraction,
            hard.MaxOverlap, activeInflation, electrolyteInflation, activeFraction, electrolyteFraction, hard.Stages, hard.Sweeps);
    }

    private static void AddClasses(List<double> radii, List<CompositePhase> phases, SizeClasses classes, double phaseVolume, CompositePhase phase)
    {
        for (int k = 0; k < classes.Count; k++)
        {
            int count = (int)Math.Round(phaseVolume * classes.VolumeShares[k] / SizeClasses.SphereVolume(classes.Radii[k]));
            for (int c = 0; c < count; c++)
            {
                radii.Add(classes.Radii[k]);
                phases.Add(phase);
            }
        }
    }

    private readonly record struct HardPacking(double Scale, double MaxOverlap, int Stages, int Sweeps);

    /// <summary>Grows and relaxes until jammed or nominal (step 2 of the remarks); leaves the radii at the returned scale.</summary>
    private static HardPacking Pack(OverlapRelaxation relaxation, double nominalFraction, PackingOptions options)
    {
        double limit = options.MaxRelativeOverlap;
        double scale = Math.Min(1.0, Math.Cbrt(options.InitialPackingFraction / nominalFraction));
        relaxation.Scale(scale);
        double working = options.InitialWorkingOverlap;
        int sweeps = 0, stages = 1, stalled = 0;
        while (sweeps < options.MaxSweeps)
        {
            double overlap = relaxation.Relax(separation: 0.25 * working);
            sweeps++;
            if (overlap <= working && scale < 1.0)
            {
                scale = Math.Min(1.0, scale * (1 + options.GrowthPerSweep));
                relaxation.Scale(scale);
                stalled = 0;
                continue;
            }
            if (overlap <= working) break;
            if (++stalled < options.StallSweeps) continue;
            // Jammed at this working overlap: demand less overlap and go on growing, as the force-biased algorithm
            // narrows the gap between its outer and inner diameters.
            if (working <= limit / 2) break;
            working /= 2;
            stalled = 0;
            stages++;
        }
        // The inner scale: shrink just enough that no pair exceeds the limit (exact, from the pair distances).
        scale *= relaxation.ShrinkToOverlapLimit(limit);
        relaxation.Scale(scale);
        double measured = relaxation.MaxRelativeOverlap();
        sweeps += 2;
        return new HardPacking(scale, measured, stages, sweeps);
    }

    /// <summary>
    /// Bisection on one factor for all radii of <paramref name="phase"/> so that the voxels it covers outside
    /// <paramref name="exclude"/> make up <paramref name="target"/> of the grid; leaves that cover in <paramref name="mask"/>.
    /// </summary>
    private static (double Factor, double Fraction) Inflate(PackedSphere[] spheres, CompositePhase phase, double target, double maxFactor,
        VoxelGrid grid, byte[] mask, byte[]? exclude, double tolerance)
    {
        if (target <= 0) return (1.0, 0.0);
        var slabs = SphereRasteriser.Bucket(spheres, maxFactor, grid, phase);
        double Fraction(double factor) => (double)SphereRasteriser.Cover(spheres, factor, grid, mask, slabs, exclude) / grid.Count;
        double low = 0.5, high = maxFactor;
        double highFraction = Fraction(high);
        if (highFraction < target - tolerance)
            throw new InvalidOperationException(
                $"{phase} spheres at {MaxRadiusGrowth} times their nominal radii cover only {highFraction:F4} of the box, short of {target:F4}; the box is too thin or too coarse for this recipe");
        double factor = high, fraction = highFraction;
        for (int iteration = 0; iteration < 60 && Math.Abs(fraction - target) > tolerance; iteration++)
        {
            factor = 0.5 * (low + high);
            fraction = Fraction(factor);
            if (fraction < target) low = factor;
            else high = factor;
        }
        if (Math.Abs(fraction - target) > tolerance)
            throw new InvalidOperationException($"the {phase} fraction could not be brought within {tolerance} of {target:F4} (reached {fraction:F4}); use smaller voxels");
        return (factor, fraction);
    }
}
