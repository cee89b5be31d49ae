using System.CommandLine;

namespace CathodeSim.Cli.Commands;

/// <summary>The options every command takes, with the same names and meanings everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Directory for the files written (default: the config's output.directory, else ./out).",
        HelpName = "DIR",
    };

    /// <summary>--time-unit s|min|h: the unit of a measured series' time column whose header gives none.</summary>
    public static Option<string?> TimeUnit()
    {
        var option = new Option<string?>("--time-unit")
        {
            Description = "Unit of the file's time column when its header gives none (e.g. a bare 'TestTime' of numbers): s, min or h. Clock times (hh:mm:ss, d-hh:mm:ss) need none.",
            HelpName = "s|min|h",
        };
        option.AcceptOnlyFromAmong("s", "min", "h");
        return option;
    }

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the results as JSON on stdout (units in the key names) instead of tables.",
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a config value without editing the file, units allowed; repeatable. Example: --set cell.cathode.active_mass_fraction=0.7",
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "Where the particle diffusion solves run: cpu (plain C#), gpu (CUDA through ILGPU), auto (gpu when one is found, else cpu), ilgpu-cpu (the GPU kernels on ILGPU's CPU accelerator, for checks).",
        DefaultValueFactory = _ => "cpu",
        HelpName = "cpu|gpu|auto|ilgpu-cpu",
    };

    public static Argument<string> SpectrumFile() => new("file")
    {
        Description = "Impedance spectrum: EC-Lab .mpt/.mpr, Gamry .DTA, or CSV with frequency, Re(Z) and Im(Z) (or -Im(Z)) columns.",
    };

    public static Option<string?> MinimumFrequency() => new("--fmin")
    {
        Description = "Lowest frequency of the spectrum to use, with its unit (e.g. '10 mHz'); lower points are left out.",
        HelpName = "FREQUENCY",
    };

    public static Option<string?> MaximumFrequency() => new("--fmax")
    {
        Description = "Highest frequency of the spectrum to use, with its unit (e.g. '1 MHz'); higher points are left out.",
        HelpName = "FREQUENCY",
    };

    public static Argument<string> Config() => new("config")
    {
        Description = "YAML config file (see configs/ and README).",
    };
}
