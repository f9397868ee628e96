using System.Diagnostics;
using System.Globalization;

namespace ActorLab.Host.Results;

/// <summary>
/// The process that holds a run folder's lock (<see cref="RunFolderLock"/>): its id and start time (together they name
/// one process even after the id is reused), its host, what it does, when it took the lock, and the wall time the run
/// had already spent in the processes before it (a resumed run's summary counts them all).
/// </summary>
/// <param name="Pid">The process id.</param>
/// <param name="ProcessStartedAt">When that process started (UTC).</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="Command">What it does: run or resume.</param>
/// <param name="LockedAt">When it took the lock (UTC): the start of its part of the run.</param>
/// <param name="PriorWallSeconds">Wall seconds the run spent in earlier processes (0 for a new run).</param>
public sealed record RunLockOwner(int Pid, DateTime ProcessStartedAt, string Host, string Command, DateTime LockedAt, double PriorWallSeconds)
{
    /// <summary>Process start times read twice may differ by the clock's granularity; a reused id starts much later.</summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    /// <summary>This process, doing <paramref name="command"/> from now.</summary>
    public static RunLockOwner Current(string command, double priorWallSeconds = 0) =>
        new(Environment.ProcessId, StartTimeOf(Process.GetCurrentProcess()) ?? DateTime.UtcNow, Environment.MachineName, command, DateTime.UtcNow, priorWallSeconds);

    /// <summary>
    /// True unless the owner is known to be gone: no process with its id on this machine, or one that started at another
    /// time (the id was reused), or a zombie. An owner on another machine cannot be checked and counts as alive.
    /// </summary>
    public bool IsAlive()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(Pid);
            if (IsZombie(Pid))
            {
                return false;
            }

            return StartTimeOf(process) is not { } started || (started - ProcessStartedAt).Duration() <= StartTolerance;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // it exited while we looked
        }
    }

    /// <summary>One line for messages: pid, host, command and since when.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"`actorlab {Command}` (pid {Pid} on {Host}, since {LockedAt:yyyy-MM-dd HH:mm:ss} UTC)");

    private static DateTime? StartTimeOf(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>A killed child that its parent has not reaped yet still has its id; on Linux its state says it is gone.</summary>
    private static bool IsZombie(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = OperatingSystem.IsLinux() && File.Exists(stat) ? File.ReadAllText(stat) : "";
            var end = text.LastIndexOf(')');
            return end > 0 && end + 2 < text.Length && text[end + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
