using System.Diagnostics;
using ActorLab.Host.Federated;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using ActorLab.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace ActorLab.Host.Tests.Telemetry;

/// <summary>--trace-clients: at most N client.fit spans per round, chosen from the seed; results unchanged.</summary>
[Collection(Federated.SpanCollection.Name)]
public sealed class ClientTraceSamplingTests() : TempDirectoryTest("trace-clients")
{
    private static readonly int[] Thousand = Enumerable.Range(0, 1000).ToArray();

    [Fact]
    public void A_round_within_the_limit_is_traced_whole_and_a_larger_one_gives_exactly_the_limit_seeded_by_round()
    {
        Assert.Equal([3, 7, 9], ClientTraceSampling.Choose([3, 7, 9], 100, seed: 1, round: 1).Order());
        Assert.Empty(ClientTraceSampling.Choose([3, 7, 9], 0, seed: 1, round: 1));

        var round1 = ClientTraceSampling.Choose(Thousand, ClientTraceSampling.DefaultPerRound, seed: 5, round: 1);
        Assert.Equal(ClientTraceSampling.DefaultPerRound, round1.Count);
        Assert.All(round1, id => Assert.InRange(id, 0, 999));
        Assert.Equal(round1.Order(), ClientTraceSampling.Choose(Thousand, ClientTraceSampling.DefaultPerRound, seed: 5, round: 1).Order());
        Assert.NotEqual(round1.Order(), ClientTraceSampling.Choose(Thousand, ClientTraceSampling.DefaultPerRound, seed: 5, round: 2).Order());
        Assert.NotEqual(round1.Order(), ClientTraceSampling.Choose(Thousand, ClientTraceSampling.DefaultPerRound, seed: 6, round: 1).Order());
    }

    [Fact]
    public async Task The_span_count_follows_the_option_and_the_results_do_not_change()
    {
        var (all, allSpans) = await RunAsync(ClientTraceSampling.DefaultPerRound);
        var (two, twoSpans) = await RunAsync(2);

        // 3 rounds of 5 sampled clients: every client.fit by default, 2 per round with the option.
        Assert.Equal(15, allSpans.Count(s => s.DisplayName == "client.fit"));
        var fits = twoSpans.Where(s => s.DisplayName == "client.fit").ToList();
        Assert.Equal(6, fits.Count);
        var rounds = twoSpans.Where(s => s.DisplayName == "round").ToList();
        Assert.Equal(3, rounds.Count);
        Assert.All(rounds, r =>
        {
            Assert.Equal(2, fits.Count(f => f.ParentSpanId == r.SpanId));
            Assert.Equal(2, r.GetTagItem("actorlab.clients.traced"));
        });
        foreach (var name in new[] { "run", "aggregate", "evaluate" })
        {
            Assert.Equal(allSpans.Count(s => s.DisplayName == name), twoSpans.Count(s => s.DisplayName == name));
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(all.RunDirectory, "metrics.csv")), File.ReadAllBytes(Path.Combine(two.RunDirectory, "metrics.csv")));
    }

    private async Task<(RunSummary Summary, List<Activity> Spans)> RunAsync(int tracedClientsPerRound)
    {
        var scenario = Path.Combine(Dir, $"traced-{tracedClientsPerRound}.json");
        File.WriteAllText(scenario, SmallRuns.MlpDirichlet);
        var request = new RunRequest(scenario, Repo.Manifest, Path.Combine(Dir, $"runs-{tracedClientsPerRound}"), 2) { TracedClientsPerRound = tracedClientsPerRound };
        var spans = new List<Activity>();
        RunSummary summary;
        using (Sdk.CreateTracerProviderBuilder().AddSource(ActorLabTelemetry.Name).AddInMemoryExporter(spans).Build())
        {
            var (_, plan) = RunLauncher.Prepare(request);
            summary = await RunLauncher.RunAsync(request, plan);
        }

        Assert.Equal("completed", summary.Status);
        return (summary, spans);
    }
}
