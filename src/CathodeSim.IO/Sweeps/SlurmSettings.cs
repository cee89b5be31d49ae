using System.Globalization;
using System.Text.RegularExpressions;
using CathodeSim.IO.Config;

namespace CathodeSim.IO.Sweeps;

/// <summary>
/// What a Slurm job array of a sweep asks the scheduler for, and which cathodesim its tasks run: from the sweep file's
/// <c>cluster:</c> section and the <c>--slurm-*</c>, <c>--sbatch</c>, <c>--max-array-size</c> and <c>--cathodesim</c>
/// options (the command line wins). Null means "not given": the cluster's defaults apply.
/// </summary>
/// <param name="Time">Wall time per array task in a Slurm time format (<c>30</c>, <c>2:00:00</c>, <c>1-12:00:00</c>).</param>
/// <param name="Memory">Memory per node of a task, Slurm style (<c>4G</c>, <c>500M</c>; a plain number is megabytes).</param>
/// <param name="Partition">Partition (queue) name(s).</param>
/// <param name="Account">Account charged.</param>
/// <param name="Qos">Quality of service.</param>
/// <param name="Sbatch">Further <c>#SBATCH</c> lines, each an sbatch option such as <c>--constraint=avx2</c>.</param>
/// <param name="Throttle">At most this many array tasks run at once (the <c>%</c> of <c>--array</c>).</param>
/// <param name="MaxArraySize">The cluster's MaxArraySize: tasks per array (default <see cref="DefaultMaxArraySize"/>).</param>
/// <param name="Cathodesim">The cathodesim executable the tasks run (a path, or a name found on the nodes' PATH).</param>
public sealed record SlurmSettings(
    string? Time = null,
    string? Memory = null,
    string? Partition = null,
    string? Account = null,
    string? Qos = null,
    IReadOnlyList<string>? Sbatch = null,
    int? Throttle = null,
    int? MaxArraySize = null,
    string? Cathodesim = null)
{
    /// <summary>Slurm's default MaxArraySize (slurm.conf): array indices 0 to 1000.</summary>
    public const int DefaultMaxArraySize = 1001;

    /// <summary>No settings.</summary>
    public static SlurmSettings None { get; } = new();

    /// <summary>The extra sbatch lines (never null).</summary>
    public IReadOnlyList<string> SbatchLines => Sbatch ?? [];

    /// <summary>True when nothing is given.</summary>
    public bool IsEmpty => Time is null && Memory is null && Partition is null && Account is null && Qos is null && SbatchLines.Count == 0
        && Throttle is null && MaxArraySize is null && Cathodesim is null;

    /// <summary>The command-line options of the values given, e.g. ["--slurm-time", "--sbatch"].</summary>
    public IReadOnlyList<string> GivenOptions() =>
    [
        .. Time is null ? Array.Empty<string>() : ["--slurm-time"], .. Memory is null ? Array.Empty<string>() : ["--slurm-mem"],
        .. Partition is null ? Array.Empty<string>() : ["--slurm-partition"], .. Account is null ? Array.Empty<string>() : ["--slurm-account"],
        .. Qos is null ? Array.Empty<string>() : ["--slurm-qos"], .. SbatchLines.Count == 0 ? Array.Empty<string>() : ["--sbatch"],
        .. Throttle is null ? Array.Empty<string>() : ["--slurm-throttle"], .. MaxArraySize is null ? Array.Empty<string>() : ["--max-array-size"],
        .. Cathodesim is null ? Array.Empty<string>() : ["--cathodesim"],
    ];

    /// <summary>The array size limit in force.</summary>
    public int ArrayLimit => MaxArraySize ?? DefaultMaxArraySize;

    /// <summary>These settings over <paramref name="lower"/>: each value given here wins; sbatch lines given here replace the lower ones.</summary>
    public SlurmSettings Over(SlurmSettings lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        return new SlurmSettings(Time ?? lower.Time, Memory ?? lower.Memory, Partition ?? lower.Partition, Account ?? lower.Account,
            Qos ?? lower.Qos, Sbatch is { Count: > 0 } ? Sbatch : lower.Sbatch, Throttle ?? lower.Throttle, MaxArraySize ?? lower.MaxArraySize,
            Cathodesim ?? lower.Cathodesim);
    }

    /// <summary>
    /// Checks every value and returns the settings as written into scripts (memory suffix upper-case, <c>#SBATCH</c>
    /// prefixes of extra lines removed). Throws <see cref="FormatException"/> naming the command-line option.
    /// </summary>
    public SlurmSettings Checked()
    {
        static string? Check(string? value, string option, Func<string, string?> problem) =>
            value is null ? null : problem(value) is { } p ? throw new FormatException($"{option} '{value}': {p}") : value;
        Check(Time, "--slurm-time", TimeProblem);
        Check(Memory, "--slurm-mem", MemoryProblem);
        Check(Partition, "--slurm-partition", NameProblem);
        Check(Account, "--slurm-account", NameProblem);
        Check(Qos, "--slurm-qos", NameProblem);
        if (Throttle is < 1) throw new FormatException($"--slurm-throttle {Throttle}: expected at least 1 task at a time");
        if (MaxArraySize is < 1) throw new FormatException($"--max-array-size {MaxArraySize}: expected at least 1 (the cluster's MaxArraySize, see `scontrol show config`)");
        var lines = new List<string>();
        foreach (var line in SbatchLines) lines.Add(NormalizeSbatchLine(line) is var (normal, problem) && problem is null ? normal : throw new FormatException($"--sbatch '{line}': {problem}"));
        if (Cathodesim is { Length: 0 }) throw new FormatException("--cathodesim '': expected the path of a cathodesim executable, or a name on the compute nodes' PATH");
        return this with { Memory = Memory?.ToUpperInvariant(), Sbatch = lines };
    }

    private static readonly Regex TimePattern = new(@"^(?:(?<d>\d+)-(?<h>\d+)(?::(?<m>\d+)(?::(?<s>\d+))?)?|(?<a>\d+)(?::(?<b>\d+)(?::(?<c>\d+))?)?)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Why <paramref name="text"/> is not a Slurm time limit, or null when it is one: minutes, minutes:seconds,
    /// hours:minutes:seconds, days-hours, days-hours:minutes or days-hours:minutes:seconds (every part but the first below 60,
    /// hours after a day below 24), or UNLIMITED.
    /// </summary>
    public static string? TimeProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string formats = "expected a Slurm time limit: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 30, 2:00:00, 1-12:00:00) or UNLIMITED";
        string t = text.Trim();
        if (t.Equals("UNLIMITED", StringComparison.OrdinalIgnoreCase) || t.Equals("INFINITE", StringComparison.OrdinalIgnoreCase)) return null;
        var m = TimePattern.Match(t);
        if (!m.Success) return formats;
        static long? Part(Group g) => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : null;
        long total;
        if (m.Groups["d"].Success)
        {
            long h = Part(m.Groups["h"])!.Value;
            if (h >= 24 || Part(m.Groups["m"]) >= 60 || Part(m.Groups["s"]) >= 60) return $"hours below 24 and minutes and seconds below 60 after the day; {formats}";
            total = Part(m.Groups["d"])!.Value + h + (Part(m.Groups["m"]) ?? 0) + (Part(m.Groups["s"]) ?? 0);
        }
        else
        {
            // MM, MM:SS or HH:MM:SS: every part after the first below 60.
            long? b = Part(m.Groups["b"]), c = Part(m.Groups["c"]);
            if (b >= 60 || c >= 60) return $"minutes and seconds after the first part below 60; {formats}";
            total = Part(m.Groups["a"])!.Value + (b ?? 0) + (c ?? 0);
        }
        // Slurm reads 0 as "no limit": write UNLIMITED for that, so that a typo does not ask for infinite time.
        return total == 0 ? "a time limit of zero; write UNLIMITED for no limit" : null;
    }

    private static readonly Regex MemoryPattern = new(@"^[0-9]+[KMGTkmgt]?$", RegexOptions.CultureInvariant);

    /// <summary>Why <paramref name="text"/> is not a Slurm memory size (a whole number with K, M, G or T; megabytes without), or null.</summary>
    public static string? MemoryProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (!MemoryPattern.IsMatch(t)) return "expected a whole number with the unit K, M, G or T, e.g. 4G or 500M (a plain number is megabytes)";
        return t.TrimEnd('K', 'M', 'G', 'T', 'k', 'm', 'g', 't').All(ch => ch == '0') ? "zero memory; Slurm reads --mem=0 as \"all of the node's memory\", ask for that with --sbatch=--mem=0" : null;
    }

    private static readonly Regex NamePattern = new(@"^[A-Za-z0-9_.+,\-]+$", RegexOptions.CultureInvariant);

    /// <summary>Why <paramref name="text"/> is not a partition, account or QOS name (letters, digits, _ . + - and commas between names), or null.</summary>
    public static string? NameProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NamePattern.IsMatch(text) ? null : "expected a name of letters, digits, '_', '.', '+' or '-' (a comma between several)";
    }

    // The array, its output files and the job name are what the scripts are built on: set through their own options.
    private static readonly string[] Reserved = ["--array", "-a", "--output", "-o", "--error", "-e", "--job-name", "-J", "--dependency", "-d", "--parsable", "--wait", "-W"];

    /// <summary>
    /// An extra sbatch line as written into the script (<c>--constraint=avx2</c>; a leading <c>#SBATCH</c> is dropped),
    /// or why it cannot be one.
    /// </summary>
    public static (string Line, string? Problem) NormalizeSbatchLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string t = line.Trim();
        if (t.StartsWith("#SBATCH", StringComparison.Ordinal)) t = t["#SBATCH".Length..].Trim();
        // "constraint=avx2" stands for "--constraint=avx2": a value starting with "--" needs --sbatch=--... on the command line.
        if (t.Length > 0 && char.IsAsciiLetter(t[0])) t = "--" + t;
        if (t.Length == 0 || t[0] != '-') return (t, "expected an sbatch option such as --constraint=avx2 or --mail-type=END");
        if (t.IndexOfAny(['\n', '\r', '\0']) >= 0) return (t, "one option per --sbatch, on one line");
        string option = t.Split('=', ' ')[0];
        if (Reserved.Contains(option, StringComparer.Ordinal))
            return (t, $"{option} is written by cathodesim itself (array size: --emit-slurm, --max-array-size, --slurm-throttle; logs and job names follow the sweep name)");
        return (t, null);
    }

    /// <summary>Reads the sweep file's <c>cluster:</c> section (null when absent); errors name the file, the line and the key.</summary>
    internal static SlurmSettings? Read(ObjectReader sweep)
    {
        var map = Config.Read.Map(sweep, "cluster", "a map of scheduler settings such as {time: 2:00:00, mem: 4G, partition: short}", required: false);
        if (map is null) return null;
        var r = new ObjectReader(map, "cluster", sweep.KeyOrigin("cluster"), "time", "mem", "partition", "account", "qos", "sbatch", "throttle",
            "max_array_size", "cathodesim");
        string? Text(string key, string expectation, Func<string, string?>? problem = null)
        {
            string? value = Config.Read.Text(r, key, expectation, required: false);
            if (value is not null && problem?.Invoke(value) is { } p) throw r.Get(key)!.Origin.Error(r.Child(key), $"{p}, got '{value}'");
            return value;
        }
        var lines = new List<string>();
        if (r.Get("sbatch") is { } node)
        {
            var items = node switch
            {
                ScalarNode s => new List<ConfigNode> { s },
                SequenceNode q => q.Items,
                _ => throw Config.Read.Expected(node, "cluster.sbatch", "a list of sbatch options such as [--constraint=avx2, --mail-type=END]"),
            };
            for (int i = 0; i < items.Count; i++)
            {
                string label = node is SequenceNode ? $"cluster.sbatch[{i}]" : "cluster.sbatch";
                if (items[i] is not ScalarNode s) throw Config.Read.Expected(items[i], label, "an sbatch option such as --constraint=avx2");
                var (line, problem) = NormalizeSbatchLine(s.Value);
                if (problem is not null) throw s.Origin.Error(label, $"{problem}, got '{s.Value}'");
                lines.Add(line);
            }
        }
        return new SlurmSettings(
            Text("time", "a Slurm time limit such as 2:00:00", TimeProblem),
            Text("mem", "a memory size such as 4G", MemoryProblem)?.ToUpperInvariant(),
            Text("partition", "a partition name", NameProblem),
            Text("account", "an account name", NameProblem),
            Text("qos", "a QOS name", NameProblem),
            lines,
            Config.Read.Integer(r, "throttle", 1, "50", required: false),
            Config.Read.Integer(r, "max_array_size", 1, "1001", required: false),
            Text("cathodesim", "the path of a cathodesim executable on the shared file system, or a name on the compute nodes' PATH"));
    }
}
