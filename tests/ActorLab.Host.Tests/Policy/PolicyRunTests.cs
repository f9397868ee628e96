using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using Xunit;

namespace ActorLab.Host.Tests.Policy;

/// <summary>The policy kind end to end: SFT then RL over the rollout, reward, reference and learner actors.</summary>
public sealed class PolicyRunTests() : TempDirectoryTest("policy")
{
    private string Write(string json, string name = "p")
    {
        var path = Path.Combine(Dir, $"{name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Small(string name, string loss = "grpo", int workers = 2, string task = "\"addition\"") => $$"""
        { "name": "{{name}}", "kind": "policy", "seed": 5, "task": {{task}},
          "model": { "name": "tiny-lm", "options": { "layers": 1, "width": 32, "heads": 2 } },
          "data": { "train": 500, "test": 70 },
          "sft": { "steps": 40, "batchSize": 32 },
          "rlvr": { "loss": "{{loss}}", "steps": 4, "prompts": 5, "groupSize": 4 },
          "rollout": { "workers": {{workers}} }, "evaluation": { "every": 20 } }
        """;

    [Fact]
    public async Task The_quickstart_raises_held_out_accuracy_over_its_SFT_checkpoint_and_writes_its_run_folder()
    {
        var summary = await PolicyRuns.RunFileAsync(Dir, Repo.Path("scenarios", "policy-quickstart.json"));
        Assert.Equal("completed", summary.Status);
        Assert.True(summary.FinalAccuracy > summary.BaselineAccuracy, $"held-out accuracy {summary.BaselineAccuracy} after SFT, {summary.FinalAccuracy} after GRPO");
        foreach (var file in new[] { "metrics.csv", "timings.csv", "accuracy.png", "rlvr.png", "summary.json", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(summary.RunDirectory, file)), $"{file} is missing");
        }

        var rl = PolicyRuns.Metrics(summary).Skip(1).Select(l => l.Split(',')).Where(c => c[1] == "rlvr").ToList();
        Assert.Equal(("rlvr", summary.PostTrainingSteps), (summary.PostTraining, rl.Count));
        Assert.Equal("0", rl[0][7]); // KL to the reference (the SFT checkpoint) before the first update
        Assert.All(rl, c => Assert.True(double.Parse(c[7], CultureInfo.InvariantCulture) >= 0 && double.Parse(c[8], CultureInfo.InvariantCulture) > 0, string.Join(',', c)));
        Assert.True(summary.RolloutTokensPerSecond > 0);
    }

    [Fact]
    public async Task Metrics_are_byte_identical_with_any_number_of_rollout_workers()
    {
        var one = await PolicyRuns.RunFileAsync(Dir, Write(Small("w1", workers: 1)));
        var three = await PolicyRuns.RunFileAsync(Dir, Write(Small("w3", workers: 3)));
        Assert.Equal(("completed", "completed"), (one.Status, three.Status));
        Assert.Equal((1, 3), (one.RolloutWorkers, three.RolloutWorkers));
        Assert.Equal(File.ReadAllBytes(Path.Combine(one.RunDirectory, "metrics.csv")), File.ReadAllBytes(Path.Combine(three.RunDirectory, "metrics.csv")));
        Assert.Equal(45, PolicyRuns.Metrics(one).Length); // header, 40 SFT and 4 RL steps
    }

    [Theory]
    [InlineData("ngrpo")]
    [InlineData("lp-reg")]
    public async Task Group_and_token_policy_losses_both_train_the_policy(string loss)
    {
        // digit-sort's partial credit gives every group different rewards from the start, so GRPO-style advantages are not all 0.
        var summary = await PolicyRuns.RunFileAsync(Dir, Write(Small(loss, loss, task: """{ "name": "digit-sort", "options": { "length": 3 } }""")));
        Assert.Equal("completed", summary.Status);
        var rl = PolicyRuns.Rows(summary, "rlvr");
        Assert.Equal(4, rl.Count);
        Assert.All(rl, r => Assert.True(double.IsFinite(r["loss"]) && r["gradient_norm"] > 0, $"loss {r["loss"]}, gradient norm {r["gradient_norm"]}"));
    }

    [Fact]
    public async Task Ngrpo_learns_from_groups_where_every_response_is_wrong_and_grpo_does_not()
    {
        // Paper 54: after 40 SFT steps no response is right, so every group's rewards are all 0; GRPO's advantages
        // (and, at the first step, its KL term's gradient) are then exactly 0, NGRPO's virtual max-reward sample is not.
        var grpo = PolicyRuns.Rows(await PolicyRuns.RunFileAsync(Dir, Write(Small("all-wrong-grpo", "grpo"))), "rlvr")[0];
        var ngrpo = PolicyRuns.Rows(await PolicyRuns.RunFileAsync(Dir, Write(Small("all-wrong-ngrpo", "ngrpo"))), "rlvr")[0];
        Assert.Equal((0.0, 1.0), (grpo["mean_reward"], grpo["zero_advantage_share"]));
        Assert.Equal((0.0, 1.0), (ngrpo["mean_reward"], ngrpo["zero_advantage_share"]));
        Assert.Equal(0.0, grpo["gradient_norm"]);
        Assert.True(ngrpo["gradient_norm"] > 0.01, $"ngrpo's gradient norm on all-wrong groups is {ngrpo["gradient_norm"]}");
    }

