using System.CommandLine;
using System.Globalization;
using CathodeSim.IO.Units;

namespace CathodeSim.Cli.Commands;

/// <summary>Options and parsing shared by `cathodesim gitt` and `cathodesim gitt-analyze`.</summary>
internal static class GittOptions
{
    /// <summary>An option whose value is a quantity, given as one token ("2 um") or two (2 um).</summary>
    public static Option<string[]> Quantity(string name, string description, string helpName, string? defaultText = null)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = new ArgumentArity(1, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        if (defaultText is not null) option.DefaultValueFactory = _ => [defaultText];
        return option;
    }

    public static Option<double> ShortTimeLimit() => new("--short-time-limit")
    {
        Description = "Largest tau D/R^2 at which a pulse counts as short (Weppner-Huggins is 10 % low at 0.004 for a sphere); longer pulses are flagged long_pulse.",
        DefaultValueFactory = _ => 0.004,
        HelpName = "T",
    };

    /// <summary>Parses a quantity option; null when it was not given.</summary>
    /// <exception cref="ArgumentException">Not a quantity of <paramref name="kind"/>; the message names the option.</exception>
    public static double? Parse(string option, string[]? tokens, QuantityKind kind, bool positive = true)
    {
        if (tokens is null || tokens.Length == 0) return null;
        string text = string.Join(' ', tokens);
        double value;
        try
        {
            value = UnitParser.ToSi(text, kind, allowCoulomb: false);
        }
        catch (UnitFormatException e)
        {
            throw new ArgumentException($"{option}: {e.Message}");
        }
        if (positive && !(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"{option}: '{text}' must be a positive {kind.Description[(kind.Description.IndexOf(' ') + 1)..]}, e.g. {kind.Example}");
        return value;
    }

    /// <summary>"0.1C", "C/10" or "0.1" as a C-rate.</summary>
    /// <exception cref="ArgumentException">Not a positive C-rate.</exception>
    public static double CRate(string option, string text)
    {
        string t = text.Trim();
        double value = double.NaN;
        if (t.StartsWith("C/", StringComparison.OrdinalIgnoreCase) && double.TryParse(t[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out double divisor))
            value = 1 / divisor;
        else if (double.TryParse(t.EndsWith('C') || t.EndsWith('c') ? t[..^1] : t, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate))
            value = rate;
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentException($"{option}: '{text}' is not a positive C-rate such as 0.1C or C/10");
        return value;
    }
}
