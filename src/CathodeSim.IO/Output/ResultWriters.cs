using System.Runtime.ExceptionServices;
using CathodeSim.Model.Results;

namespace CathodeSim.IO.Output;

/// <summary>Runs several <see cref="IResultWriter"/>s on one result at the same time.</summary>
public static class ResultWriters
{
    /// <summary>
    /// Writes <paramref name="result"/> with every writer, concurrently: the HDF5 file, the CSV tables and the plots touch
    /// different files and share only the (read-only) result, and a single <c>run</c> spends about as long writing them
    /// one after another as simulating (docs/performance.md, round 4). Returns the paths in the writers' order. A writer's
    /// exception is rethrown as it was thrown (not wrapped), after every writer has finished, so callers catch the same
    /// types as for sequential writing.
    /// </summary>
    /// <param name="writers">The formats to write.</param>
    /// <param name="result">The run.</param>
    /// <param name="metadata">Provenance for every file.</param>
    /// <param name="outputDirectory">Target directory.</param>
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<IResultWriter> writers, SimulationResult result, RunMetadata metadata, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(writers);
        var paths = new string[writers.Count];
        var tasks = new Task[writers.Count];
        for (int i = 0; i < writers.Count; i++)
        {
            int n = i;
            tasks[n] = Task.Run(() => paths[n] = writers[n].Write(result, metadata, outputDirectory));
        }
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            // The first writer's failure in the writers' order, so the message does not depend on scheduling.
            var first = tasks.First(t => t.IsFaulted).Exception!.InnerException!;
            ExceptionDispatchInfo.Capture(first).Throw();
            throw new InvalidOperationException("unreachable", e);
        }
        return paths;
    }
}
