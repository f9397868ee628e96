using ActorLab.Host.Secrets;
using ActorLab.Telemetry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>The <c>actorlab</c> command line: every command, its help and examples, and how errors end the program.</summary>
public static class ActorLabApp
{
    /// <summary>The configured application (Program.cs runs it; tests may run it in-process).</summary>
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("actorlab");
            config.UseStrictParsing(); // an unknown option is a typo: refuse it (exit 2) rather than ignore it
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run a scenario (default: scenarios/quickstart.json) and write results to runs/<run-id>/")
                .WithExample("run")
                .WithExample("run", "bench/scenarios/fedavg-fmnist-mlp.json", "--json")
                .WithExample("run", "scenarios/quickstart.json", "--otlp")
                .WithExample("run", "scenarios/quickstart.json", "--cluster", "127.0.0.1:4053", "--cluster-workers", "2");
            config.AddCommand<ResumeCommand>("resume")
                .WithDescription("Continue a federated run that crashed or was cancelled, from the last round its journal persisted")
                .WithExample("resume", "<run-id>", "--json");
            config.AddCommand<DashboardCommand>("dashboard")
                .WithDescription("Start the Aspire dashboard on this machine to browse the traces and metrics of runs made with --otlp")
                .WithExample("dashboard")
                .WithExample("dashboard", "--port", "18888", "--otlp-grpc-port", "4317", "--otlp-http-port", "4318");
            config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Run a grid of scenarios over seeds and compare them (mean ± std)")
                .WithExample("sweep", "scenarios/quickstart.json", "--set", "strategy.name=fedavg,fedprox", "--set", "partition.alpha=0.1,0.5", "--seeds", "3");
            config.AddCommand<RunCommand>("train-agent")
                .WithDescription("The same as run (kept for old scripts): an agent-training scenario trains a game agent offline and saves its checkpoint")
                .WithExample("train-agent", "scenarios/train-regret-transformer.json");
            config.AddCommand<OpeCommand>("ope")
                .WithDescription("Estimate a bandit scenario's policies' values from a logged run (IPS, SNIPS, DM, DR with 95 % intervals)")
                .WithExample("ope", "runs/<run-id>/logs/epsilon-greedy.vw", "--policy", "scenarios/bandit-quickstart.json");
            config.AddCommand<NodeCommand>("node")
                .WithDescription("Start a worker node of a distributed run: join the cluster at --seed and host the clients placed on it, until Ctrl+C")
                .WithExample("node", "--seed", "127.0.0.1:4053", "--port", "4053")
                .WithExample("node", "--seed", "127.0.0.1:4053", "--port", "4054");
            config.AddCommand<InfoCommand>("info")
                .WithDescription("Show what this machine's runs compute with: CPU vendor, MKL kernel path, the AMD fast path's status, libtorch threads")
                .WithExample("info").WithExample("info", "--json");
            config.AddCommand<SchemaCommand>("schema")
                .WithDescription("Write the JSON Schema of scenarios (component names and options from the loaded plugins), or of plugins.json with --manifest")
                .WithExample("schema").WithExample("schema", "--manifest");
            config.AddBranch("plugins", plugins =>
            {
                plugins.SetDescription("Inspect, pin and add the plugins listed in plugins.json");
                plugins.AddCommand<PluginsListCommand>("list").WithDescription("List plugins, versions and components");
                plugins.AddCommand<PluginsValidateCommand>("validate").WithDescription("Load and check every plugin without running anything");
                plugins.AddCommand<PluginsPinCommand>("pin").WithDescription("Write each enabled plugin's sha256 into plugins.json (--check: only report missing or different pins, exit 1)");
                plugins.AddCommand<PluginsAddCommand>("add").WithDescription("Validate a plugin assembly and append it, with its sha256, to plugins.json")
                    .WithExample("plugins", "add", "build/plugins/MyPlugin/MyPlugin.dll");
                plugins.AddCommand<PluginsDescribeCommand>("describe").WithDescription("Describe a component: plugin, kind, description and its options (type, default, range, description)")
                    .WithExample("plugins", "describe", "z-loss").WithExample("plugins", "describe", "iid", "--kind", "partitioner", "--json");
            });
            config.AddBranch("runs", runs =>
            {
                runs.SetDescription("Query the results database (runs/actorlab.duckdb): runs, their metrics and plugins");
                runs.AddCommand<RunsListCommand>("list").WithDescription("List runs: id, kind, scenario, seed, status, start, duration, final headline metric");
                runs.AddCommand<RunsShowCommand>("show").WithDescription("Show a run: its row, plugins and final metrics");
                runs.AddCommand<RunsCompareCommand>("compare").WithDescription("Compare runs' final metrics side by side and plot one metric's curves (PNG)")
                    .WithExample("runs", "compare", "<id>", "<id>", "--metric", "test_loss");
                runs.AddCommand<RunsExportCommand>("export").WithDescription("Export a run's rows as Parquet files")
                    .WithExample("runs", "export", "<id>", "--parquet", "out/");
            });
            config.SetExceptionHandler((exception, _) =>
            {
                if (InputErrors.IsInputError(exception))
                {
                    AnsiConsole.Console.Profile.Out = new AnsiConsoleOutput(Console.Error);
                    Console.Error.WriteLine($"error: {InputErrors.Describe(exception, null)}");
                    return InputErrors.ExitCode;
                }

                if (exception is CommandAppException)
                {
                    Console.Error.WriteLine($"error: {exception.Message}");
                    return InputErrors.ExitCode;
                }

                if (SecretValues.AnyIn(exception.ToString()))
                {
                    // Spectre wraps long lines, which could split a secret past the console's redaction: mask it first.
                    Console.Error.WriteLine(SecretRedaction.RedactText(exception.ToString()));
                    return 1;
                }

                AnsiConsole.WriteException(exception, ExceptionFormats.ShortenEverything);
                return 1;
            });
        });
        return app;
    }
}
