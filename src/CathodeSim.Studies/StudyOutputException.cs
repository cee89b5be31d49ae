namespace CathodeSim.Studies;

/// <summary>
/// A study's files could not be written (an I/O or permission failure, an unusable file name). What the directory held
/// before stays as it was; the message names the directory or file and the cause, e.g.
/// <c>could not write to '/out': Permission denied</c>.
/// </summary>
public sealed class StudyOutputException : IOException
{
    /// <summary>Creates the exception with its whole message.</summary>
    /// <param name="message">What could not be written, and why.</param>
    /// <param name="inner">The failure underneath.</param>
    public StudyOutputException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
