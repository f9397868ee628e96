using ActorLab.Contracts.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Games;

/// <summary>
/// A game run before it starts: the scenario and the catalog its components come from. Every agent actor builds its
/// own copy of the repetition's game or sequence (payoffs and losses are pure functions of seed and repetition).
/// </summary>
public sealed record GamePlan(GameScenario Scenario, PluginCatalog Catalog)
{
    /// <summary>True for a repeated game (agents exchange strategies every round); false for online learning.</summary>
    public bool IsGame => Scenario.Game is not null;

    /// <summary>The setup of repetition <paramref name="repetition"/>.</summary>
    public GameSetup Setup(int repetition) => new(Scenario.Seed, repetition, Scenario.Rounds);

    /// <summary>The repetition's game, checked against the number of players.</summary>
    public INormalFormGame CreateGame(int repetition)
    {
        var choice = Scenario.Game!;
        var game = Catalog.Create<INormalFormGame>(choice.Name, choice.Options);
        if (game.Players != Scenario.Agents.Count)
        {
            throw new ScenarioException(Scenario.FilePath, [new ScenarioError("$.players",
                $"game '{choice.Name}' has {game.Players} players but the scenario lists {Scenario.Agents.Count}; list one agent per player")]);
        }

        game.Reset(Setup(repetition));
        return game;
    }

    /// <summary>The repetition's loss sequence.</summary>
    public ILossSequence CreateSequence(int repetition)
    {
        var choice = Scenario.Sequence!;
        var sequence = Catalog.Create<ILossSequence>(choice.Name, choice.Options);
        sequence.Reset(Setup(repetition));
        return sequence;
    }

    /// <summary>Agent <paramref name="agent"/>'s share of repetition <paramref name="repetition"/>, its agent freshly reset.</summary>
    public RoundPlay CreatePlay(int repetition, int agent)
    {
        var choice = Scenario.Agents[agent].Component;
        var instance = Catalog.Create<IGameAgent>(choice.Name, choice.Options);
        return IsGame
            ? new RoundPlay(CreateGame(repetition), agent, instance, Scenario.Feedback, Setup(repetition))
            : new RoundPlay(CreateSequence(repetition), instance, Scenario.Feedback, Setup(repetition));
    }
}
