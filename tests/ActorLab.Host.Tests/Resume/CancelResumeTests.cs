using ActorLab.Host.Resume;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// In process: a run cancelled after a persisted round and resumed equals the uninterrupted run bit for bit, with the
/// state that only some runs have: SCAFFOLD's client control variates reset by injected client crashes (a restarted
/// client starts again from zero) and adaptive DP clipping (the clipping norm moves every round).
/// </summary>
public sealed class CancelResumeTests() : TempDirectoryTest("cancel-resume")
{
    private const int Rounds = 12;

    private const string Scenario = """
        {
          "name": "resume-faults",
          "kind": "federated",
          "seed": 3,
          "dataset": "digits",
          "partitioner": { "name": "dirichlet", "options": { "alpha": 0.5, "minSamples": 20 } },
          "model": { "name": "mlp", "options": { "hidden": [32] } },
          "strategy": "scaffold",
          "rounds": 12,
          "clients": { "total": 6, "perRound": 4, "minFit": 1, "acceptFailures": true },
          "training": { "localEpochs": 3, "batchSize": 32, "learningRate": 0.05 },
          "faults": { "crash": 0.3 },
          "privacy": { "noiseMultiplier": 0.3, "clipNorm": 2.0, "clipping": "adaptive", "targetQuantile": 0.5, "clipLearningRate": 0.2, "delta": 1e-5 }
        }
        """;

    [Fact]
    public async Task Cancelled_run_with_client_restarts_and_adaptive_clipping_resumes_bit_for_bit()
    {
        var scenario = Path.Combine(Dir, "scenario.json");
        File.WriteAllText(scenario, Scenario);
        var reference = new RunRequest(scenario, Repo.Manifest, Path.Combine(Dir, "reference"), 2);
        var (_, plan) = RunLauncher.Prepare(reference);
        var expected = await RunLauncher.RunAsync(reference, plan);
        Assert.Equal("completed", expected.Status);
        var expectedClients = File.ReadAllText(Path.Combine(expected.RunDirectory, "clients.csv"));
        Assert.Contains("InjectedCrashException", expectedClients, StringComparison.Ordinal);

        var runs = Path.Combine(Dir, "runs");
        var request = reference with { RunsRoot = runs, Journal = new JournalSettings("sqlite", null) };
        using var cancel = new CancellationTokenSource();
        var cancelled = await RunLauncher.RunAsync(request, plan, new CancelAfterRound(6, cancel), cancel.Token);
        Assert.Equal("cancelled", cancelled.Status);
        // Rounds after the 6th may still complete (and be persisted) while the host stops; resume goes on after them.
        Assert.True(cancelled.RoundsCompleted >= 6, $"{cancelled.RoundsCompleted} rounds before the cancellation");

        var target = ResumeLauncher.Locate(Path.GetFileName(cancelled.RunDirectory), runs, request.DatabasePath);
        var resumedPlan = ResumeLauncher.Prepare(target, Repo.Manifest);
        var resumed = await ResumeLauncher.RunAsync(target, resumedPlan, request with { ScenarioPath = Path.Combine(target.RunDirectory, ResumeRecord.ScenarioCopy) });

        Assert.Equal("completed", resumed.Status);
        Assert.Equal(Rounds, resumed.RoundsCompleted);
        Assert.Equal(File.ReadAllText(Path.Combine(expected.RunDirectory, "metrics.csv")), File.ReadAllText(Path.Combine(resumed.RunDirectory, "metrics.csv")));
        Assert.Equal(expectedClients, File.ReadAllText(Path.Combine(resumed.RunDirectory, "clients.csv")));
        Assert.Equal(expected.FinalAccuracy, resumed.FinalAccuracy);
        Assert.Equal(expected.Epsilon, resumed.Epsilon);
    }
}
