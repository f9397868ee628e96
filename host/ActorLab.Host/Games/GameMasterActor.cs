using System.Diagnostics;
using ActorLab.Contracts.Games;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>One agent's regret at one checkpoint of one repetition.</summary>
public sealed record AgentPoint(int Repetition, int Agent, long Round, double ExternalRegret, double DynamicRegret);

/// <summary>The game's state at one checkpoint of one repetition (NaN where undefined, e.g. for online learning).</summary>
public sealed record GamePoint(int Repetition, long Round, double NashConv, double CceGap, double Welfare);

/// <summary>
/// The game master of one repetition: creates one <see cref="AgentActor"/> per agent (and, for a repeated game, the
/// <see cref="RoundExchange"/> they meet in), paces them through the horizon in batches cut at the checkpoints, and at
/// each checkpoint records regret and, for games, exploitability (NashConv of the time-averaged strategies, two-player
/// zero-sum games), the coarse-correlated-equilibrium gap of the empirical joint play and the social welfare, and
/// reports them to its parent, so that a run stopped midway keeps them; the horizon's checkpoint ends the repetition.
/// </summary>
public sealed class GameMasterActor : ReceiveActor
{
    private readonly GamePlan _plan;
    private readonly int _repetition;
    private readonly TraceContext? _runTrace;
    private readonly long[] _checkpoints;
    private readonly AgentActor.Played?[] _latest;
    private readonly INormalFormGame? _game;
    private RoundExchange? _exchange;
    private IActorRef[] _agents = [];
    private Activity? _activity;
    private readonly TagList _tags;
    private readonly TagList _stepTags;
    private readonly TagList _playTags;
    private long _first;
    private long _next;
    private long _batchStarted;
    private int _waiting;

    /// <summary>Creates repetition <paramref name="repetition"/> of <paramref name="plan"/>.</summary>
    public GameMasterActor(GamePlan plan, int repetition, TraceContext? runTrace)
    {
        _plan = plan;
        _repetition = repetition;
        _runTrace = runTrace;
        _checkpoints = plan.Scenario.CheckpointRounds();
        _latest = new AgentActor.Played?[plan.Scenario.Agents.Count];
        _tags = ActorLabTelemetry.RunTags("game", plan.Scenario.Name);
        _stepTags = ActorLabTelemetry.RunTags("game", plan.Scenario.Name, "actorlab.step", "game.batch");
        _playTags = ActorLabTelemetry.RunTags("game", plan.Scenario.Name, "actorlab.message", "play");
        _game = plan.IsGame ? plan.CreateGame(repetition) : null;
        Receive<AgentActor.Played>(OnPlayed);
    }

    /// <summary>Props of one repetition.</summary>
    public static Props Props(GamePlan plan, int repetition, TraceContext? runTrace) =>
        Akka.Actor.Props.Create(() => new GameMasterActor(plan, repetition, runTrace));

    /// <summary>The repetition's agents all reached checkpoint <paramref name="Round"/>.</summary>
    /// <param name="Repetition">Which repetition.</param>
    /// <param name="Round">The checkpoint.</param>
    /// <param name="Agents">Each agent's regret there.</param>
    /// <param name="Game">The game's metrics there (null for online learning).</param>
    /// <param name="Counters">Each agent's event counts so far (LLM calls, retries, fallbacks, ...).</param>
    public sealed record CheckpointReached(int Repetition, long Round, IReadOnlyList<AgentPoint> Agents, GamePoint? Game,
        IReadOnlyList<IReadOnlyDictionary<string, long>> Counters);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _activity = TraceContext.StartDetached("game.repetition", _runTrace);
        _activity?.SetTag("actorlab.game.repetition", _repetition);
        _exchange = _game is null ? null : new RoundExchange(_game.Actions, GameMath.JointSize(_game));
        _agents = Enumerable.Range(0, _plan.Scenario.Agents.Count)
            .Select(a => Context.ActorOf(AgentActor.Props(_plan, _repetition, a, _exchange), $"agent-{a}"))
            .ToArray();
        NextBatch(0);
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, -1, cause =>
    {
        _exchange?.Abandon(); // the other players must not wait for the failed one
        // A partner released from the barrier fails with OperationCanceledException; the run reports the root cause.
        return cause is OperationCanceledException ? Directive.Stop : Directive.Escalate;
    }, loggingEnabled: false);

    /// <inheritdoc />
    protected override void PostStop()
    {
        TraceContext.StopDetached(_activity);
        _exchange?.Abandon();
    }

    private void NextBatch(long first)
    {
        var checkpoint = _checkpoints.First(c => c > first);
        _first = first;
        _next = Math.Min(first + _plan.Scenario.BatchSize, checkpoint);
        _waiting = _agents.Length;
        _batchStarted = Stopwatch.GetTimestamp();
        var trace = TraceContext.From(_activity);
        foreach (var agent in _agents)
        {
            agent.Tell(new AgentActor.Play(first, _next - first, trace));
        }

        ActorLabTelemetry.MessagesSent.Add(_agents.Length, _playTags);
    }

    private void OnPlayed(AgentActor.Played played)
    {
        _latest[played.Agent] = played;
        if (--_waiting > 0)
        {
            return;
        }

        ActorLabTelemetry.GameRounds.Add(_next - _first, _tags);
        ActorLabTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(_batchStarted).TotalSeconds, _stepTags);

        if (_checkpoints.Contains(_next))
        {
            Record(_next);
        }

        if (_next < _plan.Scenario.Rounds)
        {
            NextBatch(_next);
            return;
        }

        TraceContext.StopDetached(_activity);
        _activity = null;
        _exchange?.Dispose();
        _exchange = null;
        Context.Stop(Self);
    }

    private void Record(long round)
    {
        var agents = _latest.Select(p => new AgentPoint(_repetition, p!.Agent, round, p.ExternalRegret, p.DynamicRegret)).ToList();
        Context.Parent.Tell(new CheckpointReached(_repetition, round, agents, GameAt(round), _latest.Select(p => p!.Counters).ToList()));
    }

    private GamePoint? GameAt(long round)
    {
        if (_game is null || _exchange is null)
        {
            return null;
        }

        var joint = _exchange.JointCounts.Select(c => c / (double)round).ToArray();
        var nashConv = _game.ZeroSum && _game.Players == 2
            ? GameMetrics.NashConv(_game, _latest.Select(p => p!.AverageStrategy).ToArray())
            : double.NaN;
        return new GamePoint(_repetition, round, nashConv, GameMetrics.CceGap(_game, joint), GameMetrics.SocialWelfare(_game, joint));
    }
}
