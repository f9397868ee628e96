using ActorLab.Contracts.Games;
using ActorLab.Host.Simulation.Repetitions;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Games;

/// <summary>One agent's regret at one checkpoint of one repetition.</summary>
public sealed record AgentPoint(int Repetition, int Agent, long Round, double ExternalRegret, double DynamicRegret);

/// <summary>The game's state at one checkpoint of one repetition (NaN where undefined, e.g. for online learning).</summary>
public sealed record GamePoint(int Repetition, long Round, double NashConv, double CceGap, double Welfare);

/// <summary>
/// The game master of one repetition: creates one <see cref="AgentActor"/> per agent (and, for a repeated game in
/// lockstep, the <see cref="RoundExchange"/> they meet in), or one <see cref="AllPlayersActor"/> playing all of a
/// repeated game's players in a plain loop (<see cref="GamePlacement"/> says which), paces them through the horizon in batches cut at the checkpoints, and at
/// each checkpoint records regret and, for games, exploitability (NashConv of the time-averaged strategies, two-player
/// zero-sum games), the coarse-correlated-equilibrium gap of the empirical joint play and the social welfare, and
/// reports them to its parent, so that a run stopped midway keeps them; the horizon's checkpoint ends the repetition.
/// </summary>
public sealed class GameMasterActor : RepetitionActor<AgentActor.Played>
{
    private readonly GamePlan _plan;
    private readonly AgentActor.Played?[] _latest;
    private readonly INormalFormGame? _game;
    private readonly bool _oneActor;
    private RoundExchange? _exchange;
    private long[]? _jointCounts;

    /// <summary>Creates repetition <paramref name="repetition"/> of <paramref name="plan"/>.</summary>
    public GameMasterActor(GamePlan plan, int repetition, TraceContext? runTrace, bool oneActor)
        : base(GameKind.KindName, plan.Scenario.Name, repetition, runTrace, plan.Scenario.CheckpointRounds(), plan.Scenario.Rounds, plan.Scenario.BatchSize)
    {
        _plan = plan;
        _latest = new AgentActor.Played?[plan.Scenario.Agents.Count];
        _game = plan.IsGame ? plan.CreateGame(repetition) : null;
        _oneActor = oneActor && _game is not null;
    }

    /// <summary>Props of one repetition.</summary>
    /// <param name="plan">The run.</param>
    /// <param name="repetition">Which repetition.</param>
    /// <param name="runTrace">The run span.</param>
    /// <param name="oneActor">Play a repeated game's players in one <see cref="AllPlayersActor"/> instead of in lockstep (<see cref="GamePlacement"/>).</param>
    public static Props Props(GamePlan plan, int repetition, TraceContext? runTrace, bool oneActor) =>
        Akka.Actor.Props.Create(() => new GameMasterActor(plan, repetition, runTrace, oneActor));

    /// <summary>The repetition's agents all reached checkpoint <paramref name="Round"/>.</summary>
    /// <param name="Repetition">Which repetition.</param>
    /// <param name="Round">The checkpoint.</param>
    /// <param name="Agents">Each agent's regret there.</param>
    /// <param name="Game">The game's metrics there (null for online learning).</param>
    /// <param name="Counters">Each agent's event counts so far (LLM calls, retries, fallbacks, ...).</param>
    public sealed record CheckpointReached(int Repetition, long Round, IReadOnlyList<AgentPoint> Agents, GamePoint? Game,
        IReadOnlyList<IReadOnlyDictionary<string, long>> Counters) : IRepetitionCheckpoint
    {
        /// <inheritdoc />
        long IRepetitionCheckpoint.Step => Round;
    }

    /// <inheritdoc />
    protected override IActorRef[] CreatePlayers()
    {
        if (_oneActor)
        {
            _jointCounts = new long[GameMath.JointSize(_game!)];
            return [Context.ActorOf(AllPlayersActor.Props(_plan, Repetition, _jointCounts), "players")];
        }

        _exchange = _game is null ? null : new RoundExchange(_game.Actions, GameMath.JointSize(_game));
        _jointCounts = _exchange?.JointCounts;
        return Enumerable.Range(0, _plan.Scenario.Agents.Count)
            .Select(a => Context.ActorOf(AgentActor.Props(_plan, Repetition, a, _exchange), $"agent-{a}"))
            .ToArray();
    }

    /// <inheritdoc />
    protected override object Play(long first, long count, TraceContext? trace) => new AgentActor.Play(first, count, trace);

    /// <inheritdoc />
    protected override int AnswersPerBatch => _latest.Length;

    /// <inheritdoc />
    protected override void Played(AgentActor.Played played) => _latest[played.Agent] = played;

    /// <inheritdoc />
    protected override void CountBatch(long count) => ActorLabTelemetry.GameRounds.Add(count, Tags);

    /// <inheritdoc />
    protected override void ReportCheckpoint(long checkpoint)
    {
        var agents = _latest.Select(p => new AgentPoint(Repetition, p!.Agent, checkpoint, p.ExternalRegret, p.DynamicRegret)).ToList();
        Context.Parent.Tell(new CheckpointReached(Repetition, checkpoint, agents, GameAt(checkpoint), _latest.Select(p => p!.Counters).ToList()));
    }

    /// <inheritdoc />
    protected override void OnCompleted()
    {
        _exchange?.Dispose();
        _exchange = null;
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
        base.PostStop();
        _exchange?.Abandon();
    }

    private GamePoint? GameAt(long round)
    {
        if (_game is null || _jointCounts is null)
        {
            return null;
        }

        var joint = _jointCounts.Select(c => c / (double)round).ToArray();
        var nashConv = _game.ZeroSum && _game.Players == 2
            ? GameMetrics.NashConv(_game, _latest.Select(p => p!.AverageStrategy).ToArray())
            : double.NaN;
        return new GamePoint(Repetition, round, nashConv, GameMetrics.CceGap(_game, joint), GameMetrics.SocialWelfare(_game, joint));
    }
}
