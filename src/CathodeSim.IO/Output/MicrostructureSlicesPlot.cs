using CathodeSim.Model.Microstructure.Structures;
using CathodeSim.Numerics.Voxels;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes <c>&lt;stem&gt;_slices.png</c>: three planes of a composite coloured by phase (NCM, electrolyte, void) with a
/// legend: in-plane (x-y) at mid-thickness, and the through-thickness planes x-z at mid-y and y-z at mid-x, with the
/// current collector at the bottom (z = 0) and lengths in um.
/// </summary>
public static class MicrostructureSlicesPlot
{
    private const int PanelWidth = 520;
    private const int Height = 560;

    /// <summary>Phase colours, indexed by <see cref="CompositePhase"/>: void dark, NCM blue, electrolyte yellow.</summary>
    private static readonly Color[] PhaseColors = [Color.FromHex("#262626"), Color.FromHex("#2F5DA8"), Color.FromHex("#F2C14E")];

    private static readonly string[] PhaseNames = ["void", "NCM", "electrolyte"];

    /// <summary>Writes the figure atomically and returns its path.</summary>
    public static string Write(string path, VoxelGrid grid, string title)
    {
        ArgumentNullException.ThrowIfNull(grid);
        double um = grid.VoxelSize * 1e6;
        int zMid = grid.Nz / 2, yMid = grid.Ny / 2, xMid = grid.Nx / 2;
        var figure = new Multiplot();
        figure.AddPlots(3);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 1, columns: 3);
        Panel(figure.GetPlot(0), Slice(grid.Ny, grid.Nx, (r, c) => grid.Phases[grid.Index(c, r, zMid)]), grid.Nx * um, grid.Ny * um,
            $"{title}: x-y at z = {(zMid + 0.5) * um:F1} um", "x (um)", "y (um)", legend: false);
        Panel(figure.GetPlot(1), Slice(grid.Nz, grid.Nx, (r, c) => grid.Phases[grid.Index(c, yMid, r)]), grid.Nx * um, grid.Nz * um,
            $"x-z at y = {(yMid + 0.5) * um:F1} um", "x (um)", "z (um, collector at 0)", legend: true);
        Panel(figure.GetPlot(2), Slice(grid.Nz, grid.Ny, (r, c) => grid.Phases[grid.Index(xMid, c, r)]), grid.Ny * um, grid.Nz * um,
            $"y-z at x = {(xMid + 0.5) * um:F1} um", "y (um)", "z (um, collector at 0)", legend: false);
        AtomicFile.Write(path, temp => figure.SavePng(temp, 3 * PanelWidth, Height));
        return path;
    }

    /// <summary>A plane as heat-map rows, the first row drawn at the top: row index r of the plane goes to row rows - 1 - r.</summary>
    private static double[,] Slice(int rows, int columns, Func<int, int, byte> phase)
    {
        var values = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                values[rows - 1 - r, c] = phase(r, c);
        return values;
    }

    private static void Panel(Plot plot, double[,] values, double width, double height, string title, string xLabel, string yLabel, bool legend)
    {
        var heat = plot.Add.Heatmap(values);
        heat.Colormap = new PhaseColormap();
        heat.ManualRange = new ScottPlot.Range(0, PhaseColors.Length - 1);
        heat.Extent = new CoordinateRect(0, width, 0, height);
        plot.Axes.SetLimits(0, width, 0, height);
        plot.Axes.SquareUnits();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend)
        {
            var items = Enumerable.Range(0, PhaseColors.Length)
                .Select(i => new LegendItem { LabelText = PhaseNames[i], FillColor = PhaseColors[i], LineColor = Colors.Black, LineWidth = 1 });
            plot.ShowLegend(items, Alignment.UpperRight);
        }
    }

    /// <summary>Three flat colours over the label range 0..2 (a heat map normalises labels to [0, 1]).</summary>
    private sealed class PhaseColormap : IColormap
    {
        public string Name => "composite phases";

        public Color GetColor(double position)
        {
            int index = (int)Math.Round(Math.Clamp(position, 0, 1) * (PhaseColors.Length - 1));
            return PhaseColors[index];
        }
    }
}
