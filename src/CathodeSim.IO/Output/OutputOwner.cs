using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CathodeSim.IO.Output;

/// <summary>
/// Which process on which machine made a temporary file or staging directory, written into its name
/// (<c>{host}-{pid}</c>, the host as 8 hex digits of a hash so that names stay short). A later command removes such
/// leftovers only when their owner is known to be gone: a process of this machine that no longer runs, or, for
/// another machine sharing the directory (a cluster file system), a leftover untouched for <see cref="ForeignAge"/>.
/// </summary>
public static class OutputOwner
{
    /// <summary>
    /// Age after which a leftover of another machine is taken as abandoned: 1 day. Its process cannot be asked from
    /// here; every write a command makes renames its temporary files within seconds, and a day exceeds any sweep case
    /// (their wall time is capped at 10 min by default), so a younger leftover may still belong to a running shard.
    /// </summary>
    public static readonly TimeSpan ForeignAge = TimeSpan.FromDays(1);

    /// <summary>This machine's host token: 8 lower-case hex digits of the SHA-256 of the machine name.</summary>
    public static string Host { get; } = HostToken(Environment.MachineName);

    /// <summary><c>{host}-{pid}</c> of this process.</summary>
    public static string Current { get; } = $"{Host}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A short random suffix that keeps two names of one process apart: 8 hex digits.</summary>
    public static string NewSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The host token of <paramref name="machineName"/>.</summary>
    public static string HostToken(string machineName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machineName)))[..8];

    /// <summary>
    /// Whether the owner <c>{host}-{pid}</c> at the start of <paramref name="ownerAndRest"/> is gone, so that what it
    /// left may be removed. False for this process, for a live process of this machine and for anything that does
    /// not parse as an owner.
    /// </summary>
    public static bool IsGone(string ownerAndRest, DateTime lastWriteUtc)
    {
        var parts = ownerAndRest.Split('-');
        if (parts.Length < 2 || parts[0].Length != 8 || !parts[0].All(char.IsAsciiHexDigitLower)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return false;
        if (parts[0] != Host) return DateTime.UtcNow - lastWriteUtc > ForeignAge;
        if (pid == Environment.ProcessId) return false;
        return !IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
