using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ActorLab.Contracts.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary><c>actorlab train-agent &lt;scenario&gt;</c>: trains a game agent offline (kind "agent-training") and saves its checkpoint.</summary>
public sealed class TrainAgentCommand : Command<TrainAgentCommand.Settings>
{
    /// <summary>Arguments and options of <c>train-agent</c>.</summary>
    public sealed class Settings : ManifestSettings
    {
        /// <summary>The training scenario.</summary>
        [CommandArgument(0, "<scenario>")]
        [Description("Agent-training scenario (JSON, kind \"agent-training\"), e.g. scenarios/train-regret-transformer.json")]
        public string Scenario { get; init; } = "";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.LoadAgentTraining(settings.Scenario);
        var catalog = PluginCatalogLoader.Load(ManifestLocator.Find(settings.Plugins), settings.AllowExternalPlugins);
        if (!catalog.Contains<IAgentTrainer>(scenario.Trainer.Name))
        {
            throw new ScenarioException(scenario.FilePath, [new ScenarioError(scenario.Trainer.JsonPath,
                $"no agent trainer named '{scenario.Trainer.Name}' is registered; known: {string.Join(", ", catalog.NamesOf<IAgentTrainer>())}")]);
        }

        TorchRuntime.Initialize();
        var trainer = catalog.Create<IAgentTrainer>(scenario.Trainer.Name, scenario.Trainer.Options);
        AgentTrainingResult result;
        try
        {
            result = trainer.Train(new AgentTrainingRequest(scenario.Seed, Path.GetFullPath(scenario.Output), new StderrProgress()), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new InputFileException(scenario.FilePath, ex.Message);
        }

        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(JsonSerializer.Serialize(result, Results.ResultsJson.Options));
        }
        else
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"trained {result.Steps} steps in {result.Seconds:F1} s (final regret-loss {result.FinalLoss:F4}, mean regret {result.FinalMeanRegret:F4}); checkpoint {result.CheckpointPath}")));
        }

        return 0;
    }

    /// <summary>Writes each report to stderr on the training thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class StderrProgress : IProgress<AgentTrainingProgress>
    {
        public void Report(AgentTrainingProgress p) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {p.Step}/{p.Steps}: regret-loss {p.Loss:F4}, mean regret {p.MeanRegret:F4}"));
    }
}
