using System.Diagnostics;
using ActorLab.Contracts.Bandits;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Bandits;

/// <summary>
/// One policy in one repetition. It plays batches of steps per message (the hot path is a plain loop over the
/// policy, <see cref="BanditSteps"/>), against its own copy of the repetition's environment: rewards are pure
/// functions of (seed, repetition, step, arm), so every learner of the repetition sees the same draws.
/// </summary>
public sealed class LearnerActor : ReceiveActor
{
    private readonly int _policy;
    private readonly bool _hindsight;
    private readonly IBanditEnvironment _environment;
    private readonly IBanditPolicy _learner;
    private readonly BanditTotals _totals;

    /// <summary>Creates learner <paramref name="policy"/> of repetition <paramref name="repetition"/>.</summary>
    public LearnerActor(BanditPlan plan, int repetition, int policy)
    {
        _policy = policy;
        _hindsight = plan.Scenario.Hindsight;
        _environment = plan.CreateEnvironment(repetition, out var setup);
        _learner = plan.CreatePolicy(policy, setup);
        _totals = new BanditTotals(_environment.Arms);
        Receive<Play>(OnPlay);
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(BanditPlan plan, int repetition, int policy) =>
        Akka.Actor.Props.Create(() => new LearnerActor(plan, repetition, policy)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Play steps [First, First + Count).</summary>
    public sealed record Play(long First, long Count, TraceContext? Trace);

    /// <summary>The learner's totals after a batch.</summary>
    public sealed record Played(int Policy, long Steps, double PseudoRegret, double HindsightRegret, double Reward, long[] Pulls);

    private void OnPlay(Play play)
    {
        using var activity = ActorLabTelemetry.Source.StartActivity("bandit.batch", ActivityKind.Internal, TraceContext.ToParent(play.Trace));
        activity?.SetTag("actorlab.bandit.policy", _policy);
        activity?.SetTag("actorlab.bandit.steps", play.Count);
        BanditSteps.Run(_environment, _learner, play.First, play.Count, _totals, _hindsight);
        Sender.Tell(new Played(_policy, _totals.Steps, _totals.PseudoRegret, _hindsight ? _totals.HindsightRegret : double.NaN,
            _totals.Reward, (long[])_totals.Pulls.Clone()));
    }
}
