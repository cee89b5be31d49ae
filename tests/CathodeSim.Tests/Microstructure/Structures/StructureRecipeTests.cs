using CathodeSim.Model.Microstructure;
using CathodeSim.Model.Microstructure.Structures;

namespace CathodeSim.Tests.Microstructure.Structures;

/// <summary>Recipe validation: every value out of range is refused with its name.</summary>
public sealed class StructureRecipeTests
{
    private static readonly LognormalSizeDistribution Psd = new(2e-6, 1.5);

    [Fact]
    public void ValuesOutOfRange_AreRefused_Limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>("InPlaneLength", () => new StructureRecipe(0, 1e-5, 0.4, 0.4, Psd, Psd, 1));
        Assert.Throws<ArgumentOutOfRangeException>("Thickness", () => new StructureRecipe(1e-5, double.NaN, 0.4, 0.4, Psd, Psd, 1));
        Assert.Throws<ArgumentOutOfRangeException>("ActiveVolumeFraction", () => new StructureRecipe(1e-5, 1e-5, 1.0, 0.0, Psd, Psd, 1));
        Assert.Throws<ArgumentOutOfRangeException>("ElectrolyteVolumeFraction", () => new StructureRecipe(1e-5, 1e-5, 0.4, -0.1, Psd, Psd, 1));
        Assert.Throws<ArgumentOutOfRangeException>("SizeBinCount", () => new StructureRecipe(1e-5, 1e-5, 0.4, 0.4, Psd, Psd, 1, 0));
        var sum = Assert.Throws<ArgumentException>(() => new StructureRecipe(1e-5, 1e-5, 0.6, 0.5, Psd, Psd, 1));
        Assert.Contains("more than 1", sum.Message);
        var recipe = new StructureRecipe(1e-5, 1e-5, 0.4, 0.4, Psd, Psd, 1);
        Assert.Equal(0.2, recipe.VoidFraction, 12);
        Assert.Throws<ArgumentException>(() => (recipe with { ActiveVolumeFraction = 0.7 }).ThrowIfInconsistent());
    }

    [Fact]
    public void Generators_RefuseWhatTheyCannotBuild_Limit()
    {
        var full = new StructureRecipe(2e-5, 1e-5, 0.5, 0.5, Psd, Psd, 1);
        Assert.Throws<ArgumentException>(() => BooleanModelGenerator.Generate(full));
        // An in-plane edge below 6 largest radii would let a pair overlap through two periodic images.
        var narrow = new StructureRecipe(5e-6, 1e-5, 0.4, 0.4, Psd, Psd, 1);
        Assert.Throws<ArgumentException>(() => CollectiveRearrangementGenerator.Generate(narrow, 0.5e-6));
    }
}
