using CathodeSim.Fuzz;
using Xunit.Abstractions;

namespace CathodeSim.Tests.IO.Fuzzing;

/// <summary>
/// The bounded fuzz run of CI: every reader of external bytes on mutated corpus files, fixed seed, a few seconds each
/// (about a minute in all). A crash (any exception but the reader's documented one) or a hang fails the test; the
/// inputs are saved under the temp folder named in the output. Long campaigns: docs/fuzzing.md.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;

    public static TheoryData<string> Readers() => [.. FuzzTarget.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Mutated_inputs_are_read_or_refused_with_the_documented_exception(string reader)
    {
        var target = FuzzTarget.All.Single(t => t.Name == reader);
        string dir = Path.Combine(Path.GetTempPath(), "cathodesim-fuzz-tests");
        // Time-bounded as well as count-bounded: the machine is shared, and the seed fixes the inputs in either case.
        var report = FuzzRunner.Run(target, executions: 3000, Seed, dir, timeBudget: TimeSpan.FromSeconds(4));
        output.WriteLine(report.ToString());
        foreach (string f in report.Findings) output.WriteLine(f);
        Assert.True(report.Crashes == 0 && report.Hangs == 0,
            $"{report}\n{string.Join('\n', report.Findings)}");
        Assert.True(report.Executions > 0 || report.Findings.Any(f => f.Contains("no corpus file", StringComparison.Ordinal)),
            "no input was run");
    }
}
