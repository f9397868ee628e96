using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Randomness;
using ActorLab.Plugins.Federated.Strategies;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

/// <summary>Power-of-Choice's selection rule on fake contexts, and its aggregation.</summary>
public sealed class PowerOfChoiceTests
{
    private static PowerOfChoice Strategy(int candidates) => new(new PowerOfChoiceOptions { Candidates = candidates });

    /// <summary>20 clients with 10 to 29 samples; <paramref name="losses"/> by id (absent: never reported).</summary>
    private static ClientSelectionContext Context(int round, int count, IReadOnlyDictionary<int, double> losses, int seed = 3, int clients = 20) =>
        new(round, seed, Enumerable.Range(0, clients).ToList(), count, RandomStreams.Create(seed, "server.sample", 0, round))
        {
            TotalClients = clients,
            SampleCount = id => 10 + id,
            LastReports = losses.ToDictionary(l => l.Key, l => new ClientReport(round - 1, l.Value)),
        };

    private static Dictionary<int, double> Losses(int clients = 20) => Enumerable.Range(0, clients).ToDictionary(id => id, id => (id * 7 % 20) / 10.0);

    [Fact]
    public void It_trains_the_highest_loss_clients_among_its_candidates()
    {
        var losses = Losses();
        // The candidate set is what d = m picks from the same stream (selecting all of them).
        var candidates = Strategy(8).SelectClients(Context(4, count: 8, losses));
        Assert.Equal(8, candidates.Count);
        Assert.Equal(8, candidates.Distinct().Count());

        var chosen = Strategy(8).SelectClients(Context(4, count: 3, losses));
        Assert.Equal(3, chosen.Count);
        Assert.All(chosen, id => Assert.Contains(id, candidates));
        var expected = candidates.OrderByDescending(id => losses[id]).Take(3);
        Assert.Equal(expected.Order(), chosen.Order());
        Assert.True(chosen.Min(id => losses[id]) >= candidates.Except(chosen).Max(id => losses[id]));
    }

    [Fact]
    public void Its_choice_is_not_the_hosts_uniform_draw()
    {
        var losses = Losses();
        var differs = 0;
        for (var round = 1; round <= 10; round++)
        {
            var chosen = Strategy(10).SelectClients(Context(round, count: 4, losses)).Order().ToArray();
            // The host's default: 4 of 20 uniformly from the same stream (partial Fisher-Yates, as ClientSampling.Uniform).
            var random = RandomStreams.Create(3, "server.sample", 0, round);
            var ids = Enumerable.Range(0, 20).ToArray();
            for (var i = 0; i < 4; i++)
            {
                var j = random.Next(i, 20);
                (ids[i], ids[j]) = (ids[j], ids[i]);
            }

            differs += chosen.SequenceEqual(ids[..4].Order()) ? 0 : 1;
        }

        Assert.Equal(10, differs);
    }

    [Fact]
    public void The_same_seed_and_round_give_the_same_clients_and_another_round_others()
    {
        var losses = Losses();
        var first = Strategy(10).SelectClients(Context(5, 4, losses));
        Assert.Equal(first, Strategy(10).SelectClients(Context(5, 4, losses)));
        Assert.NotEqual(first.Order(), Strategy(10).SelectClients(Context(6, 4, losses)).Order());
        Assert.NotEqual(first.Order(), Strategy(10).SelectClients(Context(5, 4, losses, seed: 4)).Order());
    }

    [Fact]
    public void Clients_that_never_reported_go_first()
    {
        var losses = Losses();
        var candidates = Strategy(20).SelectClients(Context(2, count: 20, losses)); // d = 20 of 20: every client
        losses.Remove(candidates[5]);
        losses.Remove(candidates[11]);
        var chosen = Strategy(20).SelectClients(Context(2, count: 3, losses));
        Assert.Contains(candidates[5], chosen);
        Assert.Contains(candidates[11], chosen);
        Assert.Contains(losses.MaxBy(l => l.Value).Key, chosen); // 1.9, the highest reported loss
    }

    [Fact]
    public void Candidates_are_drawn_in_proportion_to_data_fraction()
    {
        // Two clients, 1 and 3 samples: the single candidate (d = m = 1) is the larger one three times in four.
        var larger = 0;
        const int trials = 4000;
        for (var round = 1; round <= trials; round++)
        {
            var context = new ClientSelectionContext(round, 1, [4, 9], 1, RandomStreams.Create(1, "server.sample", 0, round))
            {
                SampleCount = id => id == 9 ? 3 : 1,
            };
            larger += Strategy(1).SelectClients(context).Single() == 9 ? 1 : 0;
        }

        Assert.InRange(larger / (double)trials, 0.72, 0.78);
    }

    [Fact]
    public void Clients_without_data_are_never_candidates()
    {
        var context = new ClientSelectionContext(1, 1, [0, 1, 2, 3], 2, new Random(2)) { SampleCount = id => id % 2 };
        Assert.Equal([1, 3], Strategy(4).SelectClients(context).Order());
    }

    [Fact]
    public void Zero_candidates_means_twice_the_round_and_d_is_capped_by_the_available_clients()
    {
        var losses = Losses();
        var twice = Strategy(0).SelectClients(Context(3, 4, losses));
        Assert.Equal(twice, Strategy(8).SelectClients(Context(3, 4, losses)));
        // d above the federation: every client is a candidate, so the m highest losses of all train.
        var all = Strategy(500).SelectClients(Context(3, 4, losses));
        Assert.Equal(losses.OrderByDescending(l => l.Value).Take(4).Select(l => l.Key).Order(), all.Order());
    }

    [Fact]
    public void Fewer_candidates_than_clients_per_round_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => Strategy(3).SelectClients(Context(1, 4, Losses())));
        Assert.Equal("power-of-choice: candidates (d = 3) must be at least the 4 clients a round trains (clients.perRound); set strategy.options.candidates to 4 or more, or 0 for 2m", error.Message);
    }

    [Fact]
    public void It_averages_the_selected_models_with_equal_weights()
    {
        var result = Strategy(0).Aggregate(new AggregationContext(1, 0), [0f, 0f],
            [new ClientUpdate(0, [1f, 10f], 1, 0), new ClientUpdate(1, [5f, 20f], 3, 0)]);
        Assert.Equal([3f, 15f], result);
    }
}
