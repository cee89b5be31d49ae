using CathodeSim.Model.Materials;
using CathodeSim.Numerics.Diffusion;

namespace CathodeSim.Model.Cell;

/// <summary>
/// D(x) at one temperature sampled on a uniform stoichiometry grid and interpolated linearly. The particle Jacobian
/// evaluates D at every face of every particle on every Newton iteration; a lookup costs a few nanoseconds where
/// the tabulated law costs a pow and a search. The slope returned is the exact slope of the interpolant, so Newton
/// stays exact for the interpolated law.
/// </summary>
public sealed class DiffusivityLookup
{
    /// <summary>Samples <paramref name="diffusivity"/> times <paramref name="factor"/> at <paramref name="points"/> points on [0, 1].</summary>
    public DiffusivityLookup(IDiffusivity diffusivity, double factor, int points = 4001)
    {
        var values = new double[points];
        var slopes = new double[points - 1];
        double scale = points - 1;
        for (int i = 0; i < points; i++) values[i] = factor * diffusivity.At(i / scale);
        for (int i = 0; i < points - 1; i++) slopes[i] = (values[i + 1] - values[i]) * scale;
        Table = new UniformLinearTable(values, slopes);
        Factor = 1;
    }

    private DiffusivityLookup(DiffusivityLookup table, double factor)
    {
        Table = table.Table;
        Factor = factor;
    }

    /// <summary>
    /// The samples, shared by every <see cref="Scaled"/> copy: a device stepper uploads them once per model and only the
    /// <see cref="Factor"/> when the temperature changes.
    /// </summary>
    public UniformLinearTable Table { get; }

    /// <summary>The factor the samples are multiplied by at evaluation (1 for the reference table).</summary>
    public double Factor { get; }

    /// <summary>The same table times <paramref name="factor"/> (an Arrhenius factor), sharing the samples.</summary>
    public DiffusivityLookup Scaled(double factor) => new(this, factor);

    /// <summary>D and dD/dx at <paramref name="x"/> (clamped to [0, 1]).</summary>
    public double Evaluate(double x, out double slope) => Table.Evaluate(x, Factor, out slope);
}
