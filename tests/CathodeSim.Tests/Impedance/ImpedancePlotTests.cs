using System.Buffers.Binary;
using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Tests.Cli;

namespace CathodeSim.Tests.Impedance;

/// <summary>The fit figure: four panels (Nyquist, zoom, Bode, residuals) in one PNG of the documented size.</summary>
public sealed class ImpedancePlotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cathodesim-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FitEis_WritesTheFourPanelFigure_AtItsDocumentedSize()
    {
        double[] f = SyntheticSpectra.Frequencies(1e6, 1e-2, 8);
        var z = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)").Impedance([20, 100, 2e-6, 0.85, 300, 1e-4, 0.9], f);
        string data = SyntheticSpectra.WriteCsv(Path.Combine(_dir, "cell.csv"), f, z);
        var outcome = CliHarness.Run("fit-eis", data, "--circuit", "R0-p(R1,CPE1)-p(R2,CPE2)", "--output", _dir);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        byte[] png = File.ReadAllBytes(Path.Combine(_dir, "cell_fit.png"));
        // IHDR: width and height, big-endian, at bytes 16-23.
        Assert.Equal(CathodeSim.IO.Output.ImpedanceFitWriter.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(CathodeSim.IO.Output.ImpedanceFitWriter.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.Equal(1400, CathodeSim.IO.Output.ImpedanceFitWriter.Width);
    }
}
