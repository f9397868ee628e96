namespace ActorLab.Host.Games;

/// <summary>One repetition's results up to a checkpoint (the horizon, unless the run stopped early).</summary>
/// <param name="Repetition">Which repetition.</param>
/// <param name="Agents">Each agent's regret at every checkpoint.</param>
/// <param name="Game">The game's metrics at every checkpoint (empty for online learning).</param>
/// <param name="Counters">Each agent's event counts at the last checkpoint (LLM calls, retries, fallbacks, ...).</param>
public sealed record GameRepetition(int Repetition, IReadOnlyList<AgentPoint> Agents, IReadOnlyList<GamePoint> Game,
    IReadOnlyList<IReadOnlyDictionary<string, long>> Counters)
{
    /// <summary>The repetition's checkpoints, in order, as one record.</summary>
    public static GameRepetition Of(int repetition, IReadOnlyList<GameMasterActor.CheckpointReached> checkpoints) =>
        new(repetition, [.. checkpoints.SelectMany(c => c.Agents)], [.. checkpoints.Select(c => c.Game).OfType<GamePoint>()], checkpoints[^1].Counters);
}
