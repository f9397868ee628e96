using System.Diagnostics;
using ActorLab.Host.Bandits;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>The run span of the bandit and training kinds carries the run id (the folder's name) and the components, like federated and game runs.</summary>
[Collection(Federated.SpanCollection.Name)]
public sealed class RunSpanTagTests() : TempDirectoryTest("run-span-tags")
{
    [Fact]
    public async Task Bandit_and_training_run_spans_carry_the_run_id_and_component_names()
    {
        var spans = new List<Activity>();
        string trainingId, banditId;
        using (Sdk.CreateTracerProviderBuilder().AddSource(ActorLabTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            trainingId = (await TrainingRuns.RunAsync(Dir, "tags-training", """
                { "name": "tags-training", "kind": "training", "seed": 1, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [8] } },
                  "optimizer": "adamw", "optimization": { "epochs": 1, "batchSize": 128, "learningRate": 0.01 } }
                """)).RunId;
            banditId = (await BanditRuns.RunAsync(Dir, """
                { "name": "tags-bandit", "kind": "bandit", "seed": 1, "environment": "bernoulli", "policies": ["ucb1", "thompson"], "steps": 1000, "repetitions": 1 }
                """, 1)).RunId;
        }

        var training = Assert.Single(spans, s => s.DisplayName == "run" && (string?)s.GetTagItem("actorlab.scenario") == "tags-training");
        Assert.Equal(trainingId, training.GetTagItem("actorlab.run.id"));
        Assert.Equal(("digits", "mlp", "cross-entropy", "adamw"), ((string?)training.GetTagItem("actorlab.dataset"), (string?)training.GetTagItem("actorlab.model"),
            (string?)training.GetTagItem("actorlab.loss"), (string?)training.GetTagItem("actorlab.optimizer")));

        var bandit = Assert.Single(spans, s => s.DisplayName == "run" && (string?)s.GetTagItem("actorlab.scenario") == "tags-bandit");
        Assert.Equal(banditId, bandit.GetTagItem("actorlab.run.id"));
        Assert.Equal("bernoulli", bandit.GetTagItem("actorlab.bandit.environment"));
        Assert.Equal("ucb1,thompson", bandit.GetTagItem("actorlab.bandit.policies"));
    }
}
