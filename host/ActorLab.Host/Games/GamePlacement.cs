namespace ActorLab.Host.Games;

/// <summary>
/// How a repeated game's repetitions use the cores: each repetition in ONE actor (<see cref="AllPlayersActor"/>: all
/// players in a plain loop on one trainer thread), <c>workers</c> repetitions at a time; or in lockstep, one actor per
/// player on a thread of its own, meeting every round at <see cref="RoundExchange"/>'s barrier, workers / players
/// repetitions at a time. Online learning is not placed here: its agents never wait for each other, so every agent of
/// every repetition is an actor on the trainer pool.
/// <para>
/// The rule comes from a throughput model. Say one round costs c of agent work for all n players together and the
/// barrier hand-off costs h per round. One actor per repetition keeps min(R, W) of the W workers busy and delivers
/// min(R, W) / c rounds per second (R repetitions); lockstep runs min(R, max(1, W / n)) repetitions whose players
/// share min(n, W) threads each, a round taking c / min(n, W) + h. As h only slows lockstep, one actor per repetition
/// is at least as fast for every c and h exactly when it keeps at least as many threads busy:
/// min(R, W) &gt;= min(R, max(1, W / n)) x min(n, W) (e.g. R &gt;= W). Then it is chosen, without timing any agent.
/// Otherwise lockstep wins for agents slow enough per round (a transformer, an LLM: c &gt; h x n / (n - 1) for one
/// repetition on n workers) and loses for cheap ones, and telling which needs c, which only calling the agents
/// measures (an LLM agent's calls are paid and counted), so lockstep is kept. Measured on a 2-core AMD EPYC
/// (bench/README.md, "Games (issue 17)"): Hedge on 10 x 10 costs c ~ 0.5 us a round, and lockstep on two threads
/// only broke even with one, while 8 repetitions in one actor each run about twice the rate of a 1-thread loop.
/// </para>
/// </summary>
public static class GamePlacement
{
    /// <summary>
    /// Whether each of <paramref name="repetitions"/> repetitions of a game of <paramref name="players"/> players runs
    /// in one actor, given <paramref name="workers"/> trainer threads: when that keeps at least as many threads busy as lockstep.
    /// </summary>
    public static bool OneActorPerRepetition(int repetitions, int players, int workers) =>
        Math.Min(repetitions, workers) >= LockstepRepetitions(repetitions, players, workers) * Math.Min(players, workers);

    /// <summary>How many repetitions of a repeated game with <paramref name="players"/> players run at a time.</summary>
    public static int Concurrent(int repetitions, int players, int workers) =>
        OneActorPerRepetition(repetitions, players, workers) ? Math.Max(1, workers) : LockstepRepetitions(repetitions, players, workers);

    private static int LockstepRepetitions(int repetitions, int players, int workers) => Math.Min(repetitions, Math.Max(1, workers / players));
}
