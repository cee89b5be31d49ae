namespace CathodeSim.Studies;

/// <summary>
/// Where a study sends what a user should read but that is not its result: notes (what was cleaned up or found) and
/// warnings (a part left out, a cache that cannot be written). The command line writes them on stderr as
/// <c>note: ...</c> and <c>warning: ...</c>; a library caller may log them or ignore them (<see cref="StudyLog.Silent"/>).
/// </summary>
public interface IStudyLog
{
    /// <summary>Something done on the user's behalf, e.g. the files of a killed run cleared from the output directory.</summary>
    /// <param name="message">One line, without a "note:" prefix.</param>
    void Note(string message);

    /// <summary>Something the study left out or could not do, with the results still valid.</summary>
    /// <param name="message">One line, without a "warning:" prefix.</param>
    void Warning(string message);
}
