using CathodeSim.Analysis.Validation;
using CathodeSim.IO.Validation;

namespace CathodeSim.Studies;

/// <summary>A validation case begun or finished.</summary>
/// <param name="Index">The case's place in the run, from 0.</param>
/// <param name="Count">Cases in the run.</param>
/// <param name="Case">The case.</param>
/// <param name="Finished">Its outcome once finished; null when it begins.</param>
/// <param name="OutsideToleranceSoFar">Cases before it (and it, once finished) that missed their tolerance or were not evaluated.</param>
public sealed record ValidationProgress(int Index, int Count, ValidationCase Case, ValidationOutcome? Finished, int OutsideToleranceSoFar);
