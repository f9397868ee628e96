using System.Globalization;
using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Cli;

/// <summary>How <c>actorlab runs</c> tables print numbers and durations.</summary>
public static class RunsFormat
{
    /// <summary>A metric value, to five significant digits.</summary>
    public static string Number(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    /// <summary>The run's wall time, or "-" while it has no end.</summary>
    public static string Duration(RunRecord run) =>
        run.EndedAt is { } end ? ((end - run.StartedAt).TotalSeconds).ToString("F1", CultureInfo.InvariantCulture) + " s" : "-";
}
