using System.Text;
using System.Text.RegularExpressions;
using CathodeSim.Cli;
using CathodeSim.IO.Config;
using Spectre.Console;

namespace CathodeSim.Tests.Cli;

/// <summary>
/// README's examples run from a clone (issue 18 part 6): every `cathodesim ...` line of its ```sh blocks names a real
/// command, and every file it reads exists in the repository or is written by an earlier README command (a run's
/// out/NAME.h5). Running them all would take minutes; the paths are the contract that keeps them from rotting.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    /// <summary>One README command line: the words after `cathodesim`, with the line it starts on.</summary>
    public sealed record Example(int Line, IReadOnlyList<string> Words)
    {
        public override string ToString() => $"README.md:{Line}: cathodesim {string.Join(' ', Words)}";
    }

    /// <summary>The `cathodesim` lines of README.md's ```sh blocks (continued lines joined, comments and [optional] parts dropped).</summary>
    public static IReadOnlyList<Example> Examples()
    {
        var lines = File.ReadAllLines(RepositoryPaths.File("README.md"));
        var examples = new List<Example>();
        bool inSh = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inSh = !inSh && line.Trim() == "```sh";
                continue;
            }
            if (!inSh) continue;
            int start = i;
            var text = new StringBuilder(line);
            while (text.ToString().TrimEnd().EndsWith('\\') && i + 1 < lines.Length)
            {
                text.Length = text.ToString().TrimEnd().Length - 1;
                text.Append(' ').Append(lines[++i]);
            }
            var words = Words(text.ToString());
            if (words.Count == 0 || !(words[0] == "cathodesim" || words[0].EndsWith("/cathodesim", StringComparison.Ordinal))) continue;
            examples.Add(new Example(start + 1, words.Skip(1).ToList()));
        }
        return examples;
    }

    /// <summary>Shell words: double and single quotes group, a # after a blank starts a comment, [optional parts] are dropped.</summary>
    private static List<string> Words(string line)
    {
        line = OptionalPart().Replace(line, " ");
        var words = new List<string>();
        var word = new StringBuilder();
        bool any = false;
        char quote = '\0';
        for (int k = 0; k < line.Length; k++)
        {
            char c = line[k];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
                continue;
            }
            if (c is '"' or '\'') { quote = c; any = true; continue; }
            if (c == '#' && !any) break;
            if (char.IsWhiteSpace(c))
            {
                if (any) words.Add(word.ToString());
                word.Clear();
                any = false;
                continue;
            }
            word.Append(c);
            any = true;
        }
        if (any) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex OptionalPart();

    /// <summary>Options whose value is a file or folder the command reads.</summary>
    private static readonly HashSet<string> FileOptions = ["--configs", "--table"];

    [Fact]
    public void Readme_HasCommandExamples_ThatTheExtractorFinds()
    {
        var examples = Examples();
        Assert.True(examples.Count >= 30, $"only {examples.Count} README examples found: the extractor no longer matches the README");
        Assert.Contains(examples, e => e.Words.SequenceEqual(["kk", "examples/data/blocking-peis.csv", "--capacitance", "--fmax", "3 MHz"]));
        // A continued line is one example.
        Assert.Contains(examples, e => e.Words[0] == "fit-eis" && e.Words.Contains("--seed"));
    }

    [Fact]
    public void EveryReadmeExample_NamesARealCommand_AndFilesThatExist()
    {
        var context = new CliContext(TextWriter.Null, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }),
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, CancellationToken.None);
        var commands = CommandLine.Build(context).Subcommands.Select(c => c.Name).ToHashSet();
        // Files an earlier example writes: `run CONFIG` without --output puts NAME.h5 (the config's name) into its output folder.
        var produced = new HashSet<string>();
        var problems = new List<string>();
        foreach (var example in Examples())
        {
            var words = example.Words;
            if (words[0].StartsWith('-')) continue;   // cathodesim --version
            if (!commands.Contains(words[0])) { problems.Add($"{example}: no command '{words[0]}'"); continue; }
            var files = words.Skip(1).TakeWhile(w => !w.StartsWith('-')).ToList();
            for (int k = 1; k + 1 < words.Count; k++)
                if (FileOptions.Contains(words[k])) files.Add(words[k + 1]);
            foreach (string file in files)
            {
                if (produced.Contains(file)) continue;
                string path = RepositoryPaths.File(file.Split('/'));
                if (!File.Exists(path) && !Directory.Exists(path))
                    problems.Add($"{example}: '{file}' is neither in the repository nor written by an earlier README example");
            }
            if (words[0] == "run" && files.Count == 1 && !words.Contains("--output") && !words.Contains("-o") && files[0].EndsWith(".yaml", StringComparison.Ordinal))
            {
                var config = ConfigLoader.Load(RepositoryPaths.File(files[0].Split('/')), []);
                produced.Add($"{(config.OutputDirectory ?? "out").TrimEnd('/')}/{config.Setup.Name}.h5");
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
