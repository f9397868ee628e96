using ActorLab.Host.Games;
using ActorLab.Host.Simulation;
using ActorLab.Host.Training;
using ActorLab.Host.Tests.Federated;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>
/// The bandit, game and training kinds record their work, messages and failures through the ActorLab meter. Points are
/// selected by the scenario tag, a fresh name per test, so that other runs in the process do not count.
/// </summary>
[Collection(SpanCollection.Name)]
public sealed class KindMetricsTests() : TempDirectoryTest("kind-metrics")
{
    private readonly string _name = $"metrics-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_bandit_run_counts_every_step_of_every_policy_and_one_play_message_per_learner_and_batch()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ActorLabTelemetry.Name).AddInMemoryExporter(exported).Build();
        var summary = await BanditRuns.RunAsync(Dir, $$"""
            { "name": "{{_name}}", "kind": "bandit", "seed": 3, "environment": { "name": "bernoulli", "options": { "means": [0.8, 0.5] } },
              "policies": [ "ucb1", "thompson" ], "steps": 5000, "repetitions": 3, "batchSize": 1000, "checkpoints": 5 }
            """, workers: 2);
        Assert.Equal("completed", summary.Status);
        provider.ForceFlush();

        // 3 repetitions x 2 policies x 5,000 steps, in batches of 1,000 (the checkpoints fall on batch ends).
        Assert.Equal(30_000, Sum(exported, "actorlab.bandit.steps"));
        Assert.Equal(30, Sum(exported, "actorlab.messages.sent", ("actorlab.message", "play")));
        Assert.Equal(15, Count(exported, "actorlab.step.duration", ("actorlab.step", "bandit.batch")));
        Assert.Equal(0, Sum(exported, "actorlab.failures"));
    }

    [Fact]
    public async Task A_game_run_counts_its_rounds_and_batches()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ActorLabTelemetry.Name).AddInMemoryExporter(exported).Build();
        var summary = await RunGameAsync($$"""
            { "name": "{{_name}}", "kind": "game", "seed": 1, "game": "rock-paper-scissors", "players": [ "hedge", { "name": "hedge", "label": "hedge-2" } ],
              "rounds": 2000, "repetitions": 2, "batchSize": 500, "checkpoints": 4 }
            """);
        Assert.Equal("completed", summary.Status);
        provider.ForceFlush();

        Assert.Equal(4_000, Sum(exported, "actorlab.game.rounds"));
        // 2 repetitions on 2 workers: each repetition's players in one actor (GamePlacement), one play message per batch.
        Assert.True(GamePlacement.OneActorPerRepetition(2, 2, 2));
        Assert.Equal(8, Sum(exported, "actorlab.messages.sent", ("actorlab.message", "play")));
        Assert.Equal(8, Count(exported, "actorlab.step.duration", ("actorlab.step", "game.batch")));
    }

    [Fact]
    public async Task A_failing_game_agent_counts_one_failed_repetition_and_one_failed_run()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ActorLabTelemetry.Name).AddInMemoryExporter(exported).Build();
        var summary = await RunGameAsync($$"""
            { "name": "{{_name}}", "kind": "game", "game": "rock-paper-scissors", "players": [ "hedge", "throws" ], "rounds": 100, "repetitions": 1, "batchSize": 50 }
            """, ThrowingPluginManifest());
        Assert.Equal("failed", summary.Status);
        provider.ForceFlush();

        Assert.Equal(1, Sum(exported, "actorlab.failures", ("actorlab.failure", "repetition")));
        Assert.Equal(1, Sum(exported, "actorlab.failures", ("actorlab.failure", "run")));
    }

    [Fact]
    public async Task A_failing_trainer_counts_one_failed_trainer_and_one_failed_run()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ActorLabTelemetry.Name).AddInMemoryExporter(exported).Build();
        var path = TrainingRuns.Write(Dir, _name, $$"""
            { "name": "{{_name}}", "kind": "training", "dataset": "digits", "model": "logistic-regression", "loss": "throws", "optimization": { "epochs": 1 } }
            """);
        var request = new RunRequest(path, ThrowingPluginManifest(), Path.Combine(Dir, "runs"), 1) { AllowExternalPlugins = true }; // the repo's built plugins
        var summary = await TrainingLauncher.RunAsync(request, TrainingLauncher.Prepare(request));
        Assert.Equal("failed", summary.Status);
        provider.ForceFlush();

        Assert.Equal(1, Sum(exported, "actorlab.failures", ("actorlab.failure", "trainer")));
        Assert.Equal(1, Sum(exported, "actorlab.failures", ("actorlab.failure", "run")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_training_run_counts_one_step_and_one_latency_per_optimizer_step(int trainers)
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ActorLabTelemetry.Name).AddInMemoryExporter(exported).Build();
        var summary = await TrainingRuns.RunAsync(Dir, _name, $$"""
            { "name": "{{_name}}", "kind": "training", "seed": 3, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [16] } },
              "optimization": { "epochs": 2, "batchSize": 128, "learningRate": 0.1, "trainers": {{trainers}} } }
            """);
        Assert.Equal("completed", summary.Status);
        provider.ForceFlush();

        var steps = File.ReadLines(Path.Combine(summary.RunDirectory, "steps.csv")).Count() - 1;
        Assert.True(steps > 0);
        Assert.Equal(steps, Sum(exported, "actorlab.trainer.steps"));
        Assert.Equal(steps, Count(exported, "actorlab.step.duration", ("actorlab.step", "trainer.step")));
        var message = trainers == 1 ? "run-epoch" : "compute-gradients";
        Assert.Equal(trainers == 1 ? 2 : 2 * steps, Sum(exported, "actorlab.messages.sent", ("actorlab.message", message)));
    }

    /// <summary>A manifest with the core and games plugins and a game agent and a loss named "throws" that always throw.</summary>
    private string ThrowingPluginManifest()
    {
        PluginCompiler.Compile(Path.Combine(Dir, "throwing"), "Throwing", """
            using System;
            using ActorLab.Contracts.Games;
            using ActorLab.Contracts.Losses;
            using ActorLab.Contracts.Plugins;
            using TorchSharp;
            public sealed class Entry : IActorLabPlugin
            {
                public void Register(IComponentRegistry registry, PluginContext context)
                {
                    registry.AddGameAgent("throws", _ => new Throws());
                    registry.AddLoss("throws", _ => new Throws());
                }
            }
            public sealed class Throws : IGameAgent, ILoss
            {
                public void Reset(AgentSetup setup) { }
                public void Strategy(long round, Span<double> strategy) => throw new InvalidOperationException("no strategy");
                public void Observe(long round, ReadOnlySpan<double> losses) { }
                public void ObserveBandit(long round, int action, double loss, double probability) { }
                public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets) => throw new InvalidOperationException("no loss");
            }
            """);
        var games = $$"""{ "path": "{{Repo.Path("build", "plugins", "ActorLab.Plugins.Games", "ActorLab.Plugins.Games.dll")}}" }""";
        return PluginCompiler.WriteManifest(Dir, PluginCompiler.CorePluginEntry, games, """{ "path": "throwing/Throwing.dll" }""");
    }

    private async Task<GameSummary> RunGameAsync(string json, string? manifest = null)
    {
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        var request = new RunRequest(path, manifest ?? Repo.Manifest, Path.Combine(Dir, "runs"), 2) { AllowExternalPlugins = true };
        return await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));
    }

    // Read the points while the provider is alive: the in-memory exporter does not copy them.
    private long Sum(List<Metric> exported, string name, params (string Key, string Value)[] tags) =>
        Points(exported, name, tags).Sum(p => p.GetSumLong());

    private long Count(List<Metric> exported, string name, params (string Key, string Value)[] tags) =>
        Points(exported, name, tags).Sum(p => p.GetHistogramCount());

    private List<MetricPoint> Points(List<Metric> exported, string name, (string Key, string Value)[] tags)
    {
        var points = new List<MetricPoint>();
        // Cumulative temporality: the last export of an instrument holds the run's totals.
        if (exported.LastOrDefault(m => m.Name == name) is not { } metric)
        {
            return points;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (Equals(pointTags.GetValueOrDefault("actorlab.scenario"), _name) && tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
            {
                points.Add(point);
            }
        }

        return points;
    }
}
