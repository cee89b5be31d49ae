using System.Globalization;
using System.Text;
using CathodeSim.Analysis.Calibration;
using CathodeSim.IO.Config;
using CathodeSim.IO.Validation;

namespace CathodeSim.IO.Output;

/// <summary>
/// Writes the calibrated config: <c>extends:</c> the calibration's config, with the calibration's own overrides and
/// every fitted value in place, each fitted value carrying its source (the calibration file, the data, the estimate
/// with its standard error). <c>run</c>, <c>sweep</c> and <c>validate</c> accept it like any config.
/// </summary>
public static class CalibratedConfigWriter
{
    /// <summary>Writes <paramref name="path"/> atomically and checks that it loads; returns the path.</summary>
    /// <exception cref="ConfigException">The written config does not load (then nothing is left at <paramref name="path"/>).</exception>
    public static string Write(string path, CalibrationDefinition definition, CalibrationResult result, DateTimeOffset when) =>
        Write(path, path, definition, result, when);

    /// <summary>
    /// Writes the config to <paramref name="path"/> (a staging directory, say) as it must read at
    /// <paramref name="finalPath"/>, where it will be moved: its <c>extends:</c> is relative to that final place, and the
    /// load check is made there (with a temporary file). Returns <paramref name="path"/>.
    /// </summary>
    /// <exception cref="ConfigException">The config does not load at its final place (then nothing is left at <paramref name="path"/>).</exception>
    public static string Write(string path, string finalPath, CalibrationDefinition definition, CalibrationResult result, DateTimeOffset when)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(result);
        string full = Path.GetFullPath(path);
        string final = Path.GetFullPath(finalPath);
        var origin = new Origin(ConfigLoader.Display(final), null);
        string basePath = Path.GetRelativePath(Path.GetDirectoryName(final)!, definition.ConfigPath).Replace('\\', '/');
        var root = new MapNode(origin, [new MapEntry("extends", origin, new ScalarNode(origin, basePath, false))]);
        foreach (string text in definition.Overrides)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            Place(root, text[..eq].Trim(), text[(eq + 1)..].Trim(), $"calibration setting of {definition.File}", origin);
        }
        string data = string.Join("; ", definition.Data.Select(d => d.Label));
        for (int k = 0; k < definition.Keys.Count; k++)
        {
            var key = definition.Keys[k];
            var e = result.Estimates[k];
            string error = double.IsFinite(e.StandardError) ? $" +/- {key.Written(e.StandardError)}" : " (standard error undetermined)";
            string source = $"fitted by cathodesim fit {definition.File} on {when:yyyy-MM-dd} to {data}: {key.Written(e.Value)}{error}"
                + (e.AtBound ? " (on a bound of the fit)" : "");
            Place(root, key.Key, key.Written(e.Value), source, origin);
        }
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"Calibrated config written by `cathodesim fit {definition.File}` on {when:yyyy-MM-dd HH:mm} UTC.\n");
        if (definition.Description.Length > 0) header.Append(definition.Description).Append('\n');
        header.Append(CultureInfo.InvariantCulture, $"Fitted to: {data}.\n");
        header.Append(CultureInfo.InvariantCulture, $"chi^2 = {result.ChiSquare:G4} for {result.DegreesOfFreedom} degrees of freedom (start: {result.InitialChiSquare:G4}); {result.Iterations} iterations, {result.Evaluations} model evaluations.\n");
        foreach (var w in result.Warnings) header.Append("warning: ").Append(w).Append('\n');
        string text2 = ConfigYaml.Emit(root, header.ToString().TrimEnd('\n'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        // Checked where it will lie, so that its relative extends: resolves as it will for run, sweep and validate.
        string check = final + ".check.yaml";
        try
        {
            File.WriteAllText(check, text2);
            ConfigLoader.Load(check, []);
        }
        finally
        {
            File.Delete(check);
        }
        AtomicFile.WriteText(full, text2);
        return full;
    }

    /// <summary>Puts <paramref name="value"/> at the dotted <paramref name="keyPath"/>; a key ending in "value" gets its source beside it.</summary>
    private static void Place(MapNode root, string keyPath, string value, string source, Origin origin)
    {
        string[] parts = keyPath.Split('.');
        var map = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            var entry = map.Find(parts[i]);
            if (entry?.Value is not MapNode child)
            {
                child = new MapNode(origin, []);
                map.Set(parts[i], origin, child);
            }
            map = child;
        }
        map.Set(parts[^1], origin, new ScalarNode(origin, value, false));
        map.Set("source", origin, new ScalarNode(origin, parts[^1] == "value" ? source : $"{parts[^1]}: {source}", true));
    }
}
