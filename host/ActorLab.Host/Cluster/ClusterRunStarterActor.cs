using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;

namespace ActorLab.Host.Cluster;

/// <summary>
/// The coordinator side of a distributed run (<c>actorlab run --cluster</c>). It waits until the requested number of
/// worker nodes are up, asks each to prepare the run (<see cref="PrepareRun"/>), downs the nodes that refuse (their
/// plugins differ) with their reason on the console, then starts the proxy of the clients' shard region and the
/// run's supervisor as a cluster singleton among coordinator nodes. The run itself is the one-process run, with
/// the clients reached through Cluster.Sharding instead of as the server's children.
/// </summary>
public sealed class ClusterRunStarterActor : ReceiveActor, IWithTimers
{
    private readonly FederatedRunPlan _plan;
    private readonly IRunObserver _observer;
    private readonly SimulationOptions _options;
    private readonly ClusterRunSettings _settings;
    private readonly PrepareRun _prepare;
    private readonly Action<string> _log;
    private readonly HashSet<Address> _workers = [];
    private readonly HashSet<string> _asked = [];
    private readonly HashSet<string> _prepared = [];
    private readonly List<string> _refusals = [];
    private readonly HashSet<string> _lost = [];
    private readonly ActorSystem _system;
    private bool _selfUp;
    private bool _started;
    private bool _running;
    private IActorRef? _region;
    private string[] _workerOrder = [];

