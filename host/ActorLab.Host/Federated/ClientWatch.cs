using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated;

/// <summary>
/// The server's bookkeeping of plugin hangs, repeated failures and lost messages.
/// Hangs: each fit is timed from its start (the client tells the server) against clients.callTimeoutSeconds;
/// one that runs longer is abandoned, its client dropped from the round as timed out and its actor replaced by a
/// fresh one (a new generation, named client-&lt;id&gt;-&lt;generation&gt;) for later rounds. A thread cannot be
/// killed in .NET, so the hung trainer thread is lost: counted, reported, and once every trainer thread is lost
/// the run fails. A fit whose reply was lost (faults.messageDrops) is not timed, since its end cannot be seen; a
/// delayed reply's delay is added to its limit.
/// Repeated failures: a client whose fit throws (a real exception, not an injected crash) in
/// clients.maxConsecutiveFailures of its rounds in a row is stopped: it stays in sampling (so the draws of the
/// run do not change) but is not asked to train again, and appears as "stopped" in clients.csv.
/// </summary>
public sealed class ClientWatch(ClientSettings settings, int trainerThreads)
{
    private readonly Dictionary<int, int> _generations = [];
    private readonly Dictionary<int, int> _inProgress = [];
    private readonly Dictionary<(int Client, int Round), ClientFault> _sent = [];
    private readonly Dictionary<int, int> _consecutiveFailures = [];
    private readonly Dictionary<int, StoppedClient> _stopped = [];
    private readonly Dictionary<int, string> _lostMessages = [];

    /// <summary>This round's counts.</summary>
    public RoundCounts Round { get; private set; } = new();

    /// <summary>Trainer threads lost to calls that never returned.</summary>
    public int LostThreads { get; private set; }

    /// <summary>True when every trainer thread is lost (no fit could run any more).</summary>
    public bool NoTrainerThreadLeft => trainerThreads > 0 && LostThreads >= trainerThreads;

    /// <summary>How many times <paramref name="client"/>'s actor has been replaced.</summary>
    public int Generation(int client) => _generations.GetValueOrDefault(client);

    /// <summary>Resets the per-round counts.</summary>
    public void StartRound()
    {
        Round = new RoundCounts();
        _lostMessages.Clear();
    }

    /// <summary>True when all <paramref name="total"/> clients are stopped.</summary>
    public bool AllStopped(int total) => _stopped.Count >= total;

    /// <summary>The stopped clients, one line.</summary>
    public string StoppedSummary() =>
        string.Join("; ", _stopped.Values.OrderBy(s => s.ClientId).Select(s => $"client {s.ClientId}: {s.Failures} failures, last {s.LastError}"));

    /// <summary>Why <paramref name="client"/> is not asked to train, or null when it may be.</summary>
    public string? StoppedReason(int client) => _stopped.TryGetValue(client, out var stopped)
        ? $"stopped in round {stopped.Round} after {stopped.Failures} consecutive failures (clients.maxConsecutiveFailures)"
        : null;

    /// <summary>Records a fit being sent with its faults; false when the fit message is lost.</summary>
    public bool Sending(int client, int round, ClientFault fault)
    {
        if (fault.DropsFit || fault.DropsReply)
        {
            Round.MessagesDropped++;
            _lostMessages[client] = fault.DropsFit ? "fit" : "reply";
        }

        if (!fault.DropsFit)
        {
            _sent[(client, round)] = fault;
        }

        return !fault.DropsFit;
    }

    /// <summary>The message of <paramref name="client"/>'s exchange lost this round (fit or reply), or null.</summary>
    public string? LostMessage(int client) => _lostMessages.GetValueOrDefault(client);

    /// <summary>A fit started; returns its time limit, or null when it is not timed.</summary>
    public TimeSpan? Started(int client, int round)
    {
        _sent.Remove((client, round), out var fault);
        if (fault?.DropsReply == true)
        {
            return null;
        }

        _inProgress[client] = round;
        return TimeSpan.FromSeconds(settings.CallTimeoutSeconds) + TimeSpan.FromMilliseconds(fault?.ReplyDelayMilliseconds ?? 0);
    }

    /// <summary>The client's fit in progress ended (a reply or a failure); returns its round, or null when none was timed.</summary>
    public int? Ended(int client) => _inProgress.Remove(client, out var round) ? round : null;

    /// <summary>The fit of <paramref name="round"/> hit its limit; true when it is still running and so abandoned.</summary>
    public bool Abandon(int client, int round)
    {
        if (!_inProgress.TryGetValue(client, out var running) || running != round)
        {
            return false;
        }

        _inProgress.Remove(client);
        _generations[client] = Generation(client) + 1;
        LostThreads++;
        Round.Abandoned++;
        return true;
    }

    /// <summary>A reply arrived for an earlier round (after its deadline).</summary>
    public void LateReply() => Round.LateReplies++;

    /// <summary>An update was excluded for non-finite values.</summary>
    public void NonFinite() => Round.NonFinite++;

    /// <summary>The client answered: its run of failures ends.</summary>
    public void Succeeded(int client) => _consecutiveFailures.Remove(client);

    /// <summary>The client's fit threw; returns the stop record when this failure stops it.</summary>
    public StoppedClient? Failed(int client, int round, string error)
    {
        var failures = _consecutiveFailures[client] = _consecutiveFailures.GetValueOrDefault(client) + 1;
        if (failures < settings.MaxConsecutiveFailures || _stopped.ContainsKey(client))
        {
            return null;
        }

        var stopped = new StoppedClient(client, round, failures, error);
        _stopped[client] = stopped;
        Round.Stopped.Add(stopped);
        return stopped;
    }

    /// <summary>The counts of one round.</summary>
    public sealed class RoundCounts
    {
        /// <summary>Updates excluded for NaN or Inf.</summary>
        public int NonFinite { get; set; }

        /// <summary>Fit messages and replies lost.</summary>
        public int MessagesDropped { get; set; }

        /// <summary>Replies to earlier rounds.</summary>
        public int LateReplies { get; set; }

        /// <summary>Fits abandoned after clients.callTimeoutSeconds.</summary>
        public int Abandoned { get; set; }

        /// <summary>Clients stopped.</summary>
        public List<StoppedClient> Stopped { get; } = [];
    }
}
