using System.Diagnostics;
using ActorLab.Contracts.Language;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Policy;

/// <summary>
/// The reward role: scores responses with the task's verifier. A reward that is not a finite number in [0, 1] fails
/// the run naming the task (the run's supervision reports it; the host lives on).
/// </summary>
public sealed class RewardActor : ReceiveActor
{
    /// <summary>Creates the actor over the plan's task.</summary>
    public RewardActor(PolicyPlan plan)
    {
        var task = plan.CreateTask();
        var pool = plan.RlvrPool; // every training problem unless rlvr.trainPrompts narrows it
        Receive<Score>(m =>
        {
            using var span = ActorLabTelemetry.Source.StartActivity("reward", ActivityKind.Internal, TraceContext.ToParent(m.Trace));
            span?.SetTag("actorlab.reward.responses", m.Items.Length);
            var rewards = m.Items.Select(i =>
            {
                var example = i.HeldOut ? plan.Data.Test[i.Example] : pool[i.Example];
                var reward = task.Reward(example, i.Response);
                return double.IsFinite(reward) && reward is >= 0 and <= 1
                    ? reward
                    : throw new InvalidOperationException($"task '{plan.Scenario.Task.Name}' gave reward {reward} to \"{i.Response}\" for \"{example.Prompt}\"; a verifier's rewards must be in [0, 1]");
            }).ToArray();
            Sender.Tell(new Scored(m.Step, rewards));
        });
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(PolicyPlan plan) => Akka.Actor.Props.Create(() => new RewardActor(plan)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>A response to training problem <paramref name="Example"/> (of the RL pool in an RL run), or to held-out problem <paramref name="Example"/>.</summary>
    public sealed record ScoreItem(int Example, string Response, bool HeldOut = false);

    /// <summary>Score the responses.</summary>
    public sealed record Score(long Step, ScoreItem[] Items, TraceContext? Trace);

    /// <summary>The rewards, in the order of the items.</summary>
    public sealed record Scored(long Step, double[] Rewards);
}
