using System.Diagnostics;
using System.Text;

namespace CathodeSim.Fuzz;

/// <summary>What one reader's run found.</summary>
/// <param name="Target">The reader.</param>
/// <param name="Executions">Inputs run.</param>
/// <param name="Crashes">Inputs that threw something other than the documented refusal.</param>
/// <param name="Hangs">Inputs that ran past the per-execution timeout or memory guard.</param>
/// <param name="Slow">Inputs that passed the timeout but finished within <see cref="FuzzRunner.Grace"/>: not hangs, reported.</param>
/// <param name="Refused">Inputs refused with the documented exception (the expected outcome of most mutations).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Findings">One line per distinct finding: signature and saved input.</param>
public sealed record FuzzReport(string Target, int Executions, int Crashes, int Hangs, int Slow, int Refused, TimeSpan Elapsed, IReadOnlyList<string> Findings)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Target,-18} executions {Executions,8}  crashes {Crashes,4}  hangs {Hangs,3}  slow {Slow,3}  refused {Refused,8}  time {Elapsed.TotalSeconds,7:F1} s";
}

/// <summary>
/// Runs a reader on mutated corpus files, each execution on its own thread with a timeout and a memory guard. An
/// exception other than the reader's documented refusal, a timeout or a memory blow-up is a finding: its input is
/// saved (and, for exceptions, minimised) under the output folder.
/// </summary>
public static class FuzzRunner
{
    /// <summary>The folder tests/fuzz-corpus of the repository, found upwards from the current and the base directory.</summary>
    public static string CorpusRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "fuzz-corpus");
                if (Directory.Exists(candidate)) return candidate;
            }
        throw new DirectoryNotFoundException("tests/fuzz-corpus not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The corpus files of <paramref name="target"/> that are present.</summary>
    public static IReadOnlyList<string> CorpusFiles(FuzzTarget target)
    {
        string root = CorpusRoot();
        string external = Path.GetFullPath(Path.Combine(root, "..", "..", "..", "shared", "external-data"));
        return target.Corpus.Select(c => c.StartsWith("external:", StringComparison.Ordinal)
                ? Path.Combine(external, c["external:".Length..])
                : Path.Combine(root, c))
            .Where(File.Exists).ToList();
    }

    /// <summary>Fuzzes <paramref name="target"/>.</summary>
    /// <param name="target">The reader.</param>
    /// <param name="executions">At most this many inputs.</param>
    /// <param name="seed">Seed of the mutator: the same seed gives the same inputs.</param>
    /// <param name="outputDir">Where findings and scratch files go.</param>
    /// <param name="timeBudget">Stops early after this long (null: no limit).</param>
    /// <param name="timeout">Per-execution limit (a hang).</param>
    /// <param name="memoryLimitBytes">Managed heap growth during one execution that counts as a blow-up. The default, 3 GiB, is
    /// above the largest single array the runtime allows (2 GiB): PureHDF allocates a buffer of the size a damaged length
    /// field states before reading into it, and the guarded reader refuses right after; a runaway loop passes it.</param>
    /// <param name="progress">Progress lines, or null.</param>
    public static FuzzReport Run(FuzzTarget target, int executions, int seed, string outputDir, TimeSpan? timeBudget = null,
        TimeSpan? timeout = null, long memoryLimitBytes = 3L << 30, Action<string>? progress = null)
    {
        var files = CorpusFiles(target);
        if (files.Count == 0) return new FuzzReport(target.Name, 0, 0, 0, 0, 0, TimeSpan.Zero, ["no corpus file present; skipped"]);
        var corpus = files.Select(File.ReadAllBytes).ToList();
        string ext = Path.GetExtension(files[0]);
        string work = Path.Combine(outputDir, target.Name);
        Directory.CreateDirectory(work);
        // The input file keeps the corpus extension: detection falls back on it (.mpr, .DTA).
        string input = Path.Combine(work, "current-input" + ext);
        var limit = timeout ?? TimeSpan.FromSeconds(2);
        var random = new Random(seed);
        var seen = new HashSet<string>();
        var findings = new List<string>();
        int crashes = 0, hangs = 0, slow = 0, refused = 0, done = 0;
        var clock = Stopwatch.StartNew();
        for (; done < executions; done++)
        {
            if (timeBudget is { } budget && clock.Elapsed > budget) break;
            // The unmutated corpus first: a reader that cannot read its own seeds is a finding too.
            byte[] bytes = done < corpus.Count ? corpus[done] : Mutator.Mutate(corpus[random.Next(corpus.Count)], random, target.Text, corpus);
            var outcome = Execute(target, input, bytes, limit, memoryLimitBytes);
            switch (outcome.Kind)
            {
                case OutcomeKind.Refused: refused++; break;
                case OutcomeKind.Slow:
                    slow++;
                    findings.Add(Save(work, "slow", outcome, bytes, ext));
                    break;
                case OutcomeKind.Crash:
                    crashes++;
                    if (seen.Add(outcome.Signature))
                    {
                        byte[] small = Minimise(target, input, bytes, outcome.Signature, limit, memoryLimitBytes);
                        findings.Add(Save(work, "crash", outcome, small, ext));
                        progress?.Invoke($"{target.Name}: CRASH {outcome.Signature}");
                    }
                    break;
                case OutcomeKind.Hang:
                    hangs++;
                    findings.Add(Save(work, "hang", outcome, bytes, ext));
                    progress?.Invoke($"{target.Name}: HANG {outcome.Signature}");
                    // The runaway thread cannot be stopped; a few are tolerable, more would starve the rest of the run.
                    if (hangs >= 3) { done++; goto end; }
                    break;
            }
            if (progress is not null && done > 0 && done % 10000 == 0)
                progress($"{target.Name}: {done} executions, {crashes} crashes, {hangs} hangs, {clock.Elapsed.TotalSeconds:F0} s");
        }
    end:
        return new FuzzReport(target.Name, done, crashes, hangs, slow, refused, clock.Elapsed, findings);
    }

    private enum OutcomeKind { Accepted, Refused, Crash, Hang, Slow }

    /// <summary>Time a timed-out execution gets to finish before it counts as a hang.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    private sealed record Outcome(OutcomeKind Kind, string Signature, string Detail);

    private static Outcome Execute(FuzzTarget target, string input, byte[] bytes, TimeSpan timeout, long memoryLimit)
    {
        File.WriteAllBytes(input, bytes);
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { target.Run(input); }
            catch (Exception e) { error = e; }
        }, 16 << 20) { IsBackground = true };
        long before = GC.GetTotalMemory(false);
        var clock = Stopwatch.StartNew();
        thread.Start();
        while (!thread.Join(20))
        {
            if (GC.GetTotalMemory(false) - before > memoryLimit)
                return new Outcome(OutcomeKind.Hang, $"memory above {memoryLimit >> 20} MiB after {clock.Elapsed.TotalSeconds:F1} s", "");
            if (clock.Elapsed > timeout)
            {
                // On a shared, loaded machine a slow input can pass the timeout; one that finishes within the grace
                // period is slow, not hung, and is reported as such.
                if (thread.Join(Grace)) return new Outcome(OutcomeKind.Slow, $"took {clock.Elapsed.TotalSeconds:F1} s", "");
                return new Outcome(OutcomeKind.Hang, $"no end after {clock.Elapsed.TotalSeconds:F1} s", "");
            }
        }
        if (error is null) return new Outcome(OutcomeKind.Accepted, "", "");
        if (target.Refusals.Any(t => t.IsInstanceOfType(error)))
        {
            // A refusal must still name the file: a message without it is of no use on a command line.
            if (!error.Message.Contains(Path.GetFileName(input), StringComparison.Ordinal))
                return new Outcome(OutcomeKind.Crash, $"{error.GetType().Name} without the file name", error.ToString());
            return new Outcome(OutcomeKind.Refused, "", "");
        }
        return new Outcome(OutcomeKind.Crash, Signature(error), error.ToString());
    }

    /// <summary>Exception type and the first frames, which tell distinct defects apart.</summary>
    private static string Signature(Exception e)
    {
        var frames = new StackTrace(e, false).GetFrames().Select(f => f.GetMethod()).Where(m => m is not null)
            .Select(m => $"{m!.DeclaringType?.Name}.{m.Name}").Take(3);
        return $"{e.GetType().Name} at {string.Join(" < ", frames)}";
    }

    /// <summary>Greedy shrinking: drops chunks (halves, quarters, ...) while the signature stays the same.</summary>
    private static byte[] Minimise(FuzzTarget target, string input, byte[] bytes, string signature, TimeSpan timeout, long memoryLimit)
    {
        var best = bytes;
        int tries = 0;
        for (int chunk = Math.Max(1, best.Length / 2); chunk >= 1 && tries < 300; chunk /= 2)
        {
            for (int start = 0; start < best.Length && tries < 300; )
            {
                tries++;
                int cut = Math.Min(chunk, best.Length - start);
                byte[] candidate = [.. best.AsSpan(0, start), .. best.AsSpan(start + cut)];
                var o = Execute(target, input, candidate, timeout, memoryLimit);
                if (o.Kind == OutcomeKind.Crash && o.Signature == signature) best = candidate;
                else start += chunk;
            }
        }
        return best;
    }

    private static string Save(string work, string kind, Outcome outcome, byte[] bytes, string ext)
    {
        string hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..12].ToLowerInvariant();
        string path = Path.Combine(work, $"{kind}-{hash}{ext}");
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(path + ".txt", outcome.Signature + "\n\n" + outcome.Detail + "\n", Encoding.UTF8);
        return $"{outcome.Signature} -> {path}";
    }
}
