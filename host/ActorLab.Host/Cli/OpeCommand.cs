using ActorLab.Host.Bandits;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ActorLab.Contracts.Bandits;
using ActorLab.Host.Bandits.OffPolicy;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab ope &lt;log&gt; --policy &lt;scenario&gt;</c>: estimates, from a logged bandit run with propensities (Vowpal
/// Wabbit cb text), the value of each policy of a bandit scenario: IPS, self-normalised IPS, direct method and doubly
/// robust, with 95 % intervals. Each policy is replayed over the log (<see cref="PolicyReplay"/>).
/// </summary>
public sealed class OpeCommand : Command<OpeCommand.Settings>
{
    /// <summary>Arguments and options of <c>ope</c>.</summary>
    public sealed class Settings : ManifestSettings
    {
        /// <summary>The log.</summary>
        [CommandArgument(0, "<log>")]
        [Description("Logged steps in Vowpal Wabbit contextual-bandit text format: action:cost:probability | features")]
        public string Log { get; init; } = "";

        /// <summary>The scenario whose policies are evaluated.</summary>
        [CommandOption("--policy <SCENARIO>")]
        [Description("Bandit scenario whose policies are evaluated (all of them, or the one named by --label)")]
        public string? Policy { get; init; }

        /// <summary>One policy of the scenario.</summary>
        [CommandOption("--label <LABEL>")]
        [Description("Evaluate only the policy with this label")]
        public string? Label { get; init; }

        /// <summary>K.</summary>
        [CommandOption("--arms <K>")]
        [Description("Number of actions. Default: the largest action in the log")]
        public int? Arms { get; init; }

        /// <summary>Ridge lambda of the reward model.</summary>
        [CommandOption("--lambda <LAMBDA>")]
        [Description("Ridge regularisation of the direct method's reward model. Default: 1")]
        public double Lambda { get; init; } = 1.0;


        /// <inheritdoc />
        public override ValidationResult Validate() => Policy is null
            ? ValidationResult.Error("--policy <scenario> is required: the bandit scenario whose policies to evaluate")
            : Arms is < 1 ? ValidationResult.Error($"--arms must be at least 1, got {Arms}")
            : Lambda <= 0 ? ValidationResult.Error($"--lambda must be positive, got {Lambda}")
            : ValidationResult.Success();
    }

    /// <summary>One policy's estimates.</summary>
    public sealed record PolicyEstimates(string Policy, PolicyValueEstimate Ips, PolicyValueEstimate SelfNormalisedIps,
        PolicyValueEstimate DirectMethod, PolicyValueEstimate DoublyRobust, double Agreement, double EffectiveSampleSize);

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var log = ReadLog(settings.Log);
        var arms = settings.Arms ?? log.Max(s => s.Action) + 1;
        if (log.Max(s => s.Action) >= arms)
        {
            throw new InputFileException(settings.Log, $"the log has action {log.Max(s => s.Action) + 1} but --arms is {arms}");
        }

        var scenario = BanditScenarioBinder.Load(settings.Policy!);
        var catalog = PluginCatalogLoader.Load(ManifestLocator.Find(settings.Plugins), settings.AllowExternalPlugins);
        ComponentCheck.Run(scenario, catalog);
        var policies = scenario.Policies.Where(p => settings.Label is null || p.Label == settings.Label).ToList();
        if (policies.Count == 0)
        {
            throw new ScenarioException(scenario.FilePath, [new ScenarioError("$.policies",
                $"no policy is labelled '{settings.Label}'; labels: {string.Join(", ", scenario.Policies.Select(p => p.Label))}")]);
        }

        TorchRuntime.Initialize(); // neural policies
        var contextWidth = log[0].Context.Length;
        var rewardModel = contextWidth == 0 ? OffPolicyEstimators.ArmMeans(log, arms) : RidgeRewardModel.Fit(log, arms, settings.Lambda);
        var setup = new BanditSetup(arms, contextWidth, log.Count, scenario.Seed, Repetition: 0);
        var results = policies.Select(p =>
        {
            var policy = catalog.Create<IBanditPolicy>(p.Component.Name, p.Component.Options);
            var choices = PolicyReplay.Choices(policy, log, setup);
            return new PolicyEstimates(p.Label,
                OffPolicyEstimators.Ips(log, choices),
                OffPolicyEstimators.SelfNormalisedIps(log, choices),
                OffPolicyEstimators.DirectMethod(log, choices, arms, rewardModel),
                OffPolicyEstimators.DoublyRobust(log, choices, arms, rewardModel),
                choices.Where((c, i) => c == log[i].Action).Count() / (double)log.Count,
                OffPolicyEstimators.EffectiveSampleSize(log, choices));
        }).ToList();

        var loggedValue = log.Average(s => s.Reward);
        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(JsonSerializer.Serialize(new { log = settings.Log, steps = log.Count, arms, contextWidth, loggedValue, policies = results },
                Results.ResultsJson.Options));
            return 0;
        }

        var table = new Table().Title($"{Markup.Escape(Path.GetFileName(settings.Log))}: {log.Count:N0} logged steps, {arms} arms, logged value {loggedValue:F4}")
            .AddColumns("policy", "IPS", "SNIPS", "DM", "DR", "agrees", "ESS");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Policy), Cell(r.Ips), Cell(r.SelfNormalisedIps), Cell(r.DirectMethod), Cell(r.DoublyRobust),
                r.Agreement.ToString("P1", CultureInfo.InvariantCulture), r.EffectiveSampleSize.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]estimate [[95 % interval]]; agrees: share of steps where the policy chose the logged action; ESS: effective sample size of the importance weights[/]");
        return 0;
    }

    private static string Cell(PolicyValueEstimate e) => double.IsNaN(e.Value)
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{e.Value:F4} [[{e.Low:F4}, {e.High:F4}]]");

    private static IReadOnlyList<LoggedStep> ReadLog(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "no such log file; export one with \"logSteps\" in a bandit scenario, or pass a Vowpal Wabbit cb log");
        }

        try
        {
            var (steps, _) = VowpalWabbitLog.Read(File.ReadAllText(path));
            return steps.Count > 0 ? steps : throw new InputFileException(path, "the log has no labelled steps (action:cost:probability | features)");
        }
        catch (FormatException ex)
        {
            throw new InputFileException(path, ex.Message);
        }
    }
}