    [Fact]
    public async Task A_preference_phase_trains_on_pairs_of_the_policys_own_responses_and_reports_their_statistics()
    {
        var summary = await PolicyRuns.RunFileAsync(Dir, Write($$"""
            { "name": "pref", "kind": "policy", "seed": 5, "task": { "name": "digit-sort", "options": { "length": 3 } },
              "model": { "name": "tiny-lm", "options": { "layers": 1, "width": 32, "heads": 2 } },
              "data": { "train": 500, "test": 70 }, "sft": { "steps": 40, "batchSize": 32 },
              "preference": { "loss": "redi", "steps": 4, "prompts": 8, "samples": 3, "heldOutPrompts": 20, "labelFlips": 0.25 },
              "evaluation": { "every": 2 } }
            """));
        Assert.Equal(("completed", "preference", 4), (summary.Status, summary.PostTraining, summary.PostTrainingSteps));
        var rows = PolicyRuns.Rows(summary, "preference");
        Assert.All(rows, r => Assert.True(r["pairs"] is > 0 and <= 8 && double.IsFinite(r["loss"]) && double.IsFinite(r["gradient_cosine"])
            && Math.Abs(r["gradient_cosine"]) <= 1 + 1e-9 && double.IsFinite(r["chosen_logp_after"]), string.Join(", ", r.Select(kv => $"{kv.Key}={kv.Value}"))));
        Assert.Equal(2, rows.Count(r => !double.IsNaN(r["reward_accuracy"])));
        Assert.True(File.Exists(Path.Combine(summary.RunDirectory, "preference.png")));
    }

    [Fact]
    public async Task A_hint_schedule_shows_answer_prefixes_whose_length_follows_the_success_rate()
    {
        // After 40 SFT steps almost nothing is right: every drawn problem is below the target, so its hint grows.
        var summary = await PolicyRuns.RunFileAsync(Dir, Write(Small("hints").Replace(
            "\"groupSize\": 4 }", "\"groupSize\": 4, \"trainPrompts\": 3, \"hints\": { \"targetSuccess\": 0.5, \"initialLength\": 0 } }")));
        var rl = PolicyRuns.Rows(summary, "rlvr");
        Assert.Equal(0.0, rl[0]["hint_length"]);
        Assert.True(rl[^1]["hint_length"] > rl[0]["hint_length"], string.Join(", ", rl.Select(r => r["hint_length"])));
    }

    [Fact]
    public void A_loss_that_is_neither_a_group_nor_a_token_policy_loss_is_refused_listing_both()
    {
        var e = Assert.Throws<ScenarioException>(() => new ActorLab.Host.Policy.PolicyKind().Check(ScenarioDocument.Load(Write(Small("bad", "dpo"))), RepoCatalog.Catalog,
            new ActorLab.Host.Simulation.RunRequest("x", Repo.Manifest, Dir, 1)));
        Assert.Contains("$.rlvr.loss", e.Message);
        Assert.Contains("no group or token policy loss named 'dpo'", e.Message);
        Assert.Contains("grpo, lp-reg, ngrpo", e.Message);
    }

    [Fact]
    public async Task A_scenario_without_a_phase_is_refused_before_anything_runs()
    {
        var path = Write("""{ "kind": "policy", "task": "addition" }""");
        var e = await Assert.ThrowsAsync<ScenarioException>(() => PolicyRuns.RunFileAsync(Dir, path));
        Assert.Contains("needs at least one phase", e.Message);
        Assert.False(Directory.Exists(Path.Combine(Dir, "runs")) && Directory.EnumerateDirectories(Path.Combine(Dir, "runs")).Any(), "a run folder was created");
    }

    [Fact]
    public async Task One_trace_holds_the_rollout_reward_reference_and_learner_spans_of_every_step()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ActorLabTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var name = $"traced-{Guid.NewGuid():N}"[..20];
        var summary = await PolicyRuns.RunFileAsync(Dir, Write(Small(name)));
        Assert.Equal("completed", summary.Status);
        var run = Assert.Single(spans, s => s.OperationName == "run" && (string?)s.GetTagItem("actorlab.scenario") == name);
        var trace = spans.Where(s => s.TraceId == run.TraceId).ToList();
        var steps = trace.Where(s => s.OperationName == "policy.step").ToList();
        Assert.Equal(4, steps.Count);
        foreach (var step in steps)
        {
            var children = trace.Where(s => s.ParentSpanId == step.SpanId).Select(s => s.OperationName).ToHashSet();
            Assert.Superset(new HashSet<string> { "rollout", "reward", "reference", "learner.step" }, children);
        }
    }
}
