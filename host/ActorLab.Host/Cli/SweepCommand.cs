using System.ComponentModel;
using System.Globalization;
using ActorLab.Host.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab sweep scenario --set field=v1,v2 ... --seeds N</c>: runs a grid and compares it.</summary>
public sealed class SweepCommand : AsyncCommand<SweepCommand.Settings>
{
    /// <summary>Arguments and options of <c>sweep</c>.</summary>
    public sealed class Settings : SimulationCommandSettings
    {
        /// <summary>The base scenario.</summary>
        [CommandArgument(0, "<scenario>")]
        [Description("Base scenario file (JSON)")]
        public string Scenario { get; init; } = "";

        /// <summary>The axes.</summary>
        [CommandOption("-s|--set <FIELD=VALUES>")]
        [Description("A grid axis: a scenario field and comma-separated values, e.g. strategy.name=fedavg,fedprox, partition.alpha=0.1,0.5 or policies[0].options.epsilon=0.05,0.1 (repeat for more axes)")]
        public string[] Set { get; init; } = [];

        /// <summary>Seeds per grid point.</summary>
        [CommandOption("--seeds <N>")]
        [Description("Seeds per grid point: the scenario's seed, seed + 1, ... Default: 1")]
        public int Seeds { get; init; } = 1;

        /// <summary>plugins.json.</summary>
        [CommandOption("-p|--plugins <FILE>")]
        [Description("Plugin manifest. Default: the nearest plugins.json in this folder or above")]
        public string? Plugins { get; init; }

        /// <summary>Let plugins load from outside the manifest's folder tree.</summary>
        [CommandOption("--allow-external-plugins")]
        [Description("Allow plugin paths outside the manifest's folder (absolute, .. or symlinks out of it); only for files you trust")]
        public bool AllowExternalPlugins { get; init; }

        /// <summary>Runs folder.</summary>
        [CommandOption("-o|--output <DIR>")]
        [Description("Folder the sweep folder is created in. Default: runs")]
        public string Output { get; init; } = "runs";

        /// <summary>Cores to use.</summary>
        [CommandOption("-w|--workers <N>")]
        [Description("Cores to use: that many runs at once, or fewer runs with more worker threads each. Default: number of cores")]
        public int Workers { get; init; } = Environment.ProcessorCount;

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Seeds < 1 ? ValidationResult.Error($"--seeds must be at least 1, got {Seeds}")
            : Workers < 1 ? ValidationResult.Error($"--workers must be at least 1, got {Workers}")
            : Set.Length == 0 ? ValidationResult.Error("give at least one --set field=value1,value2")
            : ValidateShared();
    }

    /// <inheritdoc />
    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        MetricsEndpoint.ServeWhileAsync(settings, () => SweepAsync(settings, cancellationToken), cancellationToken);

    private static async Task<int> SweepAsync(Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<SweepAxis> axes;
        try
        {
            axes = settings.Set.Select(SweepGrid.ParseAxis).ToList();
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return InputErrors.ExitCode;
        }

        var runs = SweepGrid.Points(axes).Count * settings.Seeds;
        settings.Progress.WriteLine($"sweep: {runs} run(s) of {settings.Scenario}");
        try
        {
            var (folder, comparison) = await SweepRunner.RunAsync(settings.Scenario, axes, settings.Seeds, ManifestLocator.Find(settings.Plugins),
                settings.Output, settings.Workers, line => settings.Progress.WriteLine(line), cancellationToken, settings.AllowExternalPlugins);
            var table = new Table().Title($"[bold]{Markup.Escape(Path.GetFileName(folder))}[/]");
            foreach (var axis in axes)
            {
                table.AddColumn(Markup.Escape(axis.Path));
            }

            table.AddColumn("runs");
            var names = comparison.Count > 0 ? comparison[0].Values.Select(v => v.Name).ToList() : [];
            foreach (var name in names)
            {
                table.AddColumn(Markup.Escape(name.Replace('_', ' ')));
            }

            foreach (var c in comparison)
            {
                table.AddRow([.. c.Point.Settings.Select(s => Markup.Escape(SweepPoint.Text(s.Value))), c.Runs.ToString(CultureInfo.InvariantCulture),
                    .. c.Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Mean:F4} ± {v.Std:F4}"))]);
            }

            AnsiConsole.Write(table);
            Console.Out.WriteLine($"comparison: {Path.Combine(folder, "comparison.csv")} and comparison.png");
            if (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"cancelled; the runs started so far are in {Path.Combine(folder, "sweep.csv")}");
                return 130;
            }

            return 0;
        }
        catch (Exception ex) when (InputErrors.IsInputError(ex))
        {
            Console.Error.WriteLine($"error: {InputErrors.Describe(ex, settings.Scenario)}");
            return InputErrors.ExitCode;
        }
    }
}
