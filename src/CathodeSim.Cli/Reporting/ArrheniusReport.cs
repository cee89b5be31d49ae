using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CathodeSim.Analysis.Fitting;
using CathodeSim.IO.Measurements;
using CathodeSim.IO.Output;
using Spectre.Console;

namespace CathodeSim.Cli.Reporting;

/// <summary>An Arrhenius fit as console tables for people and as JSON for scripts (the same numbers).</summary>
internal static class ArrheniusReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Render(IAnsiConsole console, ConductivityData data, ArrheniusFitResult fit, IReadOnlyList<string> files)
    {
        bool sigmaT = fit.Form == ArrheniusForm.SigmaT;
        string tRef = ArrheniusConfigFragment.ReferenceTemperatureText(fit.ReferenceTemperature);
        console.MarkupLineInterpolated(
            $"read {fit.Count} rows of {data.File}: temperature from '{data.TemperatureColumn}' ({data.TemperatureUnit}), conductivity from '{data.ConductivityColumn}' ({data.ConductivityUnit}){(data.UncertaintyColumn is null ? "" : $", uncertainty from '{data.UncertaintyColumn}' (weighted fit)")}");

        var table = new Table().Title(Markup.Escape(
            $"{Path.GetFileName(data.File)}: Arrhenius fit, {(sigmaT ? "sigma T = A exp(-Ea/RT)" : "sigma = A exp(-Ea/RT)")}, {fit.Count} points"));
        table.AddColumn("quantity");
        foreach (var header in new[] { "value", "standard error" }) table.AddColumn(new TableColumn(header).RightAligned());
        table.AddColumn("unit");
        void Row(string quantity, double value, double error, string unit) =>
            table.AddRow(Markup.Escape(quantity), UncertaintyFormat.Value(value, error), UncertaintyFormat.Error(error), Markup.Escape(unit));
        Row("activation energy Ea", fit.ActivationEnergy / 1e3, fit.ActivationEnergyStandardError / 1e3, "kJ/mol");
        Row("activation energy Ea", fit.ActivationEnergyElectronvolts, fit.ActivationEnergyElectronvoltsStandardError, "eV");
        table.AddRow("prefactor A", (fit.Prefactor / 100).ToString("G4", Inv),
            double.IsFinite(fit.PrefactorStandardError) ? (fit.PrefactorStandardError / 100).ToString("G2", Inv) : "-", sigmaT ? "S K/cm" : "S/cm");
        Row($"sigma at {tRef}", fit.ReferenceConductivity * 10, fit.ReferenceConductivityStandardError * 10, "mS/cm");
        if (sigmaT) Row($"Ea for the config (plain form at {tRef})", fit.PlainFormActivationEnergy / 1e3, fit.ActivationEnergyStandardError / 1e3, "kJ/mol");
        table.AddRow("R^2", fit.RSquared.ToString("F5", Inv), "", "");
        table.AddRow("points", fit.Count.ToString(Inv) + (fit.Weighted ? " (weighted)" : ""), "", "");
        console.Write(table);

        var points = new Table().Title("measurements and residuals");
        foreach (var header in new[] { "line", "T (K)", "T (degC)", "sigma (mS/cm)", "fitted (mS/cm)", "deviation (%)" })
            points.AddColumn(new TableColumn(header).RightAligned());
        for (int i = 0; i < fit.Count; i++)
        {
            var m = fit.Measurements[i];
            points.AddRow(data.Lines[i].ToString(Inv), m.Temperature.ToString("F2", Inv), (m.Temperature - 273.15).ToString("F2", Inv),
                (m.Conductivity * 10).ToString("G4", Inv), (fit.ConductivityAt(m.Temperature) * 10).ToString("G4", Inv),
                Percent(100 * (Math.Exp(fit.Residuals[i]) - 1)));
        }
        console.Write(points);
        foreach (var file in files) console.MarkupLineInterpolated($"wrote [green]{file}[/]");
    }

    public static string Json(ConductivityData data, ArrheniusFitResult fit, string material, IReadOnlyList<string> files)
    {
        bool sigmaT = fit.Form == ArrheniusForm.SigmaT;
        string prefactorUnit = sigmaT ? "S_K_per_cm" : "S_per_cm";
        var measurements = new JsonArray();
        for (int i = 0; i < fit.Count; i++)
        {
            var m = fit.Measurements[i];
            var point = new JsonObject
            {
                ["line"] = data.Lines[i],
                ["temperature_K"] = m.Temperature,
                ["conductivity_mS_per_cm"] = m.Conductivity * 10,
            };
            if (m.StandardUncertainty is double u) point["conductivity_standard_uncertainty_mS_per_cm"] = u * 10;
            point["fitted_conductivity_mS_per_cm"] = fit.ConductivityAt(m.Temperature) * 10;
            point["residual_ln"] = fit.Residuals[i];
            measurements.Add(point);
        }
        var root = new JsonObject
        {
            ["file"] = data.File,
            ["form"] = sigmaT ? "sigmaT" : "plain",
            ["weighted"] = fit.Weighted,
            ["points"] = fit.Count,
            ["degrees_of_freedom"] = fit.DegreesOfFreedom,
            ["activation_energy_kJ_per_mol"] = Number(fit.ActivationEnergy / 1e3),
            ["activation_energy_standard_error_kJ_per_mol"] = Number(fit.ActivationEnergyStandardError / 1e3),
            ["activation_energy_eV"] = Number(fit.ActivationEnergyElectronvolts),
            ["activation_energy_standard_error_eV"] = Number(fit.ActivationEnergyElectronvoltsStandardError),
            [$"prefactor_{prefactorUnit}"] = Number(fit.Prefactor / 100),
            [$"prefactor_standard_error_{prefactorUnit}"] = Number(fit.PrefactorStandardError / 100),
            ["ln_prefactor_standard_error"] = Number(fit.InterceptStandardError),
            ["reference_temperature_K"] = fit.ReferenceTemperature,
            ["reference_conductivity_mS_per_cm"] = Number(fit.ReferenceConductivity * 10),
            ["reference_conductivity_standard_error_mS_per_cm"] = Number(fit.ReferenceConductivityStandardError * 10),
            ["model_activation_energy_kJ_per_mol"] = Number(fit.PlainFormActivationEnergy / 1e3),
            ["r_squared"] = Number(fit.RSquared),
            ["residual_standard_deviation_ln"] = Number(Math.Sqrt(fit.ResidualVariance)),
            ["material"] = material,
            ["measurements"] = measurements,
        };
        var warnings = new JsonArray();
        foreach (string w in fit.Warnings) warnings.Add(w);
        root["warnings"] = warnings;
        var fileArray = new JsonArray();
        foreach (var f in files) fileArray.Add(f);
        root["files"] = fileArray;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Two decimals, without "-0.00" for a tiny negative deviation.</summary>
    private static string Percent(double value)
    {
        string text = value.ToString("F2", Inv);
        return text == "-0.00" ? "0.00" : text;
    }

    /// <summary>JSON has no NaN: undefined values (standard errors from 2 points) become null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
