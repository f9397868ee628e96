namespace ActorLab.Contracts.Games;

/// <summary>
/// A player of a repeated game or an online learner: each round it states a mixed strategy over its actions, then
/// observes feedback (<see cref="AgentSetup.Feedback"/>). The host calls Strategy and one Observe alternately, many
/// rounds per message, so an agent must be cheap per round.
/// </summary>
public interface IGameAgent
{
    /// <summary>Starts a repetition: forget everything, seed its own random stream.</summary>
    void Reset(AgentSetup setup);

    /// <summary>Writes its mixed strategy for <paramref name="round"/> (non-negative, summing to 1).</summary>
    void Strategy(long round, Span<double> strategy);

    /// <summary>Full or sampled feedback: the loss of every one of its actions this round.</summary>
    void Observe(long round, ReadOnlySpan<double> losses);

    /// <summary>Bandit feedback: the loss of the action it played, which it chose with <paramref name="probability"/>.</summary>
    void ObserveBandit(long round, int action, double loss, double probability);

    /// <summary>
    /// For agents that reason about the game rather than the losses (fictitious play, best response): the others' joint
    /// action this round, or -1 under bandit feedback. Called before Observe; ignore it by default.
    /// </summary>
    void ObserveOthers(long round, ReadOnlySpan<int> othersActions)
    {
    }
}

/// <summary>
/// An agent that counts events worth reporting (an LLM agent's calls, retries, malformed replies, fallbacks, tokens):
/// the host adds them up over repetitions into the run summary.
/// </summary>
public interface IAgentCounters
{
    /// <summary>Event counts so far in this repetition, by name.</summary>
    IReadOnlyDictionary<string, long> Counters { get; }
}
