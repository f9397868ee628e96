using ActorLab.Contracts.Randomness;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated.Faults;

/// <summary>
/// Decides, from the run seed only, which clients misbehave and how: a fixed set of Byzantine clients
/// (round(fraction x total), chosen once), and per round which sampled clients drop out, crash or straggle.
/// Stragglers are exactly round(stragglers x sampled) of the round's clients, as in the FedProx paper ("x% of
/// the selected devices"); each does x of its E local epochs, x uniform in [1, E - 1], or with E = 1 a uniform
/// share of its steps. Dropout and crash are independent per client with their probabilities, and win over
/// straggling. With a deadline, client k trains samplesPerSecond x s_k samples per simulated second, s_k =
/// exp(speedSigma z_k) drawn once per client from (seed, client); work that does not fit in the deadline is cut,
/// making the client a straggler with the share that fits (the smaller share wins if it was drawn a straggler too).
/// Clients that neither drop out nor crash may also get message and update faults (<see cref="InjectedFaults"/>).
/// </summary>
public sealed class FaultPlan
{
    private readonly FaultSettings _settings;
    private readonly int _seed;
    private readonly int _localEpochs;
    private readonly HashSet<int> _byzantine;
    private readonly Func<int, int> _sampleCount;

    /// <summary>Creates the plan of a run; <paramref name="sampleCount"/> gives each client's rows (for the deadline).</summary>
    public FaultPlan(FaultSettings settings, int seed, int totalClients, int localEpochs, Func<int, int>? sampleCount = null)
    {
        _settings = settings;
        _seed = seed;
        _localEpochs = localEpochs;
        _sampleCount = sampleCount ?? (_ => 0);
        var ids = Enumerable.Range(0, totalClients).ToArray();
        RandomStreams.Create(seed, "faults.byzantine").Shuffle(ids);
        _byzantine = ids.Take((int)Math.Round(settings.Byzantine.Fraction * totalClients)).ToHashSet();
    }

    /// <summary>The attack settings of Byzantine clients.</summary>
    public ByzantineSettings Byzantine => _settings.Byzantine;

    /// <summary>True for the clients that attack whenever they are sampled.</summary>
    public bool IsByzantine(int client) => _byzantine.Contains(client);

    /// <summary>Client <paramref name="client"/>'s speed factor s_k (1 without a deadline).</summary>
    public double Speed(int client) => _settings.Deadline is { } deadline
        ? Math.Exp(deadline.SpeedSigma * RandomStreams.Create(_seed, "faults.speed", client).NextGaussian())
        : 1.0;

    /// <summary>The share of its local work client <paramref name="client"/> completes before the deadline (1: all).</summary>
    public double WorkWithinDeadline(int client)
    {
        if (_settings.Deadline is not { } deadline)
        {
            return 1.0;
        }

        var work = (double)_sampleCount(client) * _localEpochs;
        return work <= 0 ? 1.0 : Math.Min(1.0, deadline.Seconds * deadline.SamplesPerSecond * Speed(client) / work);
    }

    /// <summary>The faults of round <paramref name="round"/> for its sampled clients (absent: none).</summary>
    public IReadOnlyDictionary<int, ClientFault> ForRound(int round, IReadOnlyList<int> sampled)
    {
        var faults = new Dictionary<int, ClientFault>();
        var random = RandomStreams.Create(_seed, "faults.round", 0, round);
        var order = sampled.ToArray();
        random.Shuffle(order);
        foreach (var client in order.Take((int)Math.Round(_settings.Stragglers * sampled.Count)))
        {
            var work = _localEpochs > 1
                ? random.Next(1, _localEpochs) / (double)_localEpochs
                : 1e-9 + random.NextDouble() * (1 - 2e-9);
            faults[client] = new ClientFault(ClientFaultKind.Straggler, work);
        }

        foreach (var client in sampled)
        {
            var withinDeadline = WorkWithinDeadline(client);
            if (withinDeadline < 1 && withinDeadline < faults.GetValueOrDefault(client, ClientFault.None).WorkFraction)
            {
                faults[client] = new ClientFault(ClientFaultKind.Straggler, withinDeadline);
            }
        }

        foreach (var client in sampled)
        {
            if (random.NextDouble() < _settings.Dropout)
            {
                faults[client] = new ClientFault(ClientFaultKind.Dropout);
            }
            else if (random.NextDouble() < _settings.Crash)
            {
                faults[client] = new ClientFault(ClientFaultKind.Crash);
            }
        }

        // Message and update faults have streams of their own (InjectedFaults), so the draws above are as before.
        foreach (var client in sampled)
        {
            var fault = faults.GetValueOrDefault(client, ClientFault.None);
            if (fault.Kind is not (ClientFaultKind.Dropout or ClientFaultKind.Crash))
            {
                var injected = InjectedFaults.Add(_settings, _seed, client, round, fault);
                if (!ReferenceEquals(injected, fault))
                {
                    faults[client] = injected;
                }
            }
        }

        return faults;
    }
}
