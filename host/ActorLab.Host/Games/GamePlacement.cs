namespace ActorLab.Host.Games;

/// <summary>
/// How a repeated game's repetitions use the cores: each repetition in ONE actor (<see cref="AllPlayersActor"/>: all
/// players in a plain loop on one trainer thread), <c>workers</c> repetitions at a time; or in lockstep, one actor per
/// player on a thread of its own, meeting every round at <see cref="RoundExchange"/>'s barrier, workers / players
/// repetitions at a time. Online learning is not placed here: its agents never wait for each other, so every agent of
/// every repetition is an actor on the trainer pool.
/// <para>
/// The rule comes from a throughput model. Say one round costs c of agent work for all n players together and the
/// barrier hand-off costs h per round; in lockstep a round then takes c / n + h. With R repetitions and W workers, one
/// actor per repetition delivers min(R, W) / c rounds per second and lockstep min(R, max(1, W / n)) / (c / n + h).
/// When R &gt;= W the first is W / c and the second at most W / (c + n h), so one actor per repetition is never slower,
/// whatever c is: it is chosen then, without timing any agent. When R &lt; W lockstep can win (agents that take longer
/// than h a round, e.g. a transformer or an LLM, gain from the idle cores), and telling which needs c, which only
/// calling the agents measures (an LLM agent's calls are paid and counted), so lockstep is kept. Measured on a 2-core
/// AMD EPYC (bench/README.md, "Games (issue 17)"): Hedge 10 x 10 is c ~ 1.5 us and h ~ 0.8 us, so lockstep on two
/// threads only breaks even with one, while 8 repetitions in one actor each run about twice the 1-thread loop.
/// </para>
/// </summary>
public static class GamePlacement
{
    /// <summary>Whether each of <paramref name="repetitions"/> repetitions runs in one actor, given <paramref name="workers"/> trainer threads.</summary>
    public static bool OneActorPerRepetition(int repetitions, int workers) => repetitions >= workers;

    /// <summary>How many repetitions of a repeated game with <paramref name="players"/> players run at a time.</summary>
    public static int Concurrent(int repetitions, int players, int workers) =>
        OneActorPerRepetition(repetitions, workers) ? Math.Max(1, workers) : Math.Max(1, workers / players);
}
