using System.Globalization;
using System.Text;
using CathodeSim.Analysis.Gitt;
using ScottPlot;

namespace CathodeSim.IO.Output;

/// <summary>Files of a GITT analysis: the per-pulse table as CSV, voltage against time and D against stoichiometry as PNG.</summary>
public static class GittWriter
{
    /// <summary>Column names of <see cref="WriteCsv"/>, units in the names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "pulse", "direction", "start_time_s", "duration_s", "current_A", "charge_C", "x_before", "x_after", "x_mid",
        "rest_voltage_before_V", "quasi_equilibrium_voltage_V", "rest_duration_s", "ir_drop_V", "dE_s_V", "dE_t_V",
        "dE_dsqrt_t_V_per_sqrt_s", "D_weppner_huggins_m2_per_s", "D_sqrt_t_m2_per_s", "D_sphere_corrected_m2_per_s",
        "tau_D_per_R2", "valid", "flags",
    ];

    /// <summary>Writes one row per pulse; returns the path.</summary>
    public static string WriteCsv(string path, GittAnalysisResult analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append('\n');
        foreach (var p in analysis.Pulses)
        {
            string[] fields =
            [
                CsvFields.Number(p.Number), p.Direction == GittPulseDirection.Charge ? "charge" : "discharge",
                CsvFields.Number(p.StartTime), CsvFields.Number(p.Duration), CsvFields.Number(p.Current), CsvFields.Number(p.Charge),
                CsvFields.Number(p.StoichiometryBefore), CsvFields.Number(p.StoichiometryAfter), CsvFields.Number(p.Stoichiometry),
                CsvFields.Number(p.RestVoltageBefore), CsvFields.Number(p.RestVoltageAfter), CsvFields.Number(p.RestDuration),
                CsvFields.Number(p.IrDrop), CsvFields.Number(p.SteadyStateChange), CsvFields.Number(p.TransientChange),
                CsvFields.Number(p.SqrtTimeSlope), CsvFields.Number(p.Diffusivity), CsvFields.Number(p.SqrtTimeDiffusivity),
                CsvFields.Number(p.SphereCorrectedDiffusivity), CsvFields.Number(p.DimensionlessTime), p.IsValid ? "1" : "0", FlagText(p.Flags),
            ];
            text.Append(string.Join(',', fields)).Append('\n');
        }
        AtomicFile.WriteText(path, text.ToString());
        CsvSidecar.Write(path, new() { ["particle_radius_m"] = CsvSidecar.Number(analysis.ParticleRadius) });
        return path;
    }

    /// <summary>Flags as "long_pulse|small_signal" ("" for none).</summary>
    public static string FlagText(GittFlags flags)
    {
        if (flags == GittFlags.None) return "";
        var names = new List<string>();
        if (flags.HasFlag(GittFlags.LongPulse)) names.Add("long_pulse");
        if (flags.HasFlag(GittFlags.SmallSignal)) names.Add("small_signal");
        if (flags.HasFlag(GittFlags.MissingRest)) names.Add("missing_rest");
        if (flags.HasFlag(GittFlags.Truncated)) names.Add("truncated");
        if (flags.HasFlag(GittFlags.Inconsistent)) names.Add("inconsistent");
        return string.Join('|', names);
    }

    /// <summary>
    /// The time unit that suits a record of <paramref name="span"/> seconds: s up to 10 min, min up to 10 h, h beyond, so a
    /// record of a few short pulses is not squeezed against an axis in hours.
    /// </summary>
    public static (double Seconds, string Unit) TimeUnit(double span) => span <= 600 ? (1, "s") : span <= 36000 ? (60, "min") : (3600, "h");

    /// <summary>Voltage (left) and current (right) against time, in a unit that suits the record, with the detected pulse starts marked; returns the path.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="series">The record.</param>
    /// <param name="analysis">Its analysis (pulse starts).</param>
    /// <param name="title">Plot title.</param>
    /// <param name="counterElectrode">The counter electrode the voltage is measured against ("Li", "Li-In"), for the axis label; null where not known.</param>
    public static string WriteVoltagePlot(string path, GittSeries series, GittAnalysisResult analysis, string title, string? counterElectrode = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(analysis);
        var plot = new Plot();
        double span = series.Time.Length > 0 ? series.Time[^1] - series.Time[0] : 0;
        var (seconds, unit) = TimeUnit(span);
        var time = series.Time.Select(t => t / seconds).ToArray();
        var line = plot.Add.Scatter(time, series.Voltage);
        line.MarkerSize = 0;
        line.LegendText = "voltage";
        var current = plot.Add.Scatter(time, series.Current.Select(i => 1e3 * i).ToArray());
        current.MarkerSize = 0;
        current.LineWidth = 1;
        current.LegendText = "current";
        current.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "Current (mA)";
        var starts = analysis.Pulses.Select(p => p.StartTime / seconds).ToArray();
        if (starts.Length > 0)
        {
            var marks = plot.Add.ScatterPoints(starts, analysis.Pulses.Select(p => p.RestVoltageBefore).Select(v => double.IsNaN(v) ? double.NaN : v).ToArray());
            marks.MarkerSize = 4;
            marks.LegendText = "pulse start (E_0)";
        }
        plot.Title(title);
        plot.XLabel($"Time ({unit})");
        plot.YLabel(counterElectrode is null ? "Voltage (V)" : $"Voltage (V vs {counterElectrode})");
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, 1000, 600));
        return path;
    }

    /// <summary>
    /// log10 D against stoichiometry: Weppner-Huggins and sqrt(t) estimates (trusted pulses filled, flagged ones faint) and,
    /// when given, the model's D(x) at the run temperature as a line. Pulses without a stoichiometry are plotted against their number.
    /// </summary>
    public static string WriteDiffusivityPlot(string path, GittAnalysisResult analysis, string title, Func<double, double>? model = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var plot = new Plot();
        bool haveX = analysis.Pulses.Count > 0 && analysis.Pulses.All(p => double.IsFinite(p.Stoichiometry));
        double X(GittPulse p) => haveX ? p.Stoichiometry : p.Number;
        void Series(IEnumerable<GittPulse> pulses, Func<GittPulse, double> d, string label, Color color, MarkerShape shape)
        {
            var points = pulses.Where(p => d(p) > 0 && double.IsFinite(d(p))).ToArray();
            if (points.Length == 0) return;
            var s = plot.Add.ScatterPoints(points.Select(X).ToArray(), points.Select(p => Math.Log10(d(p))).ToArray(), color);
            s.MarkerShape = shape;
            s.MarkerSize = 7;
            s.LegendText = label;
        }
        var valid = analysis.Pulses.Where(p => p.IsValid).ToArray();
        var flagged = analysis.Pulses.Where(p => !p.IsValid).ToArray();
        Series(valid, p => p.Diffusivity, "Weppner-Huggins", Colors.Blue, MarkerShape.FilledCircle);
        Series(valid, p => p.SqrtTimeDiffusivity, "sqrt(t) slope", Colors.Green, MarkerShape.FilledSquare);
        Series(flagged, p => p.Diffusivity, "Weppner-Huggins, flagged", Colors.Blue.WithAlpha(0.35), MarkerShape.OpenCircle);
        Series(flagged, p => p.SqrtTimeDiffusivity, "sqrt(t) slope, flagged", Colors.Green.WithAlpha(0.35), MarkerShape.OpenSquare);
        if (model is not null && haveX)
        {
            double lo = analysis.Pulses.Min(p => Math.Min(p.StoichiometryBefore, p.StoichiometryAfter));
            double hi = analysis.Pulses.Max(p => Math.Max(p.StoichiometryBefore, p.StoichiometryAfter));
            var xs = Enumerable.Range(0, 201).Select(i => lo + (hi - lo) * i / 200.0).ToArray();
            var line = plot.Add.Scatter(xs, xs.Select(x => Math.Log10(model(x))).ToArray(), Colors.Black);
            line.MarkerSize = 0;
            line.LegendText = "model D(x)";
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y.ToString("0", CultureInfo.InvariantCulture)}",
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MinorTickStyle.Length = 3;
        plot.Title(title);
        plot.XLabel(haveX ? "Stoichiometry x in Li_xMO2 (mid-pulse)" : "Pulse");
        plot.YLabel("D (m^2/s)");
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(path, temp => plot.SavePng(temp, 1000, 600));
        return path;
    }
}
