using System.Diagnostics;
using ActorLab.Contracts.Games;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>
/// One agent in one repetition. It plays batches of rounds per message: against a loss sequence alone, in a repeated
/// game in lockstep with the other players through the repetition's <see cref="RoundExchange"/> (game agents run on
/// a dispatcher with a thread per actor, since they wait for each other inside a batch).
/// </summary>
public sealed class AgentActor : ReceiveActor
{
    private readonly int _agent;
    private readonly RoundPlay _play;
    private readonly RoundExchange? _exchange;

    /// <summary>Creates agent <paramref name="agent"/> of repetition <paramref name="repetition"/>.</summary>
    public AgentActor(GamePlan plan, int repetition, int agent, RoundExchange? exchange)
    {
        _agent = agent;
        _exchange = exchange;
        try
        {
            _play = plan.CreatePlay(repetition, agent);
        }
        catch
        {
            exchange?.Abandon();
            throw;
        }

        Receive<Play>(OnPlay);
    }

    /// <summary>Props: game agents on their own threads, online learners on the trainer pool.</summary>
    public static Props Props(GamePlan plan, int repetition, int agent, RoundExchange? exchange) =>
        Akka.Actor.Props.Create(() => new AgentActor(plan, repetition, agent, exchange))
            .WithDispatcher(exchange is null ? SimulationDispatchers.Trainer : SimulationDispatchers.GameAgent);

    /// <summary>Play rounds [First, First + Count).</summary>
    public sealed record Play(long First, long Count, TraceContext? Trace);

    /// <summary>The agent's totals after a batch.</summary>
    public sealed record Played(int Agent, long Rounds, double ExternalRegret, double DynamicRegret, double[] AverageStrategy,
        IReadOnlyDictionary<string, long> Counters)
    {
        /// <summary>Agent <paramref name="agent"/>'s totals in <paramref name="play"/> so far.</summary>
        public static Played Of(int agent, RoundPlay play) => new(agent, play.Tracker.Rounds, play.Tracker.ExternalRegret, play.Tracker.DynamicRegret,
            play.Tracker.AverageStrategy(), play.Counters is { } counters ? new Dictionary<string, long>(counters) : new Dictionary<string, long>());
    }

    private void OnPlay(Play play)
    {
        using var activity = ActorLabTelemetry.Source.StartActivity("game.batch", ActivityKind.Internal, TraceContext.ToParent(play.Trace));
        activity?.SetTag("actorlab.game.agent", _agent);
        activity?.SetTag("actorlab.game.rounds", play.Count);
        try
        {
            for (var round = play.First; round < play.First + play.Count; round++)
            {
                _play.Act(round);
                if (_exchange is null)
                {
                    _play.LearnFromSequence(round);
                    continue;
                }

                _play.Learn(round, _exchange.Exchange(round, _agent, _play.Strategy));
                if (_agent == 0)
                {
                    _exchange.JointCounts[_play.SampledJoint]++;
                }
            }
        }
        catch
        {
            _exchange?.Abandon();
            throw;
        }

        Sender.Tell(Played.Of(_agent, _play));
    }
}
