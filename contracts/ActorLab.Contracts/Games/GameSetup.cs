namespace ActorLab.Contracts.Games;

/// <summary>What a game, loss sequence or agent is told at the start of one repetition.</summary>
/// <param name="Seed">The run seed.</param>
/// <param name="Repetition">Which independent repetition this is; derive streams from (seed, component, repetition).</param>
/// <param name="Rounds">Rounds in the repetition (the horizon T).</param>
public sealed record GameSetup(int Seed, int Repetition, long Rounds);

/// <summary>What an agent observes after each round.</summary>
public enum Feedback
{
    /// <summary>The whole loss vector over its actions: expected losses against the others' mixed strategies.</summary>
    Full,

    /// <summary>The whole loss vector against the others' sampled actions.</summary>
    Sampled,

    /// <summary>Only the loss of its own sampled action, with the probability it had (bandit feedback).</summary>
    Bandit,
}

/// <summary>What an agent is told at the start of one repetition.</summary>
/// <param name="Player">Its index in the game (0 for online learning).</param>
/// <param name="Actions">Number of its actions.</param>
/// <param name="Feedback">What it observes after each round.</param>
/// <param name="Game">The repetition.</param>
/// <param name="Payoffs">
/// For repeated games, its loss table as a function of its own action and the others' joint action
/// (<see cref="INormalFormGame.Loss"/>), for agents that reason about the game (best response, fictitious play); null
/// for online learning against a loss sequence.
/// </param>
public sealed record AgentSetup(int Player, int Actions, Feedback Feedback, GameSetup Game, INormalFormGame? Payoffs);
