namespace ActorLab.Contracts.Games;

/// <summary>
/// A normal-form game played repeatedly. Joint actions are indexed row-major: joint = ((a_0 * n_1 + a_1) * n_2 + ...).
/// Payoffs are utilities (higher is better); learners see losses, <see cref="Loss"/>, the payoff mapped to [0, 1]
/// with the game's payoff range, so every no-regret bound applies unchanged.
/// </summary>
public interface INormalFormGame
{
    /// <summary>n, the number of players.</summary>
    int Players { get; }

    /// <summary>Each player's number of actions.</summary>
    IReadOnlyList<int> Actions { get; }

    /// <summary>True when payoffs sum to zero for every joint action (exploitability is defined).</summary>
    bool ZeroSum { get; }

    /// <summary>Draws the repetition's payoffs (random games) or does nothing (fixed games).</summary>
    void Reset(GameSetup setup);

    /// <summary>Player <paramref name="player"/>'s payoff at joint action index <paramref name="joint"/>.</summary>
    double Payoff(int player, int joint);

    /// <summary>The smallest and largest payoff of any player at any joint action (for the loss scale).</summary>
    (double Min, double Max) PayoffRange { get; }

    /// <summary>(max - payoff) / (max - min): the player's loss in [0, 1].</summary>
    double Loss(int player, int joint) => PayoffRange.Max > PayoffRange.Min
        ? (PayoffRange.Max - Payoff(player, joint)) / (PayoffRange.Max - PayoffRange.Min)
        : 0;
}

/// <summary>
/// A sequence of loss vectors for online learning (one learner, no opponents). Oblivious sequences depend on the round
/// only; an adaptive one may also look at the learner's strategy for the round (an adversary to that learner).
/// </summary>
public interface ILossSequence
{
    /// <summary>Number of actions.</summary>
    int Actions { get; }

    /// <summary>Starts a repetition.</summary>
    void Reset(GameSetup setup);

    /// <summary>Writes the losses of round <paramref name="round"/>, in [0, 1], given the learner's <paramref name="strategy"/>.</summary>
    void Losses(long round, ReadOnlySpan<double> strategy, Span<double> losses);
}
