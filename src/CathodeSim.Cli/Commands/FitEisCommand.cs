using System.CommandLine;
using System.Globalization;
using System.Numerics;
using CathodeSim.Analysis.Impedance;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim fit-eis FILE --circuit ...`: equivalent-circuit fit of an impedance spectrum.</summary>
internal static class FitEisCommand
{
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.SpectrumFile();
        var circuit = new Option<string>("--circuit", "-c")
        {
            Description = "Equivalent circuit in impedance.py syntax: '-' series, p(a,b) parallel; elements R, C, L, CPE, W, Wo, Ws, K, Zarc, G, Gs, La, TLMQ, T with an index.",
            Required = true,
            HelpName = "CIRCUIT",
        };
        var initial = new Option<string?>("--initial")
        {
            Description = "Initial guesses, e.g. \"R0=40,R1=100,CPE1_0=1e-6,CPE1_1=0.9\" (SI units); parameters not given are estimated from the data.",
            HelpName = "NAME=VALUE,...",
        };
        var fix = new Option<string[]>("--fix")
        {
            Description = "Hold a parameter at its initial value; repeatable or comma-separated, e.g. --fix R0.",
            HelpName = "NAME",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var weighting = new Option<string>("--weighting")
        {
            Description = "Residual weighting: modulus (1/|Z|, impedance.py's weight_by_modulus=True), proportional (1/|Re Z| and 1/|Im Z|) or unit (none, impedance.py's default).",
            DefaultValueFactory = _ => "modulus",
        };
        weighting.AcceptOnlyFromAmong("modulus", "proportional", "unit");
        var starts = new Option<int>("--starts")
        {
            Description = $"Random starts added to the data-based ones; all descend by Levenberg-Marquardt in rounds, the better half of them going on each round until two are taken to convergence (default {CircuitFitOptions.DefaultStarts}; 0: data-based starts only).",
            HelpName = "N",
            DefaultValueFactory = _ => CircuitFitOptions.DefaultStarts,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the random starts: the same seed gives the same fit bit for bit.",
            HelpName = "S",
            DefaultValueFactory = _ => 1,
        };
        var bounds = new Option<string?>("--bounds")
        {
            Description = "Bounds of parameters, e.g. \"R0=0:100,CPE1_1=0.5:1\" (SI units; 'inf' for none); default (0, inf), exponents (CPE, Zarc, La alpha, TLMQ gamma) (0, 1].",
            HelpName = "NAME=LO:HI,...",
        };
        var loop = SpectrumSelection.LoopOption();
        var fmin = CommonOptions.MinimumFrequency();
        var fmax = CommonOptions.MaximumFrequency();
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var command = new Command("fit-eis", """
            Fit an equivalent circuit to an impedance spectrum by complex non-linear least squares (MathNet's Levenberg-Marquardt
            on weighted real and imaginary residuals, parameters kept within bounds) from the data-based starts plus --starts
            seeded random ones, by successive halving (every start a round of iterations, the better half of the distinct
            ones another round, and so on; the last two to convergence), keeping the best; print each parameter with its
            standard error, the chi-square and the fit time, warn about degenerate parameters (on a bound, run off, an
            exponent at 0 or 1, standard error above 10x the value); write <stem>_fit.csv (data, fit, residuals) and
            <stem>_fit.png (Nyquist, zoom, Bode and residual panels).
            Parameters are named as in impedance.py: R0, C1, CPE1_0 (Q) and CPE1_1 (alpha), Wo1_0 (R) and Wo1_1 (tau), W1 (sigma),
            Zarc1_0..2 (R, tau, alpha), TLMQ1_0..2 (R_ion, Q_s, gamma), T1_0..3 (A, B, a, b); see docs/impedance-fitting.md.

            Example:
              cathodesim fit-eis examples/data/halfcell-peis.csv --circuit "R0-p(R1,CPE1)-p(R2,CPE2)-W1" --initial "R0=40,R1=100" --fix R0 --weighting modulus --fmax "1 MHz" --starts 48 --seed 7 --bounds "CPE1_1=0.5:1" --output out/eis
            """)
        {
            file, circuit, initial, fix, weighting, starts, seed, bounds, loop, fmin, fmax, output, json,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(circuit)!, parse.GetValue(initial),
            parse.GetValue(fix) ?? [], parse.GetValue(weighting)!, new Search(parse.GetValue(starts), parse.GetValue(seed), parse.GetValue(bounds)),
            parse.GetValue(loop), parse.GetValue(fmin), parse.GetValue(fmax), parse.GetValue(output), parse.GetValue(json)));
        return command;
    }

    /// <summary>The multi-start options as given on the command line.</summary>
    private sealed record Search(int Starts, int Seed, string? Bounds);

    private static ExitCode Execute(CliContext context, string path, string circuitText, string? initialText, string[] fixedNames,
        string weightingText, Search search, int? loop, string? fminText, string? fmaxText, string? outputDirectory, bool json)
    {
        Circuit circuit;
        MeasuredSpectrum spectrum;
        var selected = new List<string>();
        CircuitFitResult fit;
        try
        {
            try
            {
                circuit = Circuit.Parse(circuitText);
            }
            catch (CircuitFormatException e)
            {
                context.Error.WriteLine($"error: --circuit: {e.Message.Split('\n')[0]}");
                foreach (string line in e.Message.Split('\n').Skip(1)) context.Error.WriteLine(line);
                return ExitCode.BadInput;
            }
            var options = new CircuitFitOptions
            {
                Weighting = weightingText switch
                {
                    "proportional" => ImpedanceWeighting.Proportional,
                    "unit" => ImpedanceWeighting.Unit,
                    _ => ImpedanceWeighting.Modulus,
                },
                Initial = ParseInitial(initialText),
                Fixed = fixedNames.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                Starts = search.Starts >= 0 ? search.Starts : throw new ArgumentException($"--starts: {search.Starts} is negative; give 0 or more random starts"),
                Seed = search.Seed,
                Bounds = ParseBounds(search.Bounds),
            };
            foreach (string name in options.Bounds.Keys)
                if (circuit.IndexOf(name) < 0)
                    throw new ArgumentException($"--bounds: '{name}' is not a parameter of {circuit.Text}; its parameters are {string.Join(", ", circuit.ParameterNames)}");
            foreach (string name in options.Fixed)
            {
                if (circuit.IndexOf(name) < 0)
                    throw new ArgumentException($"--fix: '{name}' is not a parameter of {circuit.Text}; its parameters are {string.Join(", ", circuit.ParameterNames)}");
                if (!options.Initial.ContainsKey(name))
                    throw new ArgumentException($"--fix {name}: give its value with --initial \"{name}=...\"");
            }
            var selection = SpectrumSelection.Parse(loop, fminText, fmaxText);
            spectrum = MeasurementReader.ReadSpectrum(path);
            (_, var frequency, var z) = selection.Select(spectrum, path, selected);
            try
            {
                fit = CircuitFitter.Fit(circuit, frequency, z, options);
            }
            catch (ArgumentException e)
            {
                // What the fit refuses here is the data (the options were checked above): name the file.
                throw new ArgumentException($"{path}: {e.Message}", e);
            }
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException or UnitFormatException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }
        if (!double.IsFinite(fit.ChiSquare))
        {
            context.Error.WriteLine($"error: the fit of {circuit.Text} diverged (chi-square {fit.ChiSquare}); try other --initial values");
            return ExitCode.Failure;
        }

        var warnings = new List<string>(spectrum.Warnings.Concat(selected));
        if (fit.ReachedIterationLimit) warnings.Add($"the fit stopped at the iteration limit ({fit.Iterations}) before converging");
        // Degenerate parameters (on a bound, run off, CPE alpha at 0 or 1, standard error above 10x): the circuit has more than the data hold.
        warnings.AddRange(fit.Warnings.Select(w => $"{w.Parameter} is degenerate: {w.Reason}"));
        // Determined, but barely: kept from before the degenerate checks, which only flag errors above 10x the value.
        for (int i = 0; i < fit.Parameters.Length; i++)
            if (!fit.Fixed[i] && fit.Warnings.All(w => w.Parameter != circuit.ParameterNames[i]) && !(fit.StandardErrors[i] < Math.Abs(fit.Parameters[i])))
                warnings.Add($"{circuit.ParameterNames[i]} is poorly determined (standard error {fit.StandardErrors[i]:G3} not below its value {fit.Parameters[i]:G3})");
        foreach (string warning in warnings) context.Error.WriteLine($"warning: {warning}");

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                ImpedanceFitWriter.WriteCsv(Path.Combine(staging, $"{stem}_fit.csv"), fit),
                ImpedanceFitWriter.WritePlot(Path.Combine(staging, $"{stem}_fit.png"), fit, Path.GetFileName(path)),
            ], out var files))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(FitEisReport.Json(spectrum.Source, fit, warnings, files));
        else FitEisReport.Render(context.Human, spectrum.Source, fit, files);
        return ExitCode.Success;
    }

    /// <summary>"R0=0:100, CPE1_1=0.5:1" to bounds by name; bad entries are <see cref="ArgumentException"/>s naming --bounds and the entry.</summary>
    internal static Dictionary<string, (double Lower, double Upper)> ParseBounds(string? text)
    {
        var values = new Dictionary<string, (double, double)>();
        if (string.IsNullOrWhiteSpace(text)) return values;
        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = entry.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--bounds: '{entry}' is not NAME=LOWER:UPPER");
            string name = entry[..eq].Trim();
            string[] range = entry[(eq + 1)..].Split(':', StringSplitOptions.TrimEntries);
            if (range.Length != 2) throw new ArgumentException($"--bounds: '{entry}' is not NAME=LOWER:UPPER");
            double lo = Bound(entry, range[0]), hi = Bound(entry, range[1]);
            if (!(lo < hi)) throw new ArgumentException($"--bounds: '{entry}': lower {range[0]} is not below upper {range[1]}");
            if (!values.TryAdd(name, (lo, hi))) throw new ArgumentException($"--bounds: {name} is given twice");
        }
        return values;
    }

    private static double Bound(string entry, string text) => text.ToLowerInvariant() switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new ArgumentException($"--bounds: '{entry}': '{text}' is not a number"),
    };

    /// <summary>"R0=40, R1=1e2" to a dictionary; bad entries are <see cref="ArgumentException"/>s naming the entry.</summary>
    internal static Dictionary<string, double> ParseInitial(string? text)
    {
        var values = new Dictionary<string, double>();
        if (string.IsNullOrWhiteSpace(text)) return values;
        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = entry.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--initial: '{entry}' is not NAME=VALUE");
            string name = entry[..eq].Trim();
            if (!double.TryParse(entry[(eq + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw new ArgumentException($"--initial: '{entry}': '{entry[(eq + 1)..].Trim()}' is not a number");
            if (!values.TryAdd(name, v)) throw new ArgumentException($"--initial: {name} is given twice");
        }
        return values;
    }
}
