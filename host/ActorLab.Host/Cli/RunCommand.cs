using System.ComponentModel;
using ActorLab.Host.Cluster;
using ActorLab.Host.Federated;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Hosting;
using ActorLab.Host.Plugins;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab run [scenario]</c>: runs a scenario and writes runs/&lt;run-id&gt;/.</summary>
public sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    /// <summary>Arguments and options of <c>run</c>.</summary>
    public sealed class Settings : RunFolderSettings
    {
        /// <summary>The scenario file.</summary>
        [CommandArgument(0, "[scenario]")]
        [Description("Scenario file (JSON). Default: scenarios/quickstart.json")]
        public string Scenario { get; init; } = ScenarioDocument.DefaultPath;

        /// <summary>Run again from the start whenever a plugin assembly, the manifest or the scenario changes.</summary>
        [CommandOption("--watch")]
        [Description("While developing a plugin: after the run, wait for a plugin assembly (or the manifest, or the scenario) to change and run again with the new code; each run keeps its own folder. Ctrl+C stops")]
        public bool Watch { get; init; }

        /// <summary>plugins.json to load.</summary>
        [CommandOption("-p|--plugins <FILE>")]
        [Description("Plugin manifest. Default: the nearest plugins.json in this folder or above")]
        public string? Plugins { get; init; }

        /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
        [CommandOption("--allow-external-plugins")]
        [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
        public bool AllowExternalPlugins { get; init; }

        /// <summary>Client spans per round.</summary>
        [CommandOption("--trace-clients <N>")]
        [Description("Federated runs: trace at most N clients per round (client.fit spans; a seeded sample of the round's clients, results unchanged; 0: none). Default: 100")]
        public int TraceClients { get; init; } = ClientTraceSampling.DefaultPerRound;

        /// <summary>Export traces and metrics by OTLP (read early by <see cref="OtlpOption"/>; declared here for parsing and help).</summary>
        [CommandOption("--otlp [URL]")]
        [Description("Export the run's traces and metrics by OTLP to URL. Default: " + OtlpOption.DefaultEndpoint
            + " (gRPC; port 4318 or OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf: http/protobuf), as `actorlab dashboard` listens")]
        public FlagValue<string>? Otlp { get; init; }

        /// <summary>Seed node of the cluster to coordinate.</summary>
        [CommandOption("--cluster <SEED>")]
        [Description("Federated runs: join the Akka.Cluster at SEED (host:port of a node started with `actorlab node`) as the coordinator and run the clients on its worker nodes")]
        public string? Cluster { get; init; }

        /// <summary>Worker nodes to wait for.</summary>
        [CommandOption("--cluster-workers <N>")]
        [Description("With --cluster: wait until N worker nodes are up before starting. Default: 1")]
        public int ClusterWorkers { get; init; } = 1;

        /// <summary>This node's address in the cluster.</summary>
        [CommandOption("--cluster-host <HOST>")]
        [Description("With --cluster: the address this coordinator listens on and is reached at by the workers. Default: 127.0.0.1")]
        public string ClusterHost { get; init; } = "127.0.0.1";

        /// <summary>This node's port in the cluster.</summary>
        [CommandOption("--cluster-port <PORT>")]
        [Description("With --cluster: the port this coordinator listens on. Default: 0 (a free port)")]
        public int ClusterPort { get; init; }

        /// <summary>Seconds to wait for the workers.</summary>
        [CommandOption("--cluster-join-timeout <SECONDS>")]
        [Description("With --cluster: give up if the worker nodes are not up and ready within this many seconds. Default: 60")]
        public double ClusterJoinTimeout { get; init; } = 60;

        /// <summary>Round deadline of distributed runs.</summary>
        [CommandOption("--cluster-round-timeout <SECONDS>")]
        [Description("With --cluster: drop the updates that have not arrived this many seconds into a round, when the scenario sets no clients.timeoutSeconds (a lost node's clients never answer). Default: 60")]
        public double ClusterRoundTimeout { get; init; } = 60;

        /// <summary>This node's TLS certificate.</summary>
        [CommandOption("--tls-certificate <PFX>")]
        [Description("With --cluster: encrypt the cluster transport with TLS: this node's certificate and key (PKCS#12; password in ACTORLAB_TLS_PASSWORD). Peers must present a pinned certificate")]
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

            if (Cluster is null && TlsCertificate is not null)
            {
                return ValidationResult.Error("--tls-certificate secures the cluster transport: it needs --cluster");
            }

            if (Cluster is not null)
            {
                try
                {
                    ClusterRunSettings.ParseSeed(Cluster, "--cluster");
                }
                catch (ArgumentException ex)
                {
                    return ValidationResult.Error(ex.Message);
                }

                if (ClusterWorkers < 1 || ClusterPort is < 0 or > 65535 || !(ClusterJoinTimeout > 0) || !(ClusterRoundTimeout > 0))
                {
                    return ValidationResult.Error($"--cluster-workers must be at least 1 (got {ClusterWorkers}), --cluster-port a TCP port or 0 (got {ClusterPort}), "
                        + $"--cluster-join-timeout and --cluster-round-timeout more than 0 seconds (got {ClusterJoinTimeout} and {ClusterRoundTimeout})");
                }
            }

            if (Workers < 1)
            {
                return ValidationResult.Error($"--workers must be at least 1, got {Workers}");
            }

            if (TraceClients < 0)
            {
                return ValidationResult.Error($"--trace-clients must be 0 or more, got {TraceClients}");
            }

            return Otlp is { IsSet: true, Value: { } url } && !OtlpOption.IsValidEndpoint(url, out _)
                ? ValidationResult.Error($"--otlp needs an http:// or https:// URL such as {OtlpOption.DefaultEndpoint}, got '{url}' (put the scenario before --otlp)")
                : ValidateShared();
        }
    }

    /// <inheritdoc />
    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        MetricsEndpoint.ServeWhileAsync(settings, () => settings.Watch
            ? WatchLoop.RunAsync(ManifestLocator.Find(settings.Plugins), settings.Scenario, () => RunScenarioAsync(settings, cancellationToken), cancellationToken)
            : RunScenarioAsync(settings, cancellationToken), cancellationToken);

    private static async Task<int> RunScenarioAsync(Settings settings, CancellationToken cancellationToken)
    {
        var request = new RunRequest(settings.Scenario, ManifestLocator.Find(settings.Plugins), settings.Output, settings.Workers, settings.Database)
        {
            TracedClientsPerRound = settings.TraceClients,
            Cluster = settings.Cluster is { } seed
                ? new ClusterRunSettings([ClusterRunSettings.ParseSeed(seed, "--cluster")], settings.ClusterHost, settings.ClusterPort, ClusterRunSettings.CoordinatorRole)
                {
                    Workers = settings.ClusterWorkers,
                    JoinTimeout = TimeSpan.FromSeconds(settings.ClusterJoinTimeout),
                    RoundTimeout = TimeSpan.FromSeconds(settings.ClusterRoundTimeout),
                    Tls = settings.TlsCertificate is { } certificate ? ClusterTls.Load(certificate, settings.TlsTrust) : null,
                }
                : null,
            // Distributed runs are not journaled yet: their clients' state would have to cross the wire too.
            Journal = settings.Cluster is null ? Resume.JournalSettings.FromEnvironment() : null,
            AllowExternalPlugins = settings.AllowExternalPlugins,
        };
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        void Status(string message)
        {
            if (!settings.Json && !settings.Quiet)
            {
                stderr.MarkupLine($"[grey]{Markup.Escape(message)}…[/]");
            }
        }

        TorchRuntime.Initialize();
        PreparedRun run;
        try
        {
            var scenario = ScenarioDocument.Load(settings.Scenario); // parsed and validated once
            var kind = SimulationKinds.Named(scenario.Kind);
            if (request.Cluster is not null && !kind.RunsOnCluster)
            {
                var distributed = string.Join(" and ", SimulationKinds.All.Where(k => k.RunsOnCluster).Select(k => k.Name));
                Console.Error.WriteLine($"error: --cluster runs {distributed} scenarios; {settings.Scenario} is a {kind.Name} scenario (run it without --cluster)");
                return InputErrors.ExitCode;
            }

            Status("loading plugins");
            var catalog = PluginCatalogLoader.Load(request.ManifestPath, request.AllowExternalPlugins);
            run = kind.Prepare(scenario, catalog, request, Status);
        }
        catch (Exception ex) when (InputErrors.IsInputError(ex))
        {
            // Plain text, never wrapped: the message is meant to be copied, grepped and read whole.
            Console.Error.WriteLine($"error: {InputErrors.Describe(ex, settings.Scenario)}");
            return InputErrors.ExitCode;
        }

        var result = await LiveProgress.RunAsync(settings, settings.Json, run.ScenarioName, run.ProgressTotal,
            report => run.RunAsync(request, (done, status, line) => report(done, status, line), cancellationToken));
        return Report(settings.Json, result);
    }

    /// <summary>Prints how a run ended (its table, or its summary with --json; then why it did not complete) and returns its exit code.</summary>
    internal static int Report(bool json, RunResult result)
    {
        if (json)
        {
            ProgramOutput.Out.WriteLine(result.SummaryJson());
        }
        else
        {
            result.Render(AnsiConsole.Console);
        }

        if (result.Status == RunStatus.Cancelled)
        {
            Console.Error.WriteLine(result.CancelledMessage);
        }
        else if (result.Status != RunStatus.Completed)
        {
            Console.Error.WriteLine(result.FailedMessage);
        }

        return RunStatus.ExitCode(result.Status);
    }
}
