namespace CathodeSim.IO.Config;

/// <summary>
/// Bounds on the work and memory an input file can ask for, checked while loading, before anything runs. Each limit
/// sits far above every shipped configuration and sweep (orders of magnitude, see the reasons) and far below what would
/// exhaust memory or run for days: a value beyond one is a typo (a unit, a missing decimal point) or a hostile file.
/// </summary>
public static class ConfigLimits
{
    /// <summary>
    /// Largest YAML file read (configs, sweeps, validation cases, calibrations), bytes: 10 MiB. The largest shipped
    /// file is a few kB; 10 MiB keeps parsing under a second, while larger input would only be read to fail later.
    /// </summary>
    public const long MaxYamlFileBytes = 10L * 1024 * 1024;

    /// <summary>
    /// Most YAML nodes (scalars, lists, maps) one file may expand to, counting every use of an alias (<c>*name</c>) as a
    /// full copy of what it names: 100,000. A shipped config has a few hundred nodes with the material library; long
    /// tables stay well below. Aliases nest, so a few lines can name billions of nodes (an "alias bomb"): they are
    /// counted while the file is parsed, before any copy is made.
    /// </summary>
    public const long MaxYamlNodes = 100_000;

    /// <summary>
    /// Deepest nesting of lists and maps in a YAML file: 64. Configs nest about 6 deep; the parser recurses per level,
    /// so thousands of levels would overflow the stack instead of giving a message.
    /// </summary>
    public const int MaxYamlDepth = 64;

    /// <summary>
    /// Longest run name (<c>name:</c>), characters: 120. The name starts every file a run writes; with the longest suffix a
    /// command adds (about 60 characters) a file name stays within the 255 bytes file systems allow.
    /// </summary>
    public const int MaxNameLength = 120;

    /// <summary>
    /// Most executable steps a protocol may unroll to (repeat counts multiplied out): 100,000. The cycling configs run
    /// 100 cycles of 2 steps; a 10,000-cycle ageing study of 4 steps still fits. Every unrolled step is planned in
    /// memory before the run starts, so a repeat of 10^9 would fill gigabytes before the first time step.
    /// </summary>
    public const long MaxProtocolSteps = 100_000;

    /// <summary>
    /// Longest time limit of one step ('for ...' of a rest, hold or current step), s: 10,000 h (about 14 months). The
    /// longest shipped step is a 14-day rest (336 h); '1e12 h' is a unit slip, not an experiment.
    /// </summary>
    public const double MaxStepDuration = 10_000 * 3600.0;

    /// <summary>
    /// Most solver time steps one step may need at the largest step the solver takes (<c>numerics.max_step</c>, default
    /// 600 s): 1,000,000. A 10,000 h rest at the default needs 60,000; with max_step made tiny, a long rest would need
    /// billions of steps.
    /// </summary>
    public const double MaxTimeStepsPerStep = 1_000_000;

    /// <summary>
    /// Smallest C-rate of a current step without a time limit, and smallest end current of a voltage hold without one:
    /// 1e-4 C (C/10,000). A full charge at that rate takes 10,000 h, the <see cref="MaxStepDuration"/>; slower steps
    /// ending on a voltage or charge would run for years of simulated time, and a hold whose end current is that small
    /// may never end. Currents in mA or mA/cm^2 are converted to C-rates with the cell's 1C current.
    /// </summary>
    public const double MinCRate = 1e-4;

    /// <summary>
    /// Largest current of a step, as a C-rate: 1,000C (a full charge in 3.6 s). Rate tests of solid-state cells go to
    /// 5 to 20C and the shipped configs to 2C; beyond 1,000C the cell hits its cut-off within the first solver steps,
    /// and a current in mA or mA/cm^2 that large is a unit slip (A for mA). Currents in mA and mA/cm^2 are converted
    /// with the cell's 1C current (cathode mass x active mass fraction x nominal specific capacity) and area.
    /// </summary>
    public const double MaxCRate = 1_000;

    /// <summary>
    /// Range of <c>cell.nominal_specific_capacity</c>, mAh/g: [1, 10,000]. Lithium metal (3,860 mAh/g) is the highest
    /// of any electrode, oxide cathodes give 100 to 300; the 1C current follows from this value, so '1e-300 mAh/g'
    /// would make every C-rate step run forever.
    /// </summary>
    public const double MinNominalSpecificCapacity = 1, MaxNominalSpecificCapacity = 10_000;

    /// <summary>
    /// Largest <c>numerics.cathode_nodes</c> and <c>numerics.radial_shells</c>: 1,000 each. Defaults are 20 and no
    /// shipped config or test asks for more; 1,000 is 50 times the default.
    /// </summary>
    public const int MaxGridNodes = 1_000;

    /// <summary>
    /// Largest <c>numerics.size_bins</c>: 100. The default is 5 and no shipped config or test asks for more;
    /// each bin is a full set of particle problems in every cathode node.
    /// </summary>
    public const int MaxSizeBins = 100;

    /// <summary>
    /// Most particle unknowns (cathode_nodes x size_bins x radial_shells): 1,000,000. The default grid has 2,000; the
    /// solver keeps several arrays of this size per run and per parallel sweep case.
    /// </summary>
    public const long MaxParticleUnknowns = 1_000_000;

    /// <summary>
    /// Default most cases one sweep may have: 100,000 (raise with <c>max_cases</c> in the sweep file, up to
    /// <see cref="MaxSweepCasesCeiling"/>). The benchmark sweeps have 1,000; every case is validated and held in memory
    /// (about 2 kB each) before the first runs, and 100,000 cases of a few seconds are already days of CPU time.
    /// </summary>
    public const int DefaultMaxSweepCases = 100_000;

    /// <summary>Highest value <c>max_cases</c> accepts: 1,000,000 (about 2 GB of validated cases before any runs).</summary>
    public const int MaxSweepCasesCeiling = 1_000_000;

    /// <summary>
    /// Default wall-time limit of one sweep case (all its protocols): 10 min. A shipped case runs in seconds; one that
    /// runs for minutes has usually stalled (a solver creeping at its smallest step), and would hold a worker forever.
    /// Set <c>case_time_limit</c> in the sweep file to change it.
    /// </summary>
    public static readonly TimeSpan DefaultCaseTimeLimit = TimeSpan.FromMinutes(10);
}
