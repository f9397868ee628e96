using System.ComponentModel;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Federated;
using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;
using ActorLab.Host.Simulation;
using ActorLab.Host.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab resume &lt;run-id&gt;</c>: continues a federated run that crashed or was cancelled, from the last round
/// its journal persisted, into the same run folder and results-database row (<see cref="ResumeLauncher"/>).
/// </summary>
public sealed class ResumeCommand : AsyncCommand<ResumeCommand.Settings>
{
    /// <summary>Arguments and options of <c>resume</c>.</summary>
    public sealed class Settings : RunFolderSettings
    {
        /// <summary>The run to resume.</summary>
        [CommandArgument(0, "<run-id>")]
        [Description("The run's id (its folder's name under --output, or an id prefix known to the results database)")]
        public string RunId { get; init; } = "";

        /// <summary>plugins.json to load.</summary>
        [CommandOption("-p|--plugins <FILE>")]
        [Description("Plugin manifest; its plugins must be those the run started with. Default: the nearest plugins.json in this folder or above")]
        public string? Plugins { get; init; }

        /// <summary>Go on after this round, dropping the journal's later events.</summary>
        [CommandOption("--from-round <N>")]
        [Description("Go on after round N, dropping the journal's later events (the SQLite journal is rebuilt and the old file kept beside it): " +
            "for a journal damaged after its last good round, which the refusal names. Rounds after N are trained again and replace those written")]
        public int? FromRound { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() => FromRound is < 0
            ? ValidationResult.Error($"--from-round must be 0 or more, got {FromRound}")
            : ValidateRunFolder();
    }

    /// <inheritdoc />
    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        MetricsEndpoint.ServeWhileAsync(settings, () => ResumeAsync(settings, cancellationToken), cancellationToken);

    private static async Task<int> ResumeAsync(Settings settings, CancellationToken cancellationToken)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var interactive = !settings.Json && !settings.Quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        TorchRuntime.Initialize();
        ResumeTarget? target = null;
        try
        {
            FederatedRunPlan plan;
            RunRequest request;
            try
            {
                var manifest = ManifestLocator.Find(settings.Plugins);
                target = ResumeLauncher.Locate(settings.RunId, settings.Output, settings.Database ?? ResultsDatabaseSchema.DefaultPath(settings.Output), settings.FromRound);
                request = new RunRequest(Path.Combine(target.RunDirectory, ResumeRecord.ScenarioCopy), manifest, Path.GetDirectoryName(target.RunDirectory)!, settings.Workers, settings.Database);
                plan = ResumeLauncher.Prepare(target, manifest, message => { if (!settings.Json && !settings.Quiet) stderr.MarkupLine($"[grey]{Markup.Escape(message)}…[/]"); });
            }
            catch (Exception ex) when (InputErrors.IsInputError(ex))
            {
                Console.Error.WriteLine($"error: {InputErrors.Describe(ex, null)}");
                return InputErrors.ExitCode;
            }

            return await RunAsync(settings, target, plan, request, stderr, interactive, cancellationToken);
        }
        finally
        {
            target?.Dispose(); // a resume that did not run leaves the folder's lock as it found it
        }
    }

    private static async Task<int> RunAsync(Settings settings, ResumeTarget target, FederatedRunPlan plan, RunRequest request, IAnsiConsole stderr, bool interactive,
        CancellationToken cancellationToken)
    {
        var scenario = plan.Scenario;
        if (!settings.Json && !settings.Quiet)
        {
            stderr.MarkupLine($"[grey]resuming {Markup.Escape(target.RunId)} from its journal ({target.Journal?.Rounds ?? 0} round(s))…[/]");
        }

        RunSummary summary;
        try
        {
            summary = await LiveProgress.RunAsync(settings, settings.Json, $"{scenario.Name}: resuming", scenario.Rounds,
                report => ResumeLauncher.RunAsync(target, plan, request, new Federated.RoundProgressLines((done, status, line) => report(done, status, line), scenario.Rounds), cancellationToken));
        }
        catch (ResumeException ex)
        {
            Console.Error.WriteLine($"error: {InputErrors.Describe(ex, null)}");
            return InputErrors.ExitCode;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine(ex.Message);
            return 130;
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(RunDirectory.ToJson(summary));
        }
        else
        {
            AnsiConsole.Write(Federated.FederatedRunResult.Table(summary));
        }

        if (summary.Status == RunStatus.Cancelled)
        {
            Console.Error.WriteLine($"cancelled after {summary.RoundsCompleted} round(s); `actorlab resume {target.RunId}` goes on from the last persisted round");
            return 130;
        }

        if (summary.Failure is not null)
        {
            Console.Error.WriteLine($"run failed: {summary.Failure} (completed rounds are in {summary.RunDirectory})");
            return 1;
        }

        return 0;
    }
}
