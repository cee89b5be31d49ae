namespace CathodeSim.IO.Measurements;

/// <summary>
/// A measurement file that cannot be read. The message reads like a compiler error and says what is expected:
/// <c>data/sigma.csv:7: 'n/a' in column 'sigma (S/cm)' is not a number; expected a conductivity in S/cm</c>.
/// </summary>
public sealed class MeasurementFileException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="file">The file as displayed.</param>
    /// <param name="line">1-based line, or null when the problem concerns the whole file.</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    public MeasurementFileException(string file, int? line, string problem)
        : this(file, line, problem, null)
    {
    }

    /// <summary>Creates the exception for a problem a library met first; <paramref name="inner"/> is kept for diagnosis.</summary>
    /// <param name="file">The file as displayed.</param>
    /// <param name="line">1-based line, or null when the problem concerns the whole file.</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    /// <param name="inner">The library's exception, or null.</param>
    public MeasurementFileException(string file, int? line, string problem, Exception? inner)
        : base(line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}", inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file as displayed (relative to the working directory where possible).</summary>
    public string File { get; }

    /// <summary>1-based line number, when the problem is on one line.</summary>
    public int? Line { get; }

    /// <summary>The problem alone, without location.</summary>
    public string Problem { get; }
}
