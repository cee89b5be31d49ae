namespace CathodeSim.Studies;

/// <summary>Ready-made <see cref="IStudyLog"/>s.</summary>
public static class StudyLog
{
    /// <summary>Drops every note and warning.</summary>
    public static IStudyLog Silent { get; } = new Lines(_ => { });

    /// <summary>Writes each note as <c>note: ...</c> and each warning as <c>warning: ...</c>, one line each.</summary>
    /// <param name="line">Receives the whole line, e.g. <c>Console.Error.WriteLine</c>.</param>
    public static IStudyLog ToLines(Action<string> line) => new Lines(line);

    private sealed class Lines(Action<string> line) : IStudyLog
    {
        public void Note(string message) => line($"note: {message}");

        public void Warning(string message) => line($"warning: {message}");
    }
}
