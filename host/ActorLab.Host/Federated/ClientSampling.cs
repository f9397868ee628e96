using System.Collections.ObjectModel;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated;

/// <summary>
/// Which clients a round asks to train. By default clients.perRound of clients.total, drawn uniformly from the round's
/// stream (seed, "server.sample", 0, round). A strategy that implements <see cref="IClientSelection"/> picks them
/// instead, from the clients not stopped, with the same stream and each client's last report; its answer is checked
/// here, so that a selecting strategy needs no change in the server. No actor: the server calls it once a round.
/// </summary>
public sealed class ClientSampling
{
    private readonly IClientSelection? _selection;
    private readonly string _strategyName;
    private readonly ClientSettings _clients;
    private readonly int _seed;
    private readonly Func<int, long> _sampleCount;
    private readonly Dictionary<int, ClientReport> _reports = [];
    private readonly ReadOnlyDictionary<int, ClientReport> _reportView;

    /// <summary>Sampling for a run of <paramref name="strategy"/>; <paramref name="completed"/> replays a resumed run's rounds.</summary>
    /// <param name="strategy">The run's strategy (it selects when it implements <see cref="IClientSelection"/>).</param>
    /// <param name="strategyName">Its name in the scenario, for reports.</param>
    /// <param name="clients">The scenario's client settings.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="sampleCount">Training samples of each client, by id.</param>
    /// <param name="completed">The metrics of the rounds already completed (a resumed run's journal), in order.</param>
    public ClientSampling(IAggregationStrategy strategy, string strategyName, ClientSettings clients, int seed, Func<int, long> sampleCount,
        IEnumerable<RoundMetrics>? completed = null)
    {
        _selection = strategy as IClientSelection;
        _strategyName = strategyName;
        _clients = clients;
        _seed = seed;
        _sampleCount = sampleCount;
        _reportView = new ReadOnlyDictionary<int, ClientReport>(_reports);
        foreach (var round in completed ?? [])
        {
            Record(round);
        }
    }

    /// <summary>The clients each one last reported, as a selecting strategy sees them.</summary>
    public IReadOnlyDictionary<int, ClientReport> LastReports => _reportView;

    /// <summary>
    /// The round's clients, sorted; false with <paramref name="failure"/> (naming the strategy) when the strategy's
    /// answer is unusable or its call did not return within clients.callTimeoutSeconds.
    /// </summary>
    /// <param name="round">1-based round.</param>
    /// <param name="isStopped">Whether a client has been stopped after repeated failures (not offered to a selecting strategy).</param>
    /// <param name="clients">The chosen ids, sorted; empty on failure.</param>
    /// <param name="failure">Why the run cannot go on; null on success.</param>
    public bool TrySelect(int round, Func<int, bool> isStopped, out int[] clients, out string? failure)
    {
        var random = RandomStreams.Create(_seed, "server.sample", 0, round);
        failure = null;
        if (_selection is null)
        {
            clients = Uniform(_clients.Total, _clients.PerRound, random);
            return true;
        }

        var available = Enumerable.Range(0, _clients.Total).Where(id => !isStopped(id)).ToArray();
        var context = new ClientSelectionContext(round, _seed, available, Math.Min(_clients.PerRound, available.Length), random)
        {
            TotalClients = _clients.Total,
            SampleCount = _sampleCount,
            LastReports = _reportView,
        };
        var limit = _clients.CallTimeoutSeconds;
        clients = [];
        if (!PluginCall.TryRun(() => _selection.SelectClients(context), TimeSpan.FromSeconds(limit), out var chosen))
        {
            failure = $"round {round}: strategy '{_strategyName}' did not return from SelectClients within {limit} s (clients.callTimeoutSeconds); its thread is abandoned";
            return false;
        }

        failure = Check(round, chosen, available);
        if (failure is null)
        {
            clients = [.. chosen.Order()];
        }

        return failure is null;
    }

    /// <summary>Keeps each client's latest finite training loss from a completed round (only when the strategy selects).</summary>
    public void Record(RoundMetrics metrics)
    {
        if (_selection is null)
        {
            return;
        }

        foreach (var outcome in metrics.Clients)
        {
            if (outcome.TrainLoss is { } loss && double.IsFinite(loss))
            {
                _reports[outcome.ClientId] = new ClientReport(metrics.Round, loss);
            }
        }
    }

    /// <summary>Draws <paramref name="count"/> distinct ids of <paramref name="total"/>, sorted (partial Fisher-Yates).</summary>
    public static int[] Uniform(int total, int count, Random random)
    {
        var ids = Enumerable.Range(0, total).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, total);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }

        var chosen = ids[..count];
        Array.Sort(chosen);
        return chosen;
    }

    private string? Check(int round, IReadOnlyList<int>? chosen, int[] available)
    {
        var prefix = $"round {round}: strategy '{_strategyName}' (IClientSelection.SelectClients)";
        if (chosen is null || chosen.Count == 0)
        {
            return $"{prefix} selected no client; it must return at least one of the {available.Length} available";
        }

        var seen = new HashSet<int>();
        foreach (var id in chosen)
        {
            if (Array.BinarySearch(available, id) < 0)
            {
                return id >= 0 && id < _clients.Total
                    ? $"{prefix} selected client {id}, which has been stopped after repeated failures (clients.maxConsecutiveFailures)"
                    : $"{prefix} selected client {id}, which does not exist (ids 0 to {_clients.Total - 1}, clients.total)";
            }

            if (!seen.Add(id))
            {
                return $"{prefix} selected client {id} twice";
            }
        }

        return null;
    }
}
