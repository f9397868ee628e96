namespace ActorLab.Host.Tests.Support;

/// <summary>Signals this test process was started with ignored, which the processes it starts inherit.</summary>
public static class SignalDisposition
{
    /// <summary>
    /// Whether SIGINT is ignored (a background job of a script passes that on): Ctrl+C cannot reach a child then,
    /// and .NET does not install its handler for it.
    /// </summary>
    public static bool SigIntIgnored()
    {
        var ignored = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return (Convert.ToUInt64(ignored, 16) & (1UL << (2 - 1))) != 0; // bit n-1 for signal n; SIGINT is 2
    }
}
