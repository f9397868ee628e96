namespace ActorLab.Host.Simulation.Kinds;

/// <summary>How a run ended, as summary.json, the database and the exit code say it.</summary>
public static class RunStatus
{
    /// <summary>Every planned step ran.</summary>
    public const string Completed = "completed";

    /// <summary>A plugin or the run's policy stopped it; its completed work is kept.</summary>
    public const string Failed = "failed";

    /// <summary>Ctrl+C, SIGTERM or SIGHUP stopped it; its completed work is kept.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The process exit code of a run that ended so: 0, 1 (failed) or 130 (cancelled, as a shell reports SIGINT).</summary>
    public static int ExitCode(string status) => status switch
    {
        Completed => 0,
        Cancelled => 130,
        _ => 1,
    };
}
