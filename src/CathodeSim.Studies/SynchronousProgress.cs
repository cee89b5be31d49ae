namespace CathodeSim.Studies;

/// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder reports).</summary>
/// <typeparam name="T">The progress report.</typeparam>
/// <param name="report">Called with each report, on the thread that reports it.</param>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
