using System.CommandLine;
using CathodeSim.Analysis.Fitting;
using CathodeSim.Cli.Reporting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim fit-arrhenius FILE`: activation energy and reference conductivity from conductivities at several temperatures.</summary>
internal static class FitArrheniusCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file")
        {
            Description = "CSV/TSV of temperatures and ionic conductivities with a header such as 'T_K,sigma_S_per_cm' or 'T (degC),sigma (mS/cm)' "
                + "(an optional uncertainty column such as 'sigma_err_S_per_cm' weights the fit).",
        };
        var output = CommonOptions.Output();
        output.Description = "Directory for the files written (default: ./out).";
        var json = CommonOptions.Json();
        var form = new Option<string>("--form")
        {
            Description = "sigmaT: sigma T = A exp(-Ea/RT) (hopping conduction); plain: sigma = A exp(-Ea/RT), the model's law.",
            DefaultValueFactory = _ => "sigmaT",
        };
        form.AcceptOnlyFromAmong("sigmaT", "plain");
        var reference = new Option<string>("--reference-temperature")
        {
            Description = "Temperature of the reported and written conductivity.",
            DefaultValueFactory = _ => "25 degC",
            HelpName = "T",
        };
        var material = new Option<string>("--material")
        {
            Description = "Electrolyte the config fragment sets (a built-in one such as Li3InCl6 or Li6PS5Cl, or a new name).",
            DefaultValueFactory = _ => "Li3InCl6",
            HelpName = "NAME",
        };
        var temperatureUnit = new Option<string?>("--temperature-unit")
        {
            Description = "Unit of the temperature column when the file has no header or the header gives none: K or degC.",
            HelpName = "UNIT",
        };
        var conductivityUnit = new Option<string?>("--conductivity-unit")
        {
            Description = "Unit of the conductivity column when the file has no header or the header gives none, e.g. S/cm, mS/cm, S/m.",
            HelpName = "UNIT",
        };
        var command = new Command("fit-arrhenius", """
            Fit an Arrhenius law to ionic conductivities measured at several temperatures (linear least squares of
            ln(sigma T), or ln sigma, against 1/T); print the activation energy (kJ/mol and eV) with its standard error,
            the prefactor, the conductivity at the reference temperature with its standard error, R^2 and the residuals;
            write <stem>_arrhenius.yaml, a materials: section to paste into a config, and <stem>_arrhenius.png.

            Example:
              cathodesim fit-arrhenius examples/data/li3incl6-conductivity.csv --form sigmaT --reference-temperature "25 degC" --material Li3InCl6 --output out/fit
            """)
        {
            file, output, json, form, reference, material, temperatureUnit, conductivityUnit,
        };
        command.SetAction(parse => (int)Execute(context, parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(json),
            parse.GetValue(form) == "plain" ? ArrheniusForm.Plain : ArrheniusForm.SigmaT, parse.GetValue(reference)!, parse.GetValue(material)!,
            new ConductivityCsvOptions(parse.GetValue(temperatureUnit), parse.GetValue(conductivityUnit))));
        return command;
    }

    private static ExitCode Execute(CliContext context, string path, string? outputDirectory, bool json, ArrheniusForm form,
        string referenceText, string material, ConductivityCsvOptions units)
    {
        ConductivityData data;
        ArrheniusFitResult fit;
        try
        {
            double referenceTemperature;
            try
            {
                referenceTemperature = UnitParser.ToSi(referenceText, QuantityKind.Temperature);
            }
            catch (UnitFormatException e)
            {
                throw new ArgumentException($"--reference-temperature: {e.Message}");
            }
            if (!(referenceTemperature > 0))
                throw new ArgumentException($"--reference-temperature: '{referenceText}' is not above absolute zero (0 K)");
            ArrheniusConfigFragment.IsBuiltinElectrolyte(material);
            data = ConductivityCsvReader.Read(path, units);
            try
            {
                fit = ArrheniusFit.Fit(data.Measurements, form, referenceTemperature);
            }
            catch (ArgumentException e)
            {
                throw new MeasurementFileException(data.File, null, e.Message);
            }
        }
        catch (Exception e) when (e is MeasurementFileException or ArgumentException)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.BadInput;
        }

        foreach (string warning in fit.Warnings) context.Error.WriteLine($"warning: {warning}");
        bool builtin = ArrheniusConfigFragment.IsBuiltinElectrolyte(material);
        if (!builtin)
            context.Error.WriteLine($"warning: '{material}' is not in the built-in library: a config using the fragment must also give its density");

        string directory = Path.GetFullPath(outputDirectory ?? "out");
        string stem = Path.GetFileNameWithoutExtension(path);
        string dataName = Path.GetFileName(path);
        if (!OutputFiles.TryWrite(context, directory, staging =>
            [
                ArrheniusConfigFragment.Write(Path.Combine(staging, $"{stem}_arrhenius.yaml"), fit, material, dataName),
                ArrheniusPlot.Write(Path.Combine(staging, $"{stem}_arrhenius.png"), fit, dataName),
            ], out var files))
            return ExitCode.Failure;

        if (json) context.Out.WriteLine(ArrheniusReport.Json(data, fit, material, files));
        else ArrheniusReport.Render(context.Human, data, fit, files);
        return ExitCode.Success;
    }
}
