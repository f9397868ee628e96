using ActorLab.Host.Simulation.Repetitions;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>
/// The root of a game run: opens the run span and runs the repetitions' <see cref="GameMasterActor"/>s. Online
/// learning repetitions all start at once (their agents share the trainer threads); a repeated game's repetitions
/// run as <see cref="GamePlacement"/> says: each in one actor, workers at a time, or in lockstep, workers / players at a
/// time, since each lockstep agent holds a thread while the players wait for each other.
/// The repetitions' checkpoints are recorded as they arrive (what a stopped run keeps). A failing agent fails its
/// repetition and the run with its message; the host lives on.
/// </summary>
public sealed class GameSupervisorActor(GamePlan plan, RepetitionSupervision<GameMasterActor.CheckpointReached, GameOutcome> run)
    : RepetitionSupervisorActor<GameMasterActor.CheckpointReached, GameOutcome>(GameKind.KindName, plan.Scenario.Name,
        plan.Scenario.Repetitions, plan.IsGame ? GamePlacement.Concurrent(plan.Scenario.Repetitions, plan.Scenario.Agents.Count, run.Workers) : plan.Scenario.Repetitions, run)
{
    private readonly bool _oneActor = GamePlacement.OneActorPerRepetition(plan.Scenario.Repetitions, plan.Scenario.Agents.Count, run.Workers);

    /// <summary>Props of the run.</summary>
    public static Props Props(GamePlan plan, RepetitionSupervision<GameMasterActor.CheckpointReached, GameOutcome> run) =>
        Akka.Actor.Props.Create(() => new GameSupervisorActor(plan, run));

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags() =>
    [
        ("actorlab.game", (plan.Scenario.Game ?? plan.Scenario.Sequence)?.Name),
        ("actorlab.game.agents", string.Join(",", plan.Scenario.Agents.Select(a => a.Component.Name))),
    ];

    /// <inheritdoc />
    protected override Props Repetition(int repetition, TraceContext? runTrace) => GameMasterActor.Props(plan, repetition, runTrace, _oneActor);
}
