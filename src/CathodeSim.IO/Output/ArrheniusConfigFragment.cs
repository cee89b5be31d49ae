using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CathodeSim.Analysis.Fitting;
using CathodeSim.IO.Config;

namespace CathodeSim.IO.Output;

/// <summary>
/// The result of an Arrhenius fit as a config fragment, <c>&lt;stem&gt;_arrhenius.yaml</c>: a <c>materials:</c> section with the
/// electrolyte's <c>ionic_conductivity</c> at the reference temperature, its <c>activation_energy</c> and
/// <c>reference_temperature</c>, each value with its source, ready to paste into a config.
/// </summary>
/// <remarks>
/// The model scales the conductivity as sigma_ref exp(-(Ea/R)(1/T - 1/T_ref)) (plain form). For a sigma T fit the
/// activation energy written is therefore <see cref="ArrheniusFitResult.PlainFormActivationEnergy"/> (Ea - R T_ref: the same
/// conductivity and slope at T_ref); the fitted Ea is quoted in the source.
/// </remarks>
public static partial class ArrheniusConfigFragment
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.()+-]*$")]
    private static partial Regex MaterialNameRegex();

    /// <summary>
    /// Checks that <paramref name="material"/> can name an electrolyte in a config; true when the built-in library has it
    /// (then the fragment only overrides its conductivity), false for a new material (a config must then also give its
    /// <c>density</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Not a plain name, or a built-in material that is not an electrolyte.</exception>
    public static bool IsBuiltinElectrolyte(string material)
    {
        ArgumentNullException.ThrowIfNull(material);
        if (!MaterialNameRegex().IsMatch(material))
            throw new ArgumentException($"--material '{material}' is not a plain material name such as 'Li3InCl6' (letters, digits, '_', '-', '.', '+', parentheses)");
        var library = (MapNode)ConfigYaml.Parse(ConfigLoader.BuiltinMaterialsYaml, ConfigLoader.LibraryFileName);
        var materials = (MapNode)library.Find("materials")!.Value;
        if (materials.Find(material)?.Value is not MapNode entry) return false;
        string? kind = (entry.Find("kind")?.Value as ScalarNode)?.Value;
        if (kind == "electrolyte") return true;
        var electrolytes = materials.Entries.Where(e => e.Value is MapNode m && (m.Find("kind")?.Value as ScalarNode)?.Value == "electrolyte").Select(e => e.Key);
        throw new ArgumentException(
            $"--material '{material}' is a built-in {kind?.Replace('_', ' ') ?? "material"}, not an electrolyte; expected an electrolyte ({string.Join(", ", electrolytes)}) or a new name");
    }

    /// <summary>The fragment's YAML text.</summary>
    /// <param name="fit">The fit.</param>
    /// <param name="material">Material name in the config (see <see cref="IsBuiltinElectrolyte"/>).</param>
    /// <param name="dataFile">The data file's name, quoted in the sources.</param>
    public static string Text(ArrheniusFitResult fit, string material, string dataFile)
    {
        ArgumentNullException.ThrowIfNull(fit);
        bool builtin = IsBuiltinElectrolyte(material);
        var inv = CultureInfo.InvariantCulture;
        string form = fit.Form == ArrheniusForm.SigmaT ? "sigmaT" : "plain";
        string law = fit.Form == ArrheniusForm.SigmaT ? "sigma T = A exp(-Ea/RT)" : "sigma = A exp(-Ea/RT)";
        string tRef = ReferenceTemperatureText(fit.ReferenceTemperature);
        string basis = string.Create(inv, $"fit-arrhenius of {dataFile}, {form} form, {fit.Count} points{(fit.Weighted ? " (weighted)" : "")}, R^2 = {fit.RSquared:G6}");
        double sigmaMs = fit.ReferenceConductivity * 10;      // S/m -> mS/cm
        double sigmaMsError = fit.ReferenceConductivityStandardError * 10;
        double ea = fit.ActivationEnergy / 1e3, eaError = fit.ActivationEnergyStandardError / 1e3;
        double eaModel = fit.PlainFormActivationEnergy / 1e3;
        double eV = fit.ActivationEnergyElectronvolts, eVError = fit.ActivationEnergyElectronvoltsStandardError;
        string fitted = fit.HasErrorEstimate
            ? $"Ea = {UncertaintyFormat.WithError(ea, eaError, "kJ/mol")} ({UncertaintyFormat.WithError(eV, eVError, "eV")}) in {law}"
            : $"Ea = {UncertaintyFormat.Value(ea, eaError)} kJ/mol ({UncertaintyFormat.Value(eV, eVError)} eV, no error estimate) in {law}";
        string eaSource = fit.Form == ArrheniusForm.SigmaT
            ? string.Create(inv, $"{basis}; {fitted}, written as Ea - R T_ref = {eaModel:G6} kJ/mol, the model's plain-form activation energy with the same slope at {tRef}")
            : $"{basis}; {fitted}";

        var sb = new StringBuilder();
        sb.Append(inv, $"# Ionic conductivity of {material} from `cathodesim fit-arrhenius {dataFile} --form {form}`.\n");
        sb.Append("# Paste into a config (or merge with its materials: section). The model scales the conductivity from\n");
        sb.Append("# reference_temperature as sigma_ref exp(-(Ea/R)(1/T - 1/T_ref)).\n");
        sb.Append("materials:\n");
        sb.Append(inv, $"  {material}:\n");
        sb.Append("    kind: electrolyte\n");
        if (!builtin)
            sb.Append(inv, $"    # density: ... g/cm^3   (required: {material} is not in the built-in library)\n");
        sb.Append("    ionic_conductivity:\n");
        sb.Append(inv, $"      value: {sigmaMs:G6} mS/cm\n");
        sb.Append(inv, $"      source: {Quote($"{basis}; sigma({tRef}) = {UncertaintyFormat.WithError(sigmaMs, sigmaMsError, "mS/cm")}")}\n");
        sb.Append("    activation_energy:\n");
        sb.Append(inv, $"      value: {eaModel:G6} kJ/mol\n");
        sb.Append(inv, $"      source: {Quote(eaSource)}\n");
        sb.Append(inv, $"    reference_temperature: {tRef}\n");
        return sb.ToString();
    }

    /// <summary>Writes <see cref="Text"/> to <paramref name="path"/> atomically; returns the path.</summary>
    public static string Write(string path, ArrheniusFitResult fit, string material, string dataFile)
    {
        string text = Text(fit, material, dataFile);
        AtomicFile.WriteText(path, text);
        return path;
    }

    /// <summary>"25 degC" (6 significant digits in degC).</summary>
    public static string ReferenceTemperatureText(double kelvin)
    {
        double celsius = Math.Round(kelvin - 273.15, 9) + 0.0;   // + 0.0: no "-0"
        return celsius.ToString("G6", CultureInfo.InvariantCulture) + " degC";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
