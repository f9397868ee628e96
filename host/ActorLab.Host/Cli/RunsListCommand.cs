using System.Globalization;
using ActorLab.Host.Results.Database;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab runs list</c>: every run in the results database, oldest first.</summary>
public sealed class RunsListCommand : Command<RunsSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, RunsSettings settings, CancellationToken cancellationToken)
    {
        // Ids never wrap, so that they can be copied (and found) whole also on a narrow or redirected console.
        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("kind", "scenario", "seed", "status", "start (UTC)", "duration", "final headline metric");
        CrashedRuns.Mark(settings.Database); // a run whose process is gone shows as crashed, not running
        foreach (var r in settings.Reader().Runs())
        {
            table.AddRow(Markup.Escape(r.RunId), r.Kind, Markup.Escape(r.Scenario), r.Seed.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Status),
                r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), RunsFormat.Duration(r),
                Markup.Escape(r.HeadlineValue is { } v ? $"{r.HeadlineMetric} {RunsFormat.Number(v)}" : "-"));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
