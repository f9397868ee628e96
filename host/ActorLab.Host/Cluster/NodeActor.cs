using ActorLab.Host.Cli;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorLab.Host.Cluster;

/// <summary>
/// The actor at <c>/user/node</c> on every worker node (<c>actorlab node</c>). Before a distributed run it checks that
/// its plugins are the coordinator's (same assembly bytes, same config: otherwise the node is refused, because the
/// same seed would not give the same numbers), builds the run's plan from the scenario text (the data split is a
/// function of the seed, so every node derives the same shards), and starts the Cluster.Sharding region that hosts
/// the run's client entities on this node.
/// </summary>
public sealed class NodeActor : ReceiveActor
{
    private readonly PluginCatalog _catalog;
    private readonly PluginFingerprint[] _plugins;
    private readonly Action<string> _log;
    private readonly Dictionary<string, HostedRun> _runs = [];

    /// <summary>Creates the node actor with the node's loaded plugins and their fingerprints; <paramref name="log"/> prints a line.</summary>
    public NodeActor(PluginCatalog catalog, PluginFingerprint[] plugins, Action<string> log)
    {
        _catalog = catalog;
        _plugins = plugins;
        _log = log;
        Receive<PrepareRun>(Prepare);
        Receive<RegionStarted>(started =>
        {
            _runs[started.RunId] = started.Run;
            _log($"run {started.RunId}: hosting its clients");
            started.ReplyTo.Tell(new RunPrepared(started.RunId, SelfNode));
        });
        Receive<Status.Failure>(failure => _log($"could not start a client region: {failure.Cause.Message}"));
        Receive<KillNode>(kill =>
        {
            if (_runs.TryGetValue(kill.RunId, out var run))
            {
                run.KillAtRound(kill.Round, _log);
            }
        });
        Receive<EndRun>(end =>
        {
            if (_runs.Remove(end.RunId, out var run))
            {
                _log($"run {end.RunId}: finished; this node hosted {run.Clients} client(s); wire bytes so far: {WireSerializer.BytesWritten:N0} sent, {WireSerializer.BytesRead:N0} received");
            }
        });
    }

    /// <summary>Props for the node actor.</summary>
    public static Props Props(PluginCatalog catalog, PluginFingerprint[] plugins, Action<string> log) =>
        Akka.Actor.Props.Create(() => new NodeActor(catalog, plugins, log));

    /// <summary>The name the coordinator finds this actor under on every worker node.</summary>
    public const string Name = "node";

    /// <summary>The sharding type name of a run's clients.</summary>
    public static string ClientTypeName(string runId) => $"client-{runId}";

    private sealed record RegionStarted(string RunId, IActorRef ReplyTo, HostedRun Run);

    /// <summary>A run this node hosts clients of; <see cref="Clients"/> counts the entities created here.</summary>
    private sealed class HostedRun(WorkerModels models)
    {
        private int _clients;

        public WorkerModels Models { get; } = models;

        public int Clients => Volatile.Read(ref _clients);

        private int _killRound = int.MaxValue;
        private Action<string> _log = _ => { };

        public Props CreateClient(string entityId, FederatedRunPlan plan)
        {
            Interlocked.Increment(ref _clients);
            return ClientEntityActor.Props(int.Parse(entityId, System.Globalization.CultureInfo.InvariantCulture), plan, Models, OnRound);
        }

        public void KillAtRound(int round, Action<string> log)
        {
            _log = log;
            Volatile.Write(ref _killRound, round);
        }

        /// <summary>Called by each client entity before it starts a round's work: the armed node kill happens here.</summary>
        private void OnRound(int round)
        {
            if (round >= Volatile.Read(ref _killRound))
            {
                _log($"killed by faults.nodeKills in round {round}");
                Console.Error.Flush();
                System.Diagnostics.Process.GetCurrentProcess().Kill(); // SIGKILL: nothing else is flushed, nobody is told
            }
        }
    }

    private string SelfNode => Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

    private void Prepare(PrepareRun prepare)
    {
        var differences = PluginFingerprints.Differences(_plugins, prepare.Plugins);
        if (differences.Count > 0)
        {
            Refuse(prepare, $"its plugins differ from the coordinator's: {string.Join("; ", differences)}. "
                + "Give every node the same plugin builds and plugins.json (compare `sha256sum` of the plugin files, or pin them with `actorlab plugins pin`)");
            return;
        }

        if (prepare.MklKernels.Mismatch(Torch.TorchRuntime.Initialize().MklKernels) is { } kernels)
        {
            Refuse(prepare, $"its MKL kernels differ from the coordinator's: {kernels}");
            return;
        }

        var folder = Directory.CreateTempSubdirectory("actorlab-node-");
        var scenarioPath = Path.Combine(folder.FullName, Path.GetFileName(prepare.ScenarioFileName));
        FederatedRunPlan plan;
        try
        {
            File.WriteAllText(scenarioPath, prepare.ScenarioJson);
            var scenario = FederatedScenarioBinder.Load(scenarioPath);
            ComponentCheck.Run(scenario, _catalog);
            plan = FederatedRunPlan.Build(scenario, _catalog);
        }
        catch (Exception ex) when (InputErrors.IsInputError(ex))
        {
            Refuse(prepare, $"the scenario does not load on this node: {InputErrors.Describe(ex, scenarioPath)}");
            return;
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var run = new HostedRun(new WorkerModels(plan));
        var replyTo = Sender;
        var settings = ClusterShardingSettings.Create(Context.System).WithRole(ClusterRunSettings.WorkerRole);
        ClusterSharding.Get(Context.System)
            .StartAsync(ClientTypeName(prepare.RunId), id => run.CreateClient(id, plan), settings, new ClientMessageExtractor(),
                new ClientAllocationStrategy(), PoisonPill.Instance)
            .PipeTo(Self, success: _ => new RegionStarted(prepare.RunId, replyTo, run));
    }

    private void Refuse(PrepareRun prepare, string reason)
    {
        _log($"refused run {prepare.RunId}: {reason}");
        Sender.Tell(new RunRefused(prepare.RunId, SelfNode, reason));
    }
}
