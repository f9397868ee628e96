using ActorLab.Host.Experiments;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Experiments;

/// <summary>The experiment kind with drop-in experiments: tables and findings on disk, failures and cancellation reported, bad names caught.</summary>
public sealed class ExperimentRunTests : TempDirectoryTest
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using ActorLab.Contracts.Experiments;
        using ActorLab.Contracts.Plugins;

        public sealed record SquaresOptions { public int Count { get; init; } = 3; }

        public sealed class Entry : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) => registry
                .AddExperiment("squares", o => new Squares(o.Bind<SquaresOptions>()))
                .AddExperiment("broken", _ => new Broken())
                .AddExperiment("waits", _ => new Waits());
        }

        public sealed class Squares(SquaresOptions options) : IExperiment
        {
            public ExperimentResult Run(ExperimentContext context)
            {
                var rows = new List<IReadOnlyList<double>>();
                for (var n = 1; n <= options.Count; n++)
                {
                    rows.Add([n, n * n, context.Seed]);
                    context.Progress?.Invoke($"n = {n} done");
                }

                return new ExperimentResult([new ExperimentTable("squares", ["n", "square", "seed"], rows)], [$"{options.Count} squares"]);
            }
        }

        public sealed class Broken : IExperiment
        {
            public ExperimentResult Run(ExperimentContext context) => throw new InvalidOperationException("the study diverged");
        }

        public sealed class Waits : IExperiment
        {
            public ExperimentResult Run(ExperimentContext context)
            {
                context.Progress?.Invoke("started");
                context.Cancellation.WaitHandle.WaitOne();
                context.Cancellation.ThrowIfCancellationRequested();
                return new ExperimentResult([], []);
            }
        }
        """;

    private readonly string _manifest;

    public ExperimentRunTests()
        : base("experiment")
    {
        PluginCompiler.Compile(Path.Combine(Dir, "plugin"), "StudyPlugin", Source);
        _manifest = PluginCompiler.WriteManifest(Dir, """{ "path": "plugin/StudyPlugin.dll" }""");
    }

    private RunRequest Request(string experiment, int seed = 4)
    {
        var path = Path.Combine(Dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{ "name": "study", "kind": "experiment", "seed": {{seed}}, "experiment": {{experiment}} }""");
        return new RunRequest(path, _manifest, Path.Combine(Dir, "runs"), 1);
    }

    [Fact]
    public async Task A_finished_experiment_writes_each_table_as_csv_with_its_findings_and_reports_progress()
    {
        var request = Request("""{ "name": "squares", "options": { "count": 4 } }""");
        var progress = new List<string>();
        var (summary, result) = await ExperimentLauncher.RunAsync(request, ExperimentLauncher.Prepare(request), progress.Add);
        Assert.Equal("completed", summary.Status);
        Assert.NotNull(result);
        Assert.Equal(["n = 1 done", "n = 2 done", "n = 3 done", "n = 4 done"], progress);
        Assert.Equal("n,square,seed\n1,1,4\n2,4,4\n3,9,4\n4,16,4\n", File.ReadAllText(Path.Combine(summary.RunDirectory, "squares.csv")));
        Assert.Equal(["4 squares"], File.ReadAllLines(Path.Combine(summary.RunDirectory, "findings.txt")));
        Assert.Equal(["squares.csv"], summary.Tables);
        Assert.True(File.Exists(Path.Combine(summary.RunDirectory, "summary.json")));
        Assert.True(File.Exists(Path.Combine(summary.RunDirectory, "scenario.json")));

        // And in the results database, the table in long form (4 rows x 3 columns).
        var database = request.DatabasePath;
        var run = Assert.Single(new ActorLab.Host.Results.Database.ResultsDatabaseReader(new ActorLab.Host.Results.Database.ResultsDatabase(database)).Runs());
        Assert.Equal((summary.RunId, "experiment", "completed"), (run.RunId, run.Kind, run.Status));
        Assert.Equal(12, ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM metrics WHERE run_id = $1 AND series = 'squares'", run.RunId));
        Assert.Equal(30, ResultsDatabaseQueries.Count(database, "SELECT CAST(sum(value) AS BIGINT) FROM metrics WHERE run_id = $1 AND metric = 'square'", run.RunId));
    }

    [Fact]
    public async Task An_experiment_that_throws_fails_the_run_with_its_message_and_the_host_carries_on()
    {
        var request = Request("\"broken\"");
        var (summary, result) = await ExperimentLauncher.RunAsync(request, ExperimentLauncher.Prepare(request));
        Assert.Equal("failed", summary.Status);
        Assert.Null(result);
        Assert.Contains("experiment 'broken' failed: InvalidOperationException: the study diverged", summary.Failure);

        var again = Request("\"squares\"");
        Assert.Equal("completed", (await ExperimentLauncher.RunAsync(again, ExperimentLauncher.Prepare(again))).Summary.Status);
    }

    [Fact]
    public async Task Cancelling_a_run_cancels_the_experiments_token()
    {
        var request = Request("\"waits\"");
        using var cancellation = new CancellationTokenSource();
        var (summary, _) = await ExperimentLauncher.RunAsync(request, ExperimentLauncher.Prepare(request), line =>
        {
            if (line == "started")
            {
                cancellation.CancelAfter(200);
            }
        }, cancellation.Token);
        Assert.Equal("cancelled", summary.Status);
    }

    [Fact]
    public void An_unknown_experiment_is_an_error_at_its_name_listing_the_known_ones()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ExperimentLauncher.Prepare(Request("\"sqares\""))).Errors);
        Assert.Equal("$.experiment", error.JsonPath);
        Assert.Contains("no experiment named 'sqares'", error.Message);
        Assert.Contains("squares", error.Message);
    }

    [Fact]
    public void A_missing_experiment_field_is_a_schema_error()
    {
        var path = Path.Combine(Dir, "bare.json");
        File.WriteAllText(path, """{ "kind": "experiment" }""");
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ExperimentScenarioBinder.Load(path)).Errors);
        Assert.Contains("experiment", error.Message);
    }

    [Fact]
    public void The_cli_prints_the_tables_and_findings()
    {
        var request = Request("""{ "name": "squares", "options": { "count": 2 } }""");
        var run = Support.Cli.Run(Dir, null, "run", request.ScenarioPath, "--plugins", _manifest, "--output", Path.Combine(Dir, "cli-runs"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("squares", run.Stdout);
        Assert.Contains("- 2 squares", run.Stdout);
        Assert.Contains("n = 2 done", run.Stderr);
    }
}
