using CathodeSim.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
return CommandLine.Invoke(args, CliContext.ForProcess(cancellation.Token));
