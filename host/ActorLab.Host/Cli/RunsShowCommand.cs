using System.ComponentModel;
using System.Globalization;
using ActorLab.Host.Results.Database;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab runs show &lt;id&gt;</c>: a run's row, its plugins and its final metrics.</summary>
public sealed class RunsShowCommand : Command<RunsShowCommand.Settings>
{
    /// <summary>Arguments of <c>runs show</c>.</summary>
    public sealed class Settings : RunsSettings
    {
        /// <summary>The run id or a unique prefix of it.</summary>
        [CommandArgument(0, "<id>")]
        [Description("Run id (or a prefix naming one run)")]
        public string Id { get; init; } = "";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        CrashedRuns.Mark(settings.Database); // a run whose process is gone shows as crashed, not running
        var reader = settings.Reader();
        var run = reader.Find(settings.Id);
        var about = new Table().Title($"[bold]{Markup.Escape(run.RunId)}[/]").AddColumn("").AddColumn("").HideHeaders();
        about.AddRow("kind", run.Kind);
        about.AddRow("scenario", Markup.Escape(run.Scenario));
        about.AddRow("seed", run.Seed.ToString(CultureInfo.InvariantCulture));
        about.AddRow("status", Markup.Escape(run.Status));
        if (run.Failure is not null)
        {
            about.AddRow("failure", Markup.Escape(run.Failure));
        }

        about.AddRow("started (UTC)", run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        about.AddRow("duration", RunsFormat.Duration(run));
        about.AddRow("git commit", run.GitCommit ?? "-");
        about.AddRow("folder", Markup.Escape(run.RunDirectory));
        AnsiConsole.Write(about);

        var plugins = new Table().Title("plugins").AddColumns("plugin", "version", "sha256");
        foreach (var p in reader.Plugins(run.RunId))
        {
            plugins.AddRow(Markup.Escape(p.Plugin), Markup.Escape(p.Version), p.Sha256);
        }

        AnsiConsole.Write(plugins);
        var metrics = new Table().Title("final metrics").AddColumns("metric", "step", "value");
        foreach (var m in reader.FinalMetrics(run.RunId))
        {
            metrics.AddRow(Markup.Escape(m.Label), m.Step.ToString(CultureInfo.InvariantCulture), RunsFormat.Number(m.Value));
        }

        AnsiConsole.Write(metrics);
        return 0;
    }
}
