namespace CathodeSim.Gpu;

/// <summary>
/// Counts what crosses the host-device link (buffer copies only; kernel launch arguments are not counted), so tests
/// and benchmarks can check that a Newton iteration moves O(M) bytes, not O(M x Nr). Thread-safe: a lockstep batch
/// counts the copies of every case thread.
/// </summary>
public sealed class HostLinkTraffic
{
    private long _bytesToDevice, _bytesToHost, _copies;

    /// <summary>Bytes copied host to device.</summary>
    public long BytesToDevice => Interlocked.Read(ref _bytesToDevice);

    /// <summary>Bytes copied device to host.</summary>
    public long BytesToHost => Interlocked.Read(ref _bytesToHost);

    /// <summary>Copies in either direction.</summary>
    public long Copies => Interlocked.Read(ref _copies);

    /// <summary>Bytes in both directions.</summary>
    public long TotalBytes => BytesToDevice + BytesToHost;

    internal void ToDevice(long doubles) => ToDeviceBytes(doubles * sizeof(double));

    internal void ToHost(long doubles) => ToHostBytes(doubles * sizeof(double));

    internal void ToDeviceBytes(long bytes)
    {
        Interlocked.Add(ref _bytesToDevice, bytes);
        Interlocked.Increment(ref _copies);
    }

    internal void ToHostBytes(long bytes)
    {
        Interlocked.Add(ref _bytesToHost, bytes);
        Interlocked.Increment(ref _copies);
    }

    /// <summary>Sets every counter to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _bytesToDevice, 0);
        Interlocked.Exchange(ref _bytesToHost, 0);
        Interlocked.Exchange(ref _copies, 0);
    }
}
