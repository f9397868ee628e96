using ActorLab.Host.Simulation.Repetitions;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Bandits;

/// <summary>One point of a learner's regret curve.</summary>
public sealed record RegretPoint(int Repetition, int Policy, long Step, double PseudoRegret, double HindsightRegret, double Reward);

/// <summary>
/// The environment side of one repetition: creates one <see cref="LearnerActor"/> per policy and paces them
/// through the horizon in batches (cut at the regret curve's checkpoints), all policies facing the same steps.
/// At every checkpoint it reports the learners' curve points and arm pulls to its parent, so that a run stopped
/// midway keeps them; the horizon's checkpoint ends the repetition.
/// </summary>
public sealed class EnvironmentActor : RepetitionActor<LearnerActor.Played>
{
    private readonly BanditPlan _plan;
    private readonly LearnerActor.Played?[] _latest;

    /// <summary>Creates repetition <paramref name="repetition"/> of <paramref name="plan"/>.</summary>
    public EnvironmentActor(BanditPlan plan, int repetition, TraceContext? runTrace)
        : base(BanditKind.KindName, plan.Scenario.Name, repetition, runTrace, plan.Scenario.CheckpointSteps(), plan.Scenario.Steps, plan.Scenario.BatchSize)
    {
        _plan = plan;
        _latest = new LearnerActor.Played?[plan.Scenario.Policies.Count];
    }

    /// <summary>Props of one repetition.</summary>
    public static Props Props(BanditPlan plan, int repetition, TraceContext? runTrace) =>
        Akka.Actor.Props.Create(() => new EnvironmentActor(plan, repetition, runTrace));

    /// <summary>The repetition's learners all reached checkpoint <paramref name="Step"/>: their points (by policy) and pulls there.</summary>
    public sealed record CheckpointReached(int Repetition, long Step, IReadOnlyList<RegretPoint> Points, long[][] Pulls) : IRepetitionCheckpoint;

    /// <inheritdoc />
    protected override IActorRef[] CreatePlayers() =>
        Enumerable.Range(0, _plan.Scenario.Policies.Count)
            .Select(p => Context.ActorOf(LearnerActor.Props(_plan, Repetition, p), $"learner-{p}"))
            .ToArray();

    /// <inheritdoc />
    protected override object Play(long first, long count, TraceContext? trace) => new LearnerActor.Play(first, count, trace);

    /// <inheritdoc />
    protected override void Played(LearnerActor.Played played) => _latest[played.Policy] = played;

    /// <inheritdoc />
    protected override void CountBatch(long count) => ActorLabTelemetry.BanditSteps.Add(count * _latest.Length, Tags); // the learners play millions of steps a second

    /// <inheritdoc />
    protected override void ReportCheckpoint(long checkpoint) =>
        Context.Parent.Tell(new CheckpointReached(Repetition, checkpoint,
            _latest.Select(p => new RegretPoint(Repetition, p!.Policy, p.Steps, p.PseudoRegret, p.HindsightRegret, p.Reward)).ToList(),
            _latest.Select(p => p!.Pulls).ToArray()));
}
