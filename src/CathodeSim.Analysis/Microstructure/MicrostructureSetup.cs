using CathodeSim.Model.Cell;
using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Analysis.Microstructure;

/// <summary>
/// The structure a cell design implies, as a <see cref="MicrostructureRequest"/>: volume fractions and thickness from the
/// masses and crystal densities (<see cref="CompositeMicrostructure.From"/>, the same numbers the cell model uses), the NCM
/// particle-size distribution, monodisperse electrolyte at the contact statistics' particle size, bulk conductivities at
/// the temperature asked, and a box and voxel size chosen so the default B-NCM 65:35 config builds and solves in well
/// under a minute on two cores while resolving both powders.
/// </summary>
public static class MicrostructureSetup
{
    /// <summary>Voxels across the NCM median diameter D50 (the finer of the two resolutions usually).</summary>
    public const double VoxelsPerActiveMedianDiameter = 8;

    /// <summary>Voxels across an electrolyte particle diameter.</summary>
    public const double VoxelsPerElectrolyteDiameter = 6;

    /// <summary>Smallest default in-plane edge, m: 13 electrolyte and 20 NCM median diameters for the shipped configs.</summary>
    public const double MinimumDefaultBoxEdge = 40e-6;

    /// <summary>
    /// The default edge is also at least this many of the largest particle diameter (of either powder's size classes), so
    /// that a particle is small against the periodic box (the packing generator needs 3 diameters at the very least).
    /// </summary>
    public const double BoxEdgeInLargestDiameters = 6;

    /// <summary>Size classes per powder, as the packing generator takes them by default.</summary>
    public const int SizeClasses = 8;

    /// <summary>Builds the request.</summary>
    /// <param name="design">The cell; its cathode must carry the electrolyte particle size (contact statistics).</param>
    /// <param name="temperature">Temperature of the bulk conductivities, K (Arrhenius as in the cell model).</param>
    /// <param name="overrides">Options that replace the design's values.</param>
    /// <exception cref="ArgumentException">A value out of range or inconsistent; the message names it.</exception>
    public static MicrostructureRequest From(CellDesign design, double temperature, MicrostructureOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(overrides);
        if (design.Cathode.ElectrolyteContacts is not { } contacts)
            throw new ArgumentException("the structure needs the electrolyte particle size: set cell.cathode.electrolyte_particle_size " +
                                        "and cell.cathode.electrolyte_contacts (as configs/base/lic-composite.yaml does)");
        double electrolyteDiameter = 2 * contacts.ElectrolyteRadius;

        var composite = CompositeMicrostructure.From(design, 1);
        var (active, electrolyte) = Fractions(composite.ActiveVolumeFraction, composite.ElectrolyteVolumeFraction, overrides);

        var activeSizes = design.Cathode.ParticleSizes;
        var electrolyteSizes = new LognormalSizeDistribution(electrolyteDiameter, 1.0);
        double largestRadius = Math.Max(activeSizes.Discretise(SizeClasses).Radii.Max(), electrolyteDiameter / 2);
        double largestDiameter = 2 * largestRadius;
        double activeMedian = MedianDiameter(activeSizes);

        double edge = overrides.BoxEdge ?? Math.Max(MinimumDefaultBoxEdge, BoxEdgeInLargestDiameters * largestDiameter);
        if (!(edge > 0) || !double.IsFinite(edge)) throw new ArgumentException($"box edge: expected a positive length, got {edge} m");
        // The packing generator's own limit, said here in um and with the smallest edge that would do.
        if (overrides.Generator == StructureGenerator.Packed && edge < 6 * largestRadius)
            throw new ArgumentException($"box edge: {edge * 1e6:G4} um is below 6 times the largest particle radius ({largestRadius * 1e6:G3} um); " +
                                        $"give at least {Math.Ceiling(6 * largestRadius * 1e7) / 10:G4} um");
        int voxels;
        if (overrides.InPlaneVoxels is int n)
        {
            if (n < 2) throw new ArgumentException($"voxels: expected at least 2 voxels along the in-plane edge, got {n}");
            voxels = n;
        }
        else
        {
            double target = Math.Min(activeMedian / VoxelsPerActiveMedianDiameter, electrolyteDiameter / VoxelsPerElectrolyteDiameter);
            // Saturated rather than cast: a huge box would wrap around to a negative count and slip past the size check below.
            voxels = (int)Math.Min(int.MaxValue, Math.Max(2, Math.Ceiling(edge / target)));
        }
        double voxelSize = edge / voxels;
        CheckSize(edge, composite.CathodeThickness, voxels, voxelSize, active, electrolyte, activeSizes, electrolyteSizes);

        var recipe = new StructureRecipe(edge, composite.CathodeThickness, active, electrolyte, activeSizes, electrolyteSizes,
            overrides.Seed ?? 1, SizeClasses);

        double electrolyteConductivity = design.CathodeElectrolyte.IonicConductivity * design.CathodeElectrolyte.IonicConductivityTemperature.At(temperature);
        // The NCM's conductivity depends on its lithiation; the structure is that of the cell as built, so take the initial one.
        double activeConductivity = design.Active.ElectronicConductivity.At(design.InitialStoichiometry)
                                    * design.Active.ElectronicConductivityTemperature.At(temperature);
        return new MicrostructureRequest(recipe, voxelSize, overrides.Generator, electrolyteConductivity, activeConductivity);
    }

