using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab runs export &lt;id&gt; --parquet &lt;dir&gt;</c>: a run's rows of every table as Parquet files.</summary>
public sealed class RunsExportCommand : Command<RunsExportCommand.Settings>
{
    /// <summary>Arguments and options of <c>runs export</c>.</summary>
    public sealed class Settings : RunsSettings
    {
        /// <summary>The run.</summary>
        [CommandArgument(0, "<id>")]
        [Description("Run id (or a prefix naming one run)")]
        public string Id { get; init; } = "";

        /// <summary>The folder the Parquet files go to.</summary>
        [CommandOption("--parquet <DIR>")]
        [Description("Folder for runs.parquet, metrics.parquet, client_metrics.parquet and plugins.parquet (created if missing)")]
        public string? Parquet { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Parquet is null ? ValidationResult.Error("--parquet <DIR> is required: the folder the Parquet files are written to") : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var reader = settings.Reader();
        var run = reader.Find(settings.Id);
        foreach (var file in reader.ExportParquet(run.RunId, settings.Parquet!))
        {
            Console.Out.WriteLine(file);
        }

        return 0;
    }
}
