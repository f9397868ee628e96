using System.ComponentModel;
using System.Globalization;
using ActorLab.Host.Bandits;
using ActorLab.Host.Cluster;
using ActorLab.Host.Experiments;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Training;
using ActorLab.Host.Results;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
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
        public string Scenario { get; init; } = ScenarioLoader.DefaultPath;

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
        var interactive = !settings.Json && !settings.Quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

        TorchRuntime.Initialize();
        FederatedRunPlan plan;
        try
        {
            if (settings.Cluster is not null && ScenarioLoader.KindOf(settings.Scenario) is var kind && kind != "federated")
            {
                Console.Error.WriteLine($"error: --cluster runs federated scenarios; {settings.Scenario} is a {kind} scenario (run it without --cluster)");
                return InputErrors.ExitCode;
            }

            if (ScenarioLoader.KindOf(settings.Scenario) == "experiment")
            {
                return await RunExperimentAsync(settings, request, cancellationToken);
            }

            if (ScenarioLoader.KindOf(settings.Scenario) == "training")
            {
                return await RunTrainingAsync(settings, request, cancellationToken);
            }

            if (ScenarioLoader.KindOf(settings.Scenario) == "game")
            {
                return await RunGameAsync(settings, request, cancellationToken);
            }

            if (ScenarioLoader.KindOf(settings.Scenario) == "bandit")
            {
                return await RunBanditAsync(settings, request, cancellationToken);
            }

            (_, plan) = RunLauncher.Prepare(request, message => { if (!settings.Json && !settings.Quiet) stderr.MarkupLine($"[grey]{Markup.Escape(message)}…[/]"); });
        }
        catch (Exception ex) when (InputErrors.IsInputError(ex))
        {
            // Plain text, never wrapped: the message is meant to be copied, grepped and read whole.
            Console.Error.WriteLine($"error: {InputErrors.Describe(ex, settings.Scenario)}");
            return InputErrors.ExitCode;
        }

        var scenario = plan.Scenario;
        if (scenario.Faults.NodeKills.Count > 0 && request.Cluster is null)
        {
            Console.Error.WriteLine($"error: {settings.Scenario}: $.faults.nodeKills: kills worker nodes of a distributed run; run it with --cluster, or remove nodeKills");
            return InputErrors.ExitCode;
        }

        RunSummary summary;
        if (interactive)
        {
            summary = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"{Markup.Escape(scenario.Name)}: starting", maxValue: scenario.Rounds);
                    return await RunLauncher.RunAsync(request, plan, new ProgressDisplay(task, scenario.Rounds, null), cancellationToken);
                });
        }
        else
        {
            summary = await RunLauncher.RunAsync(request, plan, new ProgressDisplay(null, scenario.Rounds, settings.Progress), cancellationToken);
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(RunDirectory.ToJson(summary));
        }
        else
        {
            AnsiConsole.Write(SummaryTable(summary));
        }

        if (summary.Status == "cancelled")
        {
            Console.Error.WriteLine($"cancelled after {summary.RoundsCompleted} round(s); results so far are in {summary.RunDirectory}");
            return 130;
        }

        if (summary.Failure is not null)
        {
            var log = Path.Combine(summary.RunDirectory, "errors.log");
            Console.Error.WriteLine($"run failed: {summary.Failure} (completed rounds are in {summary.RunDirectory}{(File.Exists(log) ? $"; full exceptions in {log}" : "")})");
            return 1;
        }

        return 0;
    }

    private static async Task<int> RunBanditAsync(Settings settings, RunRequest request, CancellationToken cancellationToken)
    {
        var plan = BanditLauncher.Prepare(request);
        var scenario = plan.Scenario;
        var summary = await LiveProgress.RunAsync(settings, settings.Json, scenario.Name, scenario.Repetitions, report => BanditLauncher.RunAsync(request, plan,
            RepetitionReporter(report, scenario.Repetitions, "step"), cancellationToken));
        if (summary.Status == "cancelled")
        {
            Console.Error.WriteLine(Cancelled(summary.CurveRepetitions, "step", summary.CurveSteps, summary.RunDirectory));
            return 130;
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(BanditResults.ToJson(summary));
        }
        else
        {
            var table = new Table().Title($"[bold]{Markup.Escape(scenario.Name)}[/] (bandit, seed {scenario.Seed}, {scenario.Repetitions} repetitions of {scenario.Steps:N0} steps)")
                .AddColumn("policy").AddColumn("pseudo-regret at T (mean ± 95 %)");
            foreach (var (policy, regret) in summary.FinalPseudoRegret)
            {
                table.AddRow(Markup.Escape(policy), string.Create(CultureInfo.InvariantCulture, $"{regret:F1} ± {summary.FinalPseudoRegretCi[policy]:F1}"));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{summary.StepsPerSecond:N0} steps/s{(summary.BaselineStepsPerSecond is { } b ? $" (plain single-threaded loop: {b:N0} steps/s)" : "")}; results in {Markup.Escape(summary.RunDirectory)}"));
        }

        if (summary.Failure is not null)
        {
            Console.Error.WriteLine($"run failed: {summary.Failure}");
            return 1;
        }

        return 0;
    }

    private static async Task<int> RunExperimentAsync(Settings settings, RunRequest request, CancellationToken cancellationToken)
    {
        var plan = ExperimentLauncher.Prepare(request);
        var (summary, result) = await ExperimentLauncher.RunAsync(request, plan, line => settings.Progress.WriteLine(line), cancellationToken);
        if (summary.Status == "cancelled")
        {
            Console.Error.WriteLine($"cancelled; the summary is in {summary.RunDirectory}");
            return 130;
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(ExperimentLauncher.ToJson(summary));
        }
        else if (result is not null)
        {
            foreach (var t in result.Tables)
            {
                var table = new Table().Title($"[bold]{Markup.Escape(t.Name)}[/]");
                foreach (var column in t.Columns)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
                }

                foreach (var row in t.Rows)
                {
                    table.AddRow(row.Select(v => v.ToString("G5", CultureInfo.InvariantCulture)).ToArray());
                }

                AnsiConsole.Write(table);
            }

            foreach (var finding in result.Findings)
            {
                AnsiConsole.MarkupLine($"- {Markup.Escape(finding)}");
            }

            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Scenario}: {summary.Experiment}, seed {summary.Seed}, {summary.WallSeconds:F1} s; results in {summary.RunDirectory}")));
        }

        if (summary.Failure is not null)
        {
            Console.Error.WriteLine($"run failed: {summary.Failure}");
            return 1;
        }

        return 0;
    }

    private static async Task<int> RunTrainingAsync(Settings settings, RunRequest request, CancellationToken cancellationToken)
    {
        var plan = TrainingLauncher.Prepare(request);
        var o = plan.Scenario.Optimization;
        var summary = await LiveProgress.RunAsync(settings, settings.Json, plan.Scenario.Name, o.Epochs, report => TrainingLauncher.RunAsync(request, plan, e => report(e.Epoch, string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}, accuracy {e.TestAccuracy:P1}"), string.Create(CultureInfo.InvariantCulture,
            $"epoch {e.Epoch}/{o.Epochs}: train loss {e.TrainLoss:F4}, test loss {e.TestLoss:F4}, test accuracy {e.TestAccuracy:P2}, macro F1 {e.MacroF1:F4} ({e.Seconds:F1} s)")), cancellationToken));
        if (summary.Status == "cancelled")
        {
            Console.Error.WriteLine($"cancelled; the summary is in {summary.RunDirectory}");
            return 130;
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(TrainingLauncher.ToJson(summary));
        }
        else
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Scenario}: {summary.EpochsRun} epoch(s){(summary.StoppedEarly ? " (stopped early)" : "")}, final test accuracy {summary.FinalAccuracy:P2} (best {summary.BestAccuracy:P2}{(summary.TeacherAccuracy is { } teacher ? $"; teacher {teacher:P2}" : "")}), {summary.SamplesPerSecond:N0} samples/s on {summary.Trainers} trainer(s); results in {summary.RunDirectory}")));
        }

        if (summary.Failure is not null)
        {
            Console.Error.WriteLine($"run failed: {summary.Failure}");
            return 1;
        }

        return 0;
    }

    private static async Task<int> RunGameAsync(Settings settings, RunRequest request, CancellationToken cancellationToken)
    {
        TorchRuntime.Initialize();
        var plan = GameLauncher.Prepare(request);
        var scenario = plan.Scenario;
        var summary = await LiveProgress.RunAsync(settings, settings.Json, scenario.Name, scenario.Repetitions, report => GameLauncher.RunAsync(request, plan,
            RepetitionReporter(report, scenario.Repetitions, "round"), cancellationToken));
        if (summary.Status == "cancelled")
        {
            Console.Error.WriteLine(Cancelled(summary.CurveRepetitions, "round", summary.CurveRounds, summary.RunDirectory));
            return 130;
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(GameResults.ToJson(summary));
        }
        else
        {
            var what = scenario.Game?.Name ?? scenario.Sequence!.Name;
            var table = new Table().Title($"[bold]{Markup.Escape(scenario.Name)}[/] (game: {Markup.Escape(what)}, seed {scenario.Seed}, {scenario.Repetitions} repetitions of {scenario.Rounds:N0} rounds)")
                .AddColumns("agent", "external regret at T (mean ± 95 %)", "regret / T", "dynamic regret", "log-log slope (95 % upper)", "sublinear");
            foreach (var a in summary.Agents)
            {
                table.AddRow(Markup.Escape(a.Agent), string.Create(CultureInfo.InvariantCulture, $"{a.ExternalRegret:F2} ± {a.ExternalRegretCi:F2}"),
                    a.RegretPerRound.ToString("F5", CultureInfo.InvariantCulture), a.DynamicRegret.ToString("F1", CultureInfo.InvariantCulture),
                    double.IsNaN(a.Slope) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{a.Slope:F2} ({a.SlopeUpper:F2})"), a.Sublinear ? "[green]yes[/]" : "[red]no[/]");
            }

            AnsiConsole.Write(table);
            foreach (var a in summary.Agents.Where(a => a.Counters.Count > 0))
            {
                AnsiConsole.MarkupLine(Markup.Escape($"{a.Agent}: {string.Join(", ", a.Counters.Select(kv => $"{kv.Key.Replace('_', ' ')} {kv.Value:N0}"))}"));
            }

            if (summary.CceGap is { } gap)
            {
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"exploitability {(summary.Exploitability is { } e ? e.ToString("F4", CultureInfo.InvariantCulture) : "n/a (not two-player zero-sum)")}, CCE gap {gap:F4}, welfare {summary.Welfare:F4}"));
            }

            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{summary.RoundsPerSecond:N0} rounds/s{(summary.BaselineRoundsPerSecond is { } b ? $" (plain single-threaded loop: {b:N0} rounds/s)" : "")}; results in {Markup.Escape(summary.RunDirectory)}"));
        }

        if (summary.Failure is not null)
        {
            Console.Error.WriteLine($"run failed: {summary.Failure}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Progress of a bandit or game run for <see cref="LiveProgress"/>: the bar counts repetitions' worth of work; a line
    /// says when a repetition completed or the running ones all passed another tenth of the horizon.
    /// </summary>
    private static Action<RepetitionProgress> RepetitionReporter(Action<double, string, string> report, int repetitions, string unit)
    {
        var completed = 0;
        return p =>
        {
            var line = p.Completed != completed
                ? string.Create(CultureInfo.InvariantCulture, $"repetition {p.Completed}/{repetitions} done")
                : string.Create(CultureInfo.InvariantCulture, $"{unit} {p.Reached:N0}/{p.Horizon:N0} reached by {(p.Running == 1 ? "the running repetition" : $"all {p.Running} running repetitions")}");
            completed = p.Completed;
            report(p.Done, $"{p.Completed}/{repetitions} repetitions", line);
        };
    }

    /// <summary>What a cancelled bandit or game run kept, for stderr.</summary>
    private static string Cancelled(int repetitions, string unit, long reached, string folder) => repetitions == 0
        ? $"cancelled before any repetition reached its first checkpoint; the summary is in {folder}"
        : string.Create(CultureInfo.InvariantCulture, $"cancelled; the results of {repetitions} repetition(s) up to {unit} {reached:N0} are in {folder}");

    internal static Table SummaryTable(RunSummary s)
    {
        static string F(double? v, string format) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        var table = new Table().Title($"[bold]{Markup.Escape(s.Scenario)}[/] ({s.Kind}, seed {s.Seed})").AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("status", s.Status == "completed" ? "[green]completed[/]" : $"[red]{s.Status}[/]");
        table.AddRow("rounds", $"{s.RoundsCompleted}/{s.RoundsPlanned}");
        table.AddRow("final test accuracy", F(s.FinalAccuracy, "P2"));
        table.AddRow("best test accuracy", F(s.BestAccuracy, "P2"));
        table.AddRow("final test loss", F(s.FinalTestLoss, "F4"));
        table.AddRow("final train loss", F(s.FinalTrainLoss, "F4"));
        if (s.Epsilon is { } epsilon)
        {
            table.AddRow("privacy spent (epsilon)", F(epsilon, "F3"));
        }

        table.AddRow("training samples/s", F(s.SamplesPerSecond, "N0"));
        table.AddRow("wall time", F(s.WallSeconds, "F2") + " s");
        table.AddRow("workers", s.Workers.ToString(CultureInfo.InvariantCulture));
        table.AddRow("MKL AMD fast path", Markup.Escape(s.MklAmdFastpath));
        if (s.MklKernels is { } kernels)
        {
            table.AddRow("MKL kernels", Markup.Escape(kernels.ToString()));
        }

        table.AddRow("results", Markup.Escape(s.RunDirectory));
        return table;
    }
}
