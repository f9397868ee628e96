using System.ComponentModel;
using ActorLab.Host.Cluster;
using ActorLab.Host.Hosting;
using ActorLab.Host.Plugins;
using ActorLab.Host.Simulation;
using ActorLab.Host.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab node --seed host:port</c>: a worker node of a distributed run. It loads this machine's plugins, joins
/// the cluster and hosts the client entities Cluster.Sharding places on it, for as many runs as coordinators start,
/// until Ctrl+C or SIGTERM (it then leaves the cluster gracefully, and its clients move to the other nodes).
/// </summary>
public sealed class NodeCommand : AsyncCommand<NodeCommand.Settings>
{
    /// <summary>Options of <c>node</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Seed node.</summary>
        [CommandOption("--seed <SEED>")]
        [Description("The cluster's seed node, host:port (the first node is its own seed: give its own --port)")]
        public string? Seed { get; init; }

        /// <summary>Listening address.</summary>
        [CommandOption("--hostname <HOST>")]
        [Description("The address this node listens on and is reached at. Default: 127.0.0.1")]
        public string Hostname { get; init; } = "127.0.0.1";

        /// <summary>Listening port.</summary>
        [CommandOption("--port <PORT>")]
        [Description("The port this node listens on (0: a free one). Default: 4053")]
        public int Port { get; init; } = 4053;

        /// <summary>Role.</summary>
        [CommandOption("--role <ROLE>")]
        [Description("The node's role; 'worker' hosts clients. Default: worker")]
        public string Role { get; init; } = ClusterRunSettings.WorkerRole;

        /// <summary>plugins.json.</summary>
        [CommandOption("-p|--plugins <FILE>")]
        [Description("Plugin manifest; must list the same plugin builds as the coordinator's. Default: the nearest plugins.json in this folder or above")]
        public string? Plugins { get; init; }

        /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
        [CommandOption("--allow-external-plugins")]
        [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
        public bool AllowExternalPlugins { get; init; }

        /// <summary>Trainer threads.</summary>
        [CommandOption("-w|--workers <N>")]
        [Description("Threads for the client actors on this node (results do not depend on it). Default: number of cores")]
        public int Workers { get; init; } = Environment.ProcessorCount;

        /// <summary>This node's TLS certificate.</summary>
        [CommandOption("--tls-certificate <PFX>")]
        [Description("Encrypt the cluster transport with TLS: this node's certificate and key (PKCS#12; password in ACTORLAB_TLS_PASSWORD). Peers must present a pinned certificate")]
        public string? TlsCertificate { get; init; }

        /// <summary>Pinned peer certificates.</summary>
        [CommandOption("--tls-trust <THUMBPRINTS>")]
        [Description("With --tls-certificate: SHA-1 thumbprints of the certificates peers may present, comma-separated. Default: this node's own (one certificate for the whole cluster)")]
        public string? TlsTrust { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (ClusterTls.CheckTrust(TlsTrust) is { } badTrust)
            {
                return ValidationResult.Error(badTrust);
            }

            if (Seed is null)
            {
                return ValidationResult.Error("--seed is required: the host:port of the cluster's first node (for the first node, its own --hostname:--port)");
            }

            try
            {
                ClusterRunSettings.ParseSeed(Seed, "--seed");
            }
            catch (ArgumentException ex)
            {
                return ValidationResult.Error(ex.Message);
            }

            return this switch
            {
                { Role: not ClusterRunSettings.WorkerRole } => ValidationResult.Error($"--role {Role}: only '{ClusterRunSettings.WorkerRole}' nodes are started with `actorlab node`; the coordinator is `actorlab run --cluster`"),
                { Port: < 0 or > 65535 } => ValidationResult.Error($"--port must be a TCP port or 0, got {Port}"),
                { Workers: < 1 } => ValidationResult.Error($"--workers must be at least 1, got {Workers}"),
                _ => ValidationResult.Success(),
            };
        }
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchRuntime.Initialize();
        var manifest = ManifestLocator.Find(settings.Plugins);
        var catalog = PluginCatalogLoader.Load(manifest, settings.AllowExternalPlugins);
        var plugins = PluginFingerprints.Of(manifest);
        var cluster = new ClusterRunSettings([ClusterRunSettings.ParseSeed(settings.Seed!, "--seed")], settings.Hostname, settings.Port, settings.Role)
        {
            Tls = settings.TlsCertificate is { } certificate ? ClusterTls.Load(certificate, settings.TlsTrust) : null,
        };
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // SIGTERM (a service manager, `kill`) cancels the token like Ctrl+C (StopSignals): the node leaves the cluster gracefully, its clients move to the others.
        void Log(string line) => Console.Error.WriteLine($"node: {line}");
        try
        {
            await SimulationRunner.HostAsync(new SimulationOptions(settings.Workers) { Cluster = cluster }, akka => akka
                .AddNodeActor(catalog, plugins, Log)
                .AddStartup((system, _) =>
                {
                    var member = Akka.Cluster.Cluster.Get(system);
                    member.RegisterOnMemberUp(() => Log($"up at {member.SelfAddress} (role {settings.Role}, {plugins.Length} plugin(s) from {manifest}"
                        + $"{(cluster.Tls is { } tls ? $", TLS as {tls.Certificate.Thumbprint}" : "")}); Ctrl+C leaves the cluster"));
                    member.RegisterOnMemberRemoved(() =>
                    {
                        Log("removed from the cluster");
                        left.TrySetResult();
                    });
                }), left.Task, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log("leaving the cluster");
        }

        return 0;
    }
}