    /// <summary>
    /// Refuses a structure beyond <see cref="MicrostructureLimits.MaxVoxels"/> or <see cref="MicrostructureLimits.MaxParticles"/>
    /// before anything is allocated: the grid is voxels x voxels x round(thickness / voxel size), as <c>SpherePacking.CreateGrid</c> makes it.
    /// </summary>
    private static void CheckSize(double edge, double thickness, int voxels, double voxelSize, double active, double electrolyte,
        ParticleSizeDistribution activeSizes, ParticleSizeDistribution electrolyteSizes)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        double nz = Math.Max(1, Math.Round(thickness / voxelSize));
        double count = (double)voxels * voxels * nz;
        if (count > MicrostructureLimits.MaxVoxels)
            throw new ArgumentException(
                $"voxels: {voxels} x {voxels} x {nz.ToString("G4", inv)} = {count.ToString("G3", inv)} voxels ({(edge * 1e6).ToString("G4", inv)} um box edge, " +
                $"{(thickness * 1e6).ToString("G4", inv)} um thick from the config's masses, voxels of {(voxelSize * 1e6).ToString("G3", inv)} um); at most {MicrostructureLimits.MaxVoxels:N0} (512^3), " +
                "a limit of CathodeSim (MicrostructureLimits.MaxVoxels: about 17 GB at 130 bytes per voxel); use fewer voxels (--voxels), a smaller box (--box-edge) or a thinner cathode");
        double volume = edge * edge * thickness;
        double particles = MicrostructureLimits.ParticleCount(activeSizes, SizeClasses, active * volume)
                           + MicrostructureLimits.ParticleCount(electrolyteSizes, SizeClasses, electrolyte * volume);
        if (particles > MicrostructureLimits.MaxParticles)
            throw new ArgumentException(
                $"box edge: about {particles.ToString("G3", inv)} particles would fill the {(edge * 1e6).ToString("G4", inv)} um x {(edge * 1e6).ToString("G4", inv)} x {(thickness * 1e6).ToString("G4", inv)} um box; " +
                $"at most {MicrostructureLimits.MaxParticles:N0}, a limit of CathodeSim (MicrostructureLimits.MaxParticles: the packing moves every particle on every sweep); use a smaller box (--box-edge) or check the particle sizes");
    }

    /// <summary>
    /// NCM and electrolyte volume fractions after the overrides: a given NCM fraction leaves the electrolyte the rest but the
    /// voids; a void fraction alone rescales both solids in the design's ratio.
    /// </summary>
    internal static (double Active, double Electrolyte) Fractions(double designActive, double designElectrolyte, MicrostructureOverrides overrides)
    {
        if (overrides.ActiveVolumeFraction is double f && !(f >= 0 && f < 1))
            throw new ArgumentException($"active volume fraction: expected a number in [0, 1), got {f}");
        if (overrides.VoidFraction is double v && !(v >= 0 && v < 1))
            throw new ArgumentException($"void fraction: expected a number in [0, 1), got {v}");
        double voids = overrides.VoidFraction ?? 1 - designActive - designElectrolyte;
        if (overrides.ActiveVolumeFraction is double active)
        {
            if (active + voids > 1 + 1e-12)
                throw new ArgumentException($"active volume fraction ({active}) and void fraction ({voids}) add up to more than 1");
            return (active, Math.Max(0, 1 - active - voids));
        }
        double solids = 1 - voids;
        double share = designActive / (designActive + designElectrolyte);
        return (solids * share, solids * (1 - share));
    }

    /// <summary>D50 by volume: the lognormal's median, else the volume-weighted median of its classes.</summary>
    private static double MedianDiameter(ParticleSizeDistribution sizes)
    {
        if (sizes is LognormalSizeDistribution lognormal) return lognormal.MedianDiameter;
        var bins = sizes.Discretise(SizeClasses);
        var order = Enumerable.Range(0, bins.Count).OrderBy(k => bins.Radii[k]).ToArray();
        double cumulative = 0;
        foreach (int k in order)
        {
            cumulative += bins.VolumeShares[k];
            if (cumulative >= 0.5) return 2 * bins.Radii[k];
        }
        return 2 * bins.Radii[order[^1]];
    }
}
