using CathodeSim.Model.Cell;
using CathodeSim.Model.Materials;

namespace CathodeSim.Tests.Model;

/// <summary>
/// The surface stoichiometry across the outer half shell (<see cref="DiffusivityLookup.Below"/>): against the closed form
/// for constant D, against the integral it inverts (<see cref="DiffusivityLookup.Drop"/>) for the library's steep D(x),
/// and resolved to the vacancy near full lithiation.
/// </summary>
public sealed class KirchhoffTransformTests
{
    private static readonly DiffusivityLookup Library = new(
        new LogTabulatedDiffusivity([0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0], [1e-14, 1e-14, 5e-15, 1e-15, 5e-17, 5e-18, 3e-18]), 1.0);

    [Theory]
    [InlineData(0.5, 1e-17)]
    [InlineData(0.01, -2e-17)]
    [InlineData(0.999, 3e-18)]
    public void Analytical_ConstantDiffusivity_GivesTheLinearDrop(double x, double drop)
    {
        var lookup = new DiffusivityLookup(new ConstantDiffusivity(1e-15), 1.0);
        Assert.Equal(x - drop / 1e-15, lookup.Below(x, drop), 12);
    }

    [Theory]
    [InlineData(0.991, 0.88)]
    [InlineData(0.93, 0.999999)]
    [InlineData(0.3, 0.0001)]
    [InlineData(0.6, 0.97)]
    public void Inverse_BelowUndoesTheIntegral_ForASteepDiffusivity(double shell, double surface)
    {
        double drop = Library.Drop(shell, surface);
        Assert.Equal(surface, Library.Below(shell, drop), 11);
        // Scaled lookups (another temperature) scale the integral, not the surface it leads to.
        var warm = Library.Scaled(3.0);
        Assert.Equal(1.0, warm.Drop(shell, surface) / (3 * drop), 12);
        Assert.Equal(surface, warm.Below(shell, 3 * drop), 11);
    }

    [Fact]
    public void Limit_NearFullLithiation_TheVacancyIsResolved()
    {
        // Surfaces 1e-12 apart near x = 1 are told apart by their drops (lithiation: negative, more so closer to 1),
        // and the surface comes back from its drop to the vacancy itself.
        double a = Library.Drop(0.99, 1 - 1e-12), b = Library.Drop(0.99, 1 - 2e-12);
        Assert.True(a < b);
        Assert.Equal(1e-12, 1 - Library.Below(0.99, a), 15);
    }
}