    /// <summary>Creates the starter of a distributed run of <paramref name="plan"/>.</summary>
    public ClusterRunStarterActor(FederatedRunPlan plan, IRunObserver observer, SimulationOptions options, ClusterRunSettings settings, PrepareRun prepare, Action<string> log)
    {
        _plan = plan;
        _observer = new ReleasingObserver(observer, this);
        _options = options;
        _settings = settings;
        _prepare = prepare;
        _log = log;
        _system = Context.System;
        Receive<ClusterEvent.MemberUp>(up => OnUp(up.Member));
        Receive<ClusterEvent.UnreachableMember>(unreachable => OnLost(unreachable.Member, "unreachable"));
        Receive<ClusterEvent.MemberRemoved>(removed => OnLost(removed.Member, "removed"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
        Receive<RunPrepared>(prepared =>
        {
            _prepared.Add(prepared.Node);
            _log($"worker {prepared.Node} ready");
            StartIfAnswered();
        });
        Receive<RunRefused>(refused =>
        {
            _refusals.Add($"{refused.Node}: {refused.Reason}");
            _log($"worker {refused.Node} refused: {refused.Reason}");
            Akka.Cluster.Cluster.Get(Context.System).Down(Address.Parse(refused.Node));
            _prepared.Remove(refused.Node);
            _asked.Remove(refused.Node);
            StartIfAnswered();
        });
        Receive<RegionReady>(ready =>
        {
            _region = ready.Region;
            _region.Tell(GetCurrentRegions.Instance);
        });
        // Start only once every ready worker's region is known to the shard coordinator, so that the first round's
        // shards are spread over all of them (shards are never moved afterwards: ClientAllocationStrategy).
        Receive<CurrentRegions>(regions =>
        {
            if (_running)
            {
                return;
            }

            var known = regions.Regions.Select(address => address.ToString()).ToHashSet();
            if (_prepared.All(known.Contains))
            {
                _running = true;
                StartRun(_region!);
            }
            else
            {
                Timers.StartSingleTimer("regions", new AskRegions(), TimeSpan.FromMilliseconds(200));
            }
        });
        Receive<AskRegions>(_ => _region?.Tell(GetCurrentRegions.Instance));
        Receive<Status.Failure>(failure => _observer.OnRunFailed($"could not reach the clients' shard region: {failure.Cause.Message}"));
        Receive<TimedOut>(_ => _observer.OnRunFailed(_asked.Count == 0
            ? $"{_workers.Count} of {_settings.Workers} worker node(s) joined the cluster at {string.Join(", ", _settings.SeedAddresses)} within {_settings.JoinTimeout.TotalSeconds:F0} s; "
              + $"start them with `actorlab node --seed {_settings.Seeds[0]}` or lower --cluster-workers"
            : _started
                ? $"the shard regions of the {_prepared.Count} ready worker node(s) did not all register within {_settings.JoinTimeout.TotalSeconds:F0} s"
                : $"{_prepared.Count} of {_asked.Count} worker node(s) got ready within {_settings.JoinTimeout.TotalSeconds:F0} s"));
    }

    /// <summary>Props for the starter.</summary>
    public static Props Props(FederatedRunPlan plan, IRunObserver observer, SimulationOptions options, ClusterRunSettings settings, PrepareRun prepare, Action<string> log) =>
        Akka.Actor.Props.Create(() => new ClusterRunStarterActor(plan, observer, options, settings, prepare, log));

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RegionReady(IActorRef Region);

    private sealed record TimedOut;

    private sealed record AskRegions;

    /// <inheritdoc />
    protected override void PreStart()
    {
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartSingleTimer("join", new TimedOut(), _settings.JoinTimeout);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    private void OnUp(Member member)
    {
        if (member.Address == Akka.Cluster.Cluster.Get(Context.System).SelfAddress)
        {
            _selfUp = true;
        }

        if (member.HasRole(ClusterRunSettings.WorkerRole))
        {
            _workers.Add(member.Address);
        }

        if (!_selfUp || _asked.Count > 0 || _workers.Count < _settings.Workers)
        {
            return;
        }

        foreach (var worker in _workers)
        {
            _asked.Add(worker.ToString());
            Context.ActorSelection(new RootActorPath(worker) / "user" / NodeActor.Name).Tell(_prepare);
        }
    }

    /// <summary>
    /// A worker that stops answering mid-run: its clients' updates of the round in progress are dropped at the round
    /// deadline, and Cluster.Sharding re-creates its clients on the remaining workers (re-initialised: client state
    /// such as SCAFFOLD's c_i starts again) the next time they are sampled. Recorded in the run's errors.log.
    /// </summary>
    private void OnLost(Member member, string how)
    {
        var node = member.Address.ToString();
        if (!_started || !_prepared.Contains(node) || !_lost.Add($"{node} {how}"))
        {
            return;
        }

        var message = how == "unreachable"
            ? $"worker {node} unreachable: the updates of its clients still training will be dropped at the round deadline; it is removed if it stays silent"
            : $"worker {node} lost (removed from the cluster): its clients are re-created, re-initialised, on the remaining workers when next sampled";
        _log(message);
        _observer.OnComponentError("cluster", message);
    }

    private void StartIfAnswered()
    {
        if (_started || _asked.Count == 0 && _refusals.Count == 0 || _prepared.Count < _asked.Count)
        {
            return;
        }

        _started = true;
        if (_prepared.Count == 0)
        {
            _observer.OnRunFailed($"no worker node accepted the run: {string.Join(" | ", _refusals)}");
            return;
        }

        ClusterSharding.Get(Context.System)
            .StartProxyAsync(NodeActor.ClientTypeName(_prepare.RunId), ClusterRunSettings.WorkerRole, new ClientMessageExtractor())
            .PipeTo(Self, success: region => new RegionReady(region));
    }

    private void StartRun(IActorRef region)
    {
        Timers.Cancel("join");
        _workerOrder = _prepared.Order(StringComparer.Ordinal).ToArray();
        if (_plan.Scenario.Faults.NodeKills.FirstOrDefault(kill => kill.Worker >= _workerOrder.Length) is { } impossible)
        {
            _observer.OnRunFailed($"faults.nodeKills: worker {impossible.Worker} does not exist, the run has {_workerOrder.Length} worker node(s) (0-based indices)");
            return;
        }

        // Armed now, carried out by the node itself when the round's first work reaches it: no race with the round.
        foreach (var kill in _plan.Scenario.Faults.NodeKills)
        {
            var node = _workerOrder[kill.Worker];
            _log($"faults.nodeKills: worker {kill.Worker} ({node}) will be killed as round {kill.Round} starts");
            Context.ActorSelection(new RootActorPath(Address.Parse(node)) / "user" / NodeActor.Name).Tell(new KillNode(_prepare.RunId, kill.Round));
        }

        _log($"running on {_prepared.Count} worker node(s)");
        var supervisor = RunSupervisorActor.Props(_plan, _observer, _options with { ClientRegion = region });
        var singleton = ClusterSingletonManagerSettings.Create(Context.System).WithRole(ClusterRunSettings.CoordinatorRole);
        Context.ActorOf(ClusterSingletonManager.Props(supervisor, PoisonPill.Instance, singleton), "run");
    }

    /// <summary>Called on the run supervisor's thread (through the observer): uses the system, not this actor's context.</summary>
    private void ReleaseWorkers()
    {
        _log($"wire bytes: {WireSerializer.BytesWritten:N0} sent, {WireSerializer.BytesRead:N0} received by the coordinator");
        foreach (var worker in _prepared)
        {
            _system.ActorSelection(new RootActorPath(Address.Parse(worker)) / "user" / NodeActor.Name).Tell(new EndRun(_prepare.RunId));
        }
    }

    /// <summary>Tells the workers the run is over before the results reach the caller (which then stops this node).</summary>
    private sealed class ReleasingObserver(IRunObserver inner, ClusterRunStarterActor starter) : IRunObserver
    {
        public void OnRoundCompleted(RoundMetrics metrics) => inner.OnRoundCompleted(metrics);

        public void OnRunCompleted()
        {
            starter.ReleaseWorkers();
            inner.OnRunCompleted();
        }

        public void OnRunFailed(string reason)
        {
            starter.ReleaseWorkers();
            inner.OnRunFailed(reason);
        }

        public void OnComponentError(string source, string detail) => inner.OnComponentError(source, detail);
    }
}
