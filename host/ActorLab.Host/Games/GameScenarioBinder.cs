using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Games;

/// <summary>Binds a validated <c>game</c> scenario into a <see cref="GameScenario"/>.</summary>
public sealed class GameScenarioBinder : ScenarioBinder<GameScenarioBinder, GameScenario>
{
    /// <inheritdoc />
    protected override string Kind => GameKind.KindName;

    /// <summary>Exactly one of game and sequence; the players, each labelled.</summary>
    protected override GameScenario Finish(ScenarioDocument document, GameScenario scenario)
    {
        if ((scenario.Game is null) == (scenario.Sequence is null))
        {
            throw new ScenarioException(document.FilePath, [new ScenarioError("$", "a game scenario names exactly one of \"game\" (a repeated normal-form game) or \"sequence\" (online learning against a loss sequence)")]);
        }

        return scenario with
        {
            Agents = ScenarioBinding.Labelled(document.FilePath, document.Root, "players").Select(p => new GameAgentChoice(p.Label, p.Component)).ToList(),
        };
    }
}
