namespace CathodeSim.IO.Config;

/// <summary>
/// An invalid configuration, reported before anything runs. The message reads like a compiler error:
/// <c>configs/x.yaml:12: cell.cathode.mass: expected a mass such as '5.5 mg', got '5.5'</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="file">File the offending value came from ("--set ..." for a command-line override), or null.</param>
    /// <param name="line">1-based line in <paramref name="file"/>, or null.</param>
    /// <param name="keyPath">Dotted key path, e.g. "cell.cathode.mass" or "protocol[2]", or null.</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    public ConfigException(string? file, int? line, string? keyPath, string problem)
        : base(Format(file, line, keyPath, problem))
    {
        File = file;
        Line = line;
        KeyPath = keyPath;
        Problem = problem;
    }

    /// <summary>File the offending value came from, as displayed (relative to the working directory where possible).</summary>
    public string? File { get; }

    /// <summary>1-based line number, when known.</summary>
    public int? Line { get; }

    /// <summary>Dotted key path of the offending value.</summary>
    public string? KeyPath { get; }

    /// <summary>The problem alone, without location.</summary>
    public string Problem { get; }

    private static string Format(string? file, int? line, string? keyPath, string problem)
    {
        var parts = new List<string>(3);
        if (!string.IsNullOrEmpty(file)) parts.Add(line is null ? file : $"{file}:{line}");
        if (!string.IsNullOrEmpty(keyPath)) parts.Add(keyPath);
        parts.Add(problem);
        return string.Join(": ", parts);
    }
}
