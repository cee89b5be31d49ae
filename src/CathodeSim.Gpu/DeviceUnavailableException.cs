namespace CathodeSim.Gpu;

/// <summary>The requested compute device (a CUDA GPU for <c>--device gpu</c>) is not available on this machine.</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the detail of why detection failed.</summary>
    /// <param name="message">What is unavailable and what to do instead.</param>
    /// <param name="detail">Why ILGPU found no device (its exception or its empty device list).</param>
    public DeviceUnavailableException(string message, string? detail) : base(message) => Detail = detail;

    /// <summary>Why ILGPU found no device, when known (for logs; <see cref="Exception.Message"/> is for users).</summary>
    public string? Detail { get; }
}
