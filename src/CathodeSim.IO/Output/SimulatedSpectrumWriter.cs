using System.Globalization;
using System.Numerics;
using System.Text;
using PureHDF;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>A simulated impedance spectrum as HDF5, CSV and Nyquist and Bode PNGs.</summary>
public static class SimulatedSpectrumWriter
{
    /// <summary>Writes <c>&lt;stem&gt;_eis.h5</c>, <c>_eis.csv</c>, <c>_nyquist.png</c> and <c>_bode.png</c>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(string directory, string stem, IReadOnlyList<double> frequencies, IReadOnlyList<Complex> impedance,
        string stateDescription, string resolvedConfig, string programVersion)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        double[] f = frequencies.ToArray(), re = impedance.Select(z => z.Real).ToArray(), im = impedance.Select(z => z.Imaginary).ToArray();
        double[] modulus = impedance.Select(Complex.Abs).ToArray(), phase = impedance.Select(z => z.Phase * 180 / Math.PI).ToArray();

        string h5 = Path.Combine(directory, stem + "_eis.h5");
        var file = new H5File
        {
            ["frequency_Hz"] = Hdf5Metadata.Dataset(f, "Hz", "frequency of the small-signal perturbation"),
            ["real_ohm"] = Hdf5Metadata.Dataset(re, "Ohm", "real part of the cell impedance Z'"),
            ["imaginary_ohm"] = Hdf5Metadata.Dataset(im, "Ohm", "imaginary part of the cell impedance Z'' (negative for capacitive behaviour)"),
            ["modulus_ohm"] = Hdf5Metadata.Dataset(modulus, "Ohm", "impedance modulus |Z|"),
            ["phase_deg"] = Hdf5Metadata.Dataset(phase, "deg", "impedance phase angle arg(Z)"),
            Attributes = Hdf5Metadata.AddProvenance(new() { ["state"] = stateDescription }, programVersion, DateTimeOffset.UtcNow, resolvedConfig),
        };
        AtomicFile.Write(h5, temp => file.Write(temp));
        paths.Add(h5);

        string csv = Path.Combine(directory, stem + "_eis.csv");
        var text = new StringBuilder("frequency_Hz,real_ohm,imaginary_ohm,modulus_ohm,phase_deg\n");
        for (int i = 0; i < f.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"{f[i]:R},{re[i]:R},{im[i]:R},{modulus[i]:R},{phase[i]:R}\n");
        AtomicFile.WriteText(csv, text.ToString());
        paths.Add(csv);
        paths.Add(CsvSidecar.Write(csv, new() { ["state"] = stateDescription }));

        var nyquist = new Plot();
        nyquist.Add.Scatter(re, im.Select(v => -v).ToArray()).LegendText = "simulated";
        nyquist.XLabel("Z' (ohm)");
        nyquist.YLabel("-Z'' (ohm)");
        nyquist.Title($"{stem}: {stateDescription}");
        nyquist.Axes.SquareUnits();
        string nyquistPath = Path.Combine(directory, stem + "_nyquist.png");
        AtomicFile.Write(nyquistPath, temp => nyquist.SavePng(temp, 900, 700));
        paths.Add(nyquistPath);

        var bode = new Plot();
        double[] logF = f.Select(Math.Log10).ToArray();
        bode.Add.Scatter(logF, modulus).LegendText = "|Z| (ohm)";
        var phaseLine = bode.Add.Scatter(logF, phase.Select(v => -v).ToArray());
        phaseLine.LegendText = "-phase (deg)";
        phaseLine.Axes.YAxis = bode.Axes.Right;
        bode.Axes.Right.Label.Text = "-phase (deg)";
        bode.XLabel("log10 frequency (Hz)");
        bode.YLabel("|Z| (ohm)");
        bode.Title($"{stem}: {stateDescription}");
        bode.ShowLegend(Edge.Right);
        string bodePath = Path.Combine(directory, stem + "_bode.png");
        AtomicFile.Write(bodePath, temp => bode.SavePng(temp, 900, 600));
        paths.Add(bodePath);
        return paths;
    }
}
