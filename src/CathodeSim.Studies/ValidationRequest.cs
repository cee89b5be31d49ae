namespace CathodeSim.Studies;

/// <summary>A validation against measured data (what <c>cathodesim validate</c> does).</summary>
/// <param name="CasesPath">A folder of validation case files (*.yaml), or one case file.</param>
/// <param name="Overrides">KEY=VALUE changes to every case's simulation, after the case's own.</param>
/// <param name="Quick">Only the cases marked <c>quick: true</c>.</param>
/// <param name="OutputDirectory">Where report.md, validation.csv and plots/ go; null for <c>out</c>.</param>
/// <param name="UpdateReport">Write them into the folder above the cases folder (the tracked report) instead of <paramref name="OutputDirectory"/>.</param>
public sealed record ValidationRequest(string CasesPath, IReadOnlyList<string> Overrides, bool Quick = false, string? OutputDirectory = null, bool UpdateReport = false);
