using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ActorLab.Host.Simulation;

/// <summary>
/// Test-only: stops a federated run at an exact point, for the crash campaign of the resume tests, where killing from
/// outside could not aim between two writes. <c>ACTORLAB_TEST_FAULT=point[@round]:action</c> makes the process, on
/// reaching the point, <c>kill</c> itself (SIGKILL: nothing more runs), send itself <c>term</c> (SIGTERM, then go on as
/// the signal makes it) or <c>pause</c> for ever (until a test kills it). Points: <see cref="Start"/>,
/// <see cref="Persisted"/>, <see cref="Written"/>, <see cref="End"/>. A line on stderr says it happened. Unset (always,
/// outside tests) it costs one comparison per point.
/// </summary>
public static class TestFaultPoints
{
    /// <summary>The variable.</summary>
    public const string Variable = "ACTORLAB_TEST_FAULT";

    /// <summary>After the run folder and resume.json are written, before the actors start (before round 1).</summary>
    public const string Start = "start";

    /// <summary>A round's journal event is durable and its rows are not written yet (the CSV files and the database).</summary>
    public const string Persisted = "persisted";

    /// <summary>A round's rows are written (metrics.csv, clients.csv; the database's batch is queued).</summary>
    public const string Written = "written";

    /// <summary>After the last round, before summary.json and the database's end of the run.</summary>
    public const string End = "end";

    private static readonly (string Point, int? Round, string Action)? Fault = Parse(Environment.GetEnvironmentVariable(Variable));

    private static int _fired;

    /// <summary>The run reached <paramref name="point"/> (of round <paramref name="round"/>).</summary>
    public static void Reached(string point, int? round = null)
    {
        if (Fault is not { } fault || fault.Point != point || (fault.Round is { } only && only != round) || Interlocked.Exchange(ref _fired, 1) == 1)
        {
            return;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test fault: {point}{(round is null ? "" : $"@{round}")} {fault.Action}"));
        Console.Error.Flush();
        switch (fault.Action)
        {
            case "kill":
                Process.GetCurrentProcess().Kill();
                Thread.Sleep(Timeout.Infinite);
                break;
            case "term":
                _ = Signal(Environment.ProcessId, 15);
                break;
            default:
                Thread.Sleep(Timeout.Infinite);
                break;
        }
    }

    private static (string, int?, string)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Split(':') is not [var where, var action and ("kill" or "term" or "pause")])
        {
            return null;
        }

        var at = where.Split('@');
        return at.Length == 2 && int.TryParse(at[1], NumberStyles.None, CultureInfo.InvariantCulture, out var round) ? (at[0], round, action) : (where, null, action);
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);
}
