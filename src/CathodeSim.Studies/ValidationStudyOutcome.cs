using CathodeSim.Analysis.Validation;

namespace CathodeSim.Studies;

/// <summary>What a validation study found and wrote.</summary>
/// <param name="Cases">One outcome per case, in order; each names its plot's final path where one was drawn.</param>
/// <param name="Files">The files written (plots, validation.csv, report.md), final paths.</param>
/// <param name="ReportPath">report.md.</param>
/// <param name="Seconds">Wall time, s.</param>
public sealed record ValidationStudyOutcome(IReadOnlyList<ValidationOutcome> Cases, IReadOnlyList<string> Files, string ReportPath, double Seconds)
{
    /// <summary>True when every case is within its stated tolerance.</summary>
    public bool AllPassed => Cases.All(o => o.Passed);
}
