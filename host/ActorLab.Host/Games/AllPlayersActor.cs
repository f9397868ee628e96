using System.Diagnostics;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>
/// All the players of one repetition of a repeated game in one actor, on a trainer thread: each batch is the plain
/// <see cref="RoundLoop"/> (every player acts, then every player learns), with no barrier to meet, so independent
/// repetitions fill the cores instead (<see cref="GamePlacement"/> says when). It answers a batch with one
/// <see cref="AgentActor.Played"/> per player, as the players' own actors would.
/// </summary>
public sealed class AllPlayersActor : ReceiveActor
{
    private readonly RoundPlay[] _plays;
    private readonly long[] _jointCounts;

    /// <summary>Creates the players of repetition <paramref name="repetition"/>; <paramref name="jointCounts"/> counts the sampled joint actions.</summary>
    public AllPlayersActor(GamePlan plan, int repetition, long[] jointCounts)
    {
        _plays = [.. Enumerable.Range(0, plan.Scenario.Agents.Count).Select(a => plan.CreatePlay(repetition, a))];
        _jointCounts = jointCounts;
        Receive<AgentActor.Play>(OnPlay);
    }

    /// <summary>Props: on the trainer pool, one thread per worker.</summary>
    public static Props Props(GamePlan plan, int repetition, long[] jointCounts) =>
        Akka.Actor.Props.Create(() => new AllPlayersActor(plan, repetition, jointCounts)).WithDispatcher(SimulationDispatchers.Trainer);

    private void OnPlay(AgentActor.Play play)
    {
        using (var activity = ActorLabTelemetry.Source.StartActivity("game.batch", ActivityKind.Internal, TraceContext.ToParent(play.Trace)))
        {
            activity?.SetTag("actorlab.game.rounds", play.Count);
            RoundLoop.Play(_plays, true, play.First, play.Count, _jointCounts);
        }

        for (var a = 0; a < _plays.Length; a++)
        {
            Sender.Tell(AgentActor.Played.Of(a, _plays[a]));
        }
    }
}
