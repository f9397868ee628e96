using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Plugins;
using ActorLab.Contracts.State;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Resume;
using ActorLab.Host.Tests.Support;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// Each stateful strategy's state, saved after some rounds, carried through a journal event's bytes and loaded into
/// a fresh instance, makes the next aggregation (and the data sent to clients) bit-identical to the original's.
/// </summary>
public sealed class StrategyStateTests
{
    private const int Parameters = 40;
    private static readonly Lazy<PluginCatalog> Catalog = new(() => PluginCatalogLoader.Load(Repo.Manifest));

    private static IAggregationStrategy Create(string name) => Catalog.Value.Create<IAggregationStrategy>(name, ComponentOptions.Empty);

    private static AggregationContext Context(int round) => new(round, 5) { TotalClients = 10, SampledClients = 4, ParameterShapes = [[Parameters]] };

    /// <summary>Four seeded client updates around <paramref name="global"/>, with extras (SCAFFOLD's delta c, FedLEx's displacements).</summary>
    private static List<ClientUpdate> Updates(float[] global, int round)
    {
        var random = new Random(round);
        return Enumerable.Range(0, 4).Select(id => new ClientUpdate(id,
            global.Select(g => g + (float)(random.NextDouble() - 0.5)).ToArray(), 10 + id, 1.0)
        {
            Extras = Enumerable.Range(0, Parameters).Select(_ => (float)random.NextDouble()).ToArray(),
        }).ToList();
    }

    [Theory]
    [InlineData("fedavgm")]
    [InlineData("fedadagrad")]
    [InlineData("fedadam")]
    [InlineData("fedyogi")]
    [InlineData("scaffold")]
    [InlineData("fedlex")]
    public void Saved_state_loaded_into_a_fresh_instance_gives_the_same_next_aggregation(string name)
    {
        var original = Create(name);
        var global = new float[Parameters];
        for (var round = 1; round <= 3; round++)
        {
            global = original.Aggregate(Context(round), global, Updates(global, round));
        }

        var saved = Assert.IsAssignableFrom<IStatefulComponent>(original).SaveState();
        Assert.NotEqual(0, saved.Floats.Count + saved.Doubles.Count);
        var restored = Create(name);
        ((IStatefulComponent)restored).LoadState(ThroughJournalBytes(saved));
        var untouched = Create(name);

        var next = Updates(global, 4);
        var expected = original.Aggregate(Context(4), global, next);
        Assert.Equal(expected, restored.Aggregate(Context(4), global, next));
        Assert.Equal(Extras(original), Extras(restored));
        // The state matters: without it the next model, or what the server sends clients (SCAFFOLD's c), differs.
        var fresh = untouched.Aggregate(Context(4), global, next);
        Assert.False(expected.SequenceEqual(fresh) && Extras(original).SequenceEqual(Extras(untouched)), $"{name}: a fresh instance gives the same result");
    }

    [Fact]
    public void Scaffold_client_control_variate_survives_save_and_load()
    {
        var strategy = (IClientAwareStrategy)Create("scaffold");
        using var original = Disposable(strategy.CreateClientAlgorithm());
        using var restored = Disposable(strategy.CreateClientAlgorithm());
        using var untouched = Disposable(strategy.CreateClientAlgorithm());
        var serverControl = Enumerable.Range(0, Parameters).Select(i => i * 0.01f).ToArray();
        for (var round = 1; round <= 2; round++)
        {
            Fit(original.Algorithm, round, serverControl);
        }

        ((IStatefulComponent)restored.Algorithm).LoadState(ThroughJournalBytes(((IStatefulComponent)original.Algorithm).SaveState()));
        var expected = Fit(original.Algorithm, 3, serverControl);
        Assert.Equal(expected, Fit(restored.Algorithm, 3, serverControl));
        Assert.NotEqual(expected, Fit(untouched.Algorithm, 3, serverControl));
    }

    [Theory]
    [InlineData("fedprox")]
    [InlineData("fedlex")]
    public void Client_algorithms_with_per_round_fields_declare_an_empty_state(string name)
    {
        var algorithm = ((IClientAwareStrategy)Create(name)).CreateClientAlgorithm();
        Assert.True(Assert.IsAssignableFrom<IStatefulComponent>(algorithm).SaveState().BitEquals(ComponentState.Empty));
        (algorithm as IDisposable)?.Dispose();
    }

    private static float[] Extras(IAggregationStrategy strategy) => (strategy as IClientAwareStrategy)?.ServerExtras(5) ?? [];

    /// <summary>One SCAFFOLD client round on fake training: returns the delta c it sends.</summary>
    private static float[] Fit(IClientAlgorithm algorithm, int round, float[] serverControl)
    {
        using var parameter = new TorchSharp.Modules.Parameter(torch.zeros(Parameters));
        var global = Enumerable.Range(0, Parameters).Select(i => (float)Math.Sin(i + round)).ToArray();
        algorithm.BeginFit(new ClientFitContext(0, round, 5, global, serverControl, [parameter], 0.1));
        var trained = global.Select((g, i) => g - 0.01f * (i % 7) * round).ToArray();
        return algorithm.EndFit(new ClientFitOutcome(5, trained))!;
    }

    /// <summary>The state as the journal stores and replays it.</summary>
    private static ComponentState ThroughJournalBytes(ComponentState state)
    {
        var metrics = new RoundMetrics(1, 4, 4, 40, 1.0, 1.0, 0.5, 0.1, 0.1);
        var checkpoint = new RoundCheckpoint(1, new float[Parameters], state, null, [], metrics);
        var decoded = RoundCheckpointSerializer.Decode(RoundCheckpointSerializer.Encode(checkpoint)).StrategyState!;
        Assert.True(decoded.BitEquals(state));
        return decoded;
    }

    private static DisposableAlgorithm Disposable(IClientAlgorithm algorithm) => new(algorithm);

    private sealed record DisposableAlgorithm(IClientAlgorithm Algorithm) : IDisposable
    {
        public void Dispose() => (Algorithm as IDisposable)?.Dispose();
    }
}
