using System.Globalization;
using CathodeSim.Analysis.Microstructure;
using CathodeSim.IO.Config;
using CathodeSim.Model.Cell;
using CathodeSim.Model.Simulation;

namespace CathodeSim.Tests.Microstructure.Coupling;

/// <summary>
/// B-NCM-65 with law: microstructure on a tiny, coarse grid (14 um box, 1 um voxels, 3 compositions centred on the
/// config's own, 1 seed) so that a whole table computes in about a second.
/// </summary>
internal static class MicrostructureCouplingFixture
{
    public const double Box = 14e-6;
    public const double Voxel = 1e-6;

    /// <summary>The config's NCM share of the solids (from its masses and densities).</summary>
    public static double ConfigShare()
    {
        var design = ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"), []).Setup.Design;
        var m = CompositeMicrostructure.From(design, 1);
        return m.ActiveVolumeFraction / (m.ActiveVolumeFraction + m.ElectrolyteVolumeFraction);
    }

    /// <summary>The override text of a tiny microstructure law whose middle grid point is <paramref name="centre"/>.</summary>
    public static string Law(double centre) =>
        string.Create(CultureInfo.InvariantCulture, $"{{law: microstructure, box: 14 um, voxel_size: 1 um, seeds: 1, composition_from: {centre - 0.1:R}, composition_to: {centre + 0.1:R}, composition_points: 3}}");

    /// <summary>B-NCM-65 with both laws microstructure-derived, unresolved.</summary>
    public static SimulationSetup Setup(double centre) => ConfigLoader.Load(RepositoryPaths.File("configs", "b-ncm-65.yaml"),
        [$"cell.cathode.ionic_transport={Law(centre)}", $"cell.cathode.electronic_transport={Law(centre)}"]).Setup;

    /// <summary>The settings the config gives.</summary>
    public static MicrostructureTransportSettings Settings(SimulationSetup setup) => ((UnresolvedMicrostructureLaw)setup.Design.Cathode.IonicTransport).Settings;
}
