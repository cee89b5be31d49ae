namespace CathodeSim.Studies;

/// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder reports).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
