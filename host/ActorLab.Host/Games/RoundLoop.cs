namespace ActorLab.Host.Games;

/// <summary>
/// The plain single-threaded round loop over one repetition's players: every player acts, then every player learns
/// from all the strategies (or from its loss sequence). The one-actor repetition (<see cref="AllPlayersActor"/>) and
/// the benchmark's baseline replay both run it; each player's arithmetic is that of <see cref="AgentActor"/>'s
/// lockstep path (the same <see cref="RoundPlay"/> calls on the same values), so results are identical bit for bit.
/// </summary>
public static class RoundLoop
{
    /// <summary>
    /// Plays rounds [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of a repeated game
    /// (<paramref name="isGame"/>) or of loss sequences; <paramref name="jointCounts"/>, when given, counts the sampled
    /// joint actions as player 0 sees them.
    /// </summary>
    public static void Play(RoundPlay[] plays, bool isGame, long first, long count, long[]? jointCounts = null)
    {
        var strategies = plays.Select(p => p.Strategy).ToArray();
        for (var round = first; round < first + count; round++)
        {
            foreach (var play in plays)
            {
                play.Act(round);
            }

            for (var p = 0; p < plays.Length; p++)
            {
                if (!isGame)
                {
                    plays[p].LearnFromSequence(round);
                }
                else if (p == 0)
                {
                    plays[0].Learn(round, strategies);
                }
                else
                {
                    plays[p].Learn(round, strategies, plays[0]); // player 0's draws: the same for every player
                }
            }

            if (jointCounts is not null)
            {
                jointCounts[plays[0].SampledJoint]++;
            }
        }
    }
}
