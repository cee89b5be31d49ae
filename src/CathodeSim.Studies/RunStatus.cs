namespace CathodeSim.Studies;

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>The whole protocol ran; every file was written.</summary>
    Completed,

    /// <summary>The solver could not finish the protocol; the results up to that point were written.</summary>
    SolverFailure,

    /// <summary>Cancelled during the run: the results up to the last completed time step were written, marked partial.</summary>
    Interrupted,

    /// <summary>Cancelled before the first time step: nothing was written, nothing of an earlier run was replaced.</summary>
    Cancelled,
}
