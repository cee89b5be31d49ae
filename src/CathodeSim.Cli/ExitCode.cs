namespace CathodeSim.Cli;

/// <summary>Process exit codes shared by every command.</summary>
public enum ExitCode
{
    /// <summary>Everything ran and every file was written.</summary>
    Success = 0,

    /// <summary>An unexpected error (I/O failure, bug); the message says which.</summary>
    Failure = 1,

    /// <summary>Bad input: command line, config file, key, unit or value. Nothing was run.</summary>
    BadInput = 2,

    /// <summary>The solver could not finish the protocol; results up to that point were written.</summary>
    SolverFailure = 3,

    /// <summary>Everything ran, but a validation case fell outside its stated tolerance (see the report).</summary>
    OutsideTolerance = 4,

    /// <summary>
    /// Interrupted by Ctrl+C or SIGTERM: `run` writes what it has done (to its last time step), marked partial; the other
    /// commands write nothing (a sweep keeps its finished cases for --resume).
    /// </summary>
    Cancelled = 130,
}
