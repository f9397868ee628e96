using ActorLab.Host.Simulation.Repetitions;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Bandits;

/// <summary>
/// The root of a bandit run: opens the run span, starts every repetition's <see cref="EnvironmentActor"/> at once
/// (they share the trainer threads), records the repetitions' checkpoints as they arrive (what a stopped run keeps)
/// and completes the run. A policy or environment that throws fails its repetition and the run, with the exception's
/// message; the host lives on.
/// </summary>
public sealed class BanditSupervisorActor(BanditPlan plan, RepetitionSupervision<EnvironmentActor.CheckpointReached, BanditOutcome> run)
    : RepetitionSupervisorActor<EnvironmentActor.CheckpointReached, BanditOutcome>(BanditKind.KindName, plan.Scenario.Name,
        plan.Scenario.Repetitions, plan.Scenario.Repetitions, run)
{
    /// <summary>Props of the run.</summary>
    public static Props Props(BanditPlan plan, RepetitionSupervision<EnvironmentActor.CheckpointReached, BanditOutcome> run) =>
        Akka.Actor.Props.Create(() => new BanditSupervisorActor(plan, run));

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags() =>
    [
        ("actorlab.bandit.environment", plan.Scenario.Environment.Name),
        ("actorlab.bandit.policies", string.Join(",", plan.Scenario.Policies.Select(p => p.Component.Name))),
    ];

    /// <inheritdoc />
    protected override Props Repetition(int repetition, TraceContext? runTrace) => EnvironmentActor.Props(plan, repetition, runTrace);
}
