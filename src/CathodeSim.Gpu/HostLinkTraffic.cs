namespace CathodeSim.Gpu;

/// <summary>
/// Counts what crosses the host-device link (buffer copies only; kernel launch arguments are not counted), so tests
/// and benchmarks can check that a Newton iteration moves O(M) bytes, not O(M x Nr). Not thread-safe: one per stepper.
/// </summary>
public sealed class HostLinkTraffic
{
    /// <summary>Bytes copied host to device.</summary>
    public long BytesToDevice { get; private set; }

    /// <summary>Bytes copied device to host.</summary>
    public long BytesToHost { get; private set; }

    /// <summary>Copies in either direction.</summary>
    public long Copies { get; private set; }

    /// <summary>Bytes in both directions.</summary>
    public long TotalBytes => BytesToDevice + BytesToHost;

    internal void ToDevice(long doubles)
    {
        BytesToDevice += doubles * sizeof(double);
        Copies++;
    }

    internal void ToHost(long doubles)
    {
        BytesToHost += doubles * sizeof(double);
        Copies++;
    }

    /// <summary>Sets every counter to zero.</summary>
    public void Reset()
    {
        BytesToDevice = 0;
        BytesToHost = 0;
        Copies = 0;
    }
}
