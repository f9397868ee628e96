using ActorLab.Contracts.Language;
using ActorLab.Contracts.Optimizers;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>
/// A policy run before it starts: the scenario, the catalog, the task's problems drawn from the run seed, the
/// character vocabulary, the model's shape and its seeded initial parameters (every replica copies them).
/// </summary>
public sealed record PolicyPlan(PolicyScenario Scenario, PluginCatalog Catalog, TaskData Data, TokenVocabulary Vocabulary, LanguageModelShape Shape,
    float[] InitialParameters, int MaxNewTokens, int Workers)
{
    /// <summary>A fresh model with the initial parameters.</summary>
    public CausalLanguageModel CreateModel()
    {
        var factory = Catalog.Create<ILanguageModelFactory>(Scenario.Model.Name, Scenario.Model.Options);
        var model = SeededTorch.Exclusive(() => factory.Create(Shape)); // overwritten below; its draws must not interleave with a seeded init
        ModelParameters.Load(model, InitialParameters);
        return model;
    }

    /// <summary>The task (each actor that scores responses has its own).</summary>
    public IVerifiableTask CreateTask() => Catalog.Create<IVerifiableTask>(Scenario.Task.Name, Scenario.Task.Options);

    /// <summary>An optimizer over <paramref name="model"/>'s parameters at <paramref name="learningRate"/>.</summary>
    public torch.optim.Optimizer CreateOptimizer(CausalLanguageModel model, double learningRate) =>
        Catalog.Create<IOptimizerFactory>(Scenario.Optimizer.Name, Scenario.Optimizer.Options).Create(model.parameters(), learningRate);

    /// <summary>The prompt's ids with the begin marker.</summary>
    public int[] PromptIds(TaskExample example) => [TokenVocabulary.Begin, .. Vocabulary.Encode(example.Prompt)];

    /// <summary>The unlearning phase's forget set: the first share of the training problems.</summary>
    public IReadOnlyList<TaskExample> ForgetSet => Scenario.Unlearning is { } u ? [.. Data.Train.Where((e, i) => Forgets(u, e, i))] : [];

    /// <summary>The unlearning phase's retain set: the other training problems.</summary>
    public IReadOnlyList<TaskExample> RetainSet => Scenario.Unlearning is { } u ? [.. Data.Train.Where((e, i) => !Forgets(u, e, i))] : [];

    /// <summary>Whether training problem <paramref name="index"/> is in the forget set: its prompt has the prefix, or it is among the first share.</summary>
    private bool Forgets(UnlearningSettings u, TaskExample example, int index) => u.ForgetPrefix is { } prefix
        ? example.Prompt.StartsWith(prefix, StringComparison.Ordinal)
        : index < (int)Math.Ceiling(u.ForgetShare * Data.Train.Count);

    /// <summary>The training problems RL draws its prompts from.</summary>
    public IReadOnlyList<TaskExample> RlvrPool => Scenario.Rlvr is { TrainPrompts: > 0 } r ? Data.Train.Take(r.TrainPrompts).ToList() : Data.Train;

    /// <summary>Draws the task's problems, checks the sizes and initialises the model from the run seed; throws input errors.</summary>
    public static PolicyPlan Build(PolicyScenario scenario, PluginCatalog catalog, int requestedWorkers)
    {
        var errors = new List<ScenarioError>();
        void Require(bool ok, string path, string message)
        {
            if (!ok)
            {
                errors.Add(new ScenarioError(path, message));
            }
        }

        Require(scenario.Sft is not null || scenario.Rlvr is not null || scenario.Preference is not null || scenario.Unlearning is not null, "$",
            "a policy scenario needs at least one phase: add \"sft\" (supervised pre-training) and/or one post-training phase (\"rlvr\", \"preference\" or \"unlearning\")");
        Require(new object?[] { scenario.Rlvr, scenario.Preference, scenario.Unlearning }.Count(p => p is not null) <= 1, "$",
            "a scenario runs one post-training phase after SFT: keep one of \"rlvr\", \"preference\" and \"unlearning\"");
        if (scenario.Unlearning is { ForgetPrefix: null } unlearning)
        {
            var forget = (int)Math.Ceiling(unlearning.ForgetShare * scenario.Data.Train);
            Require(unlearning.ForgetShare is > 0 and < 1 && forget >= 4 && forget < scenario.Data.Train, "$.unlearning.forgetShare",
                $"must leave at least 4 forget problems and one retain problem of the {scenario.Data.Train} training problems, got {unlearning.ForgetShare}");
        }
        if (scenario.Preference is { } preference)
        {
            Require(preference.LabelFlips is >= 0 and < 0.5, "$.preference.labelFlips", $"must be in [0, 0.5) (at 0.5 the labels carry no information), got {preference.LabelFlips}");
            Require(preference.Sampling.TopP is > 0 and <= 1, "$.preference.sampling.topP", $"must be in (0, 1], got {preference.Sampling.TopP}");
        }
        if (scenario.Rlvr is { } rl)
        {
            Require(rl.TrainPrompts <= scenario.Data.Train, "$.rlvr.trainPrompts", $"asks for {rl.TrainPrompts} training prompts but data.train draws {scenario.Data.Train}; lower it or raise data.train");
            Require(rl.Sampling.TopP is > 0 and <= 1, "$.rlvr.sampling.topP", $"must be in (0, 1], got {rl.Sampling.TopP}");
            Require(rl.Sampling.MinP is >= 0 and <= 1, "$.rlvr.sampling.minP", $"must be in [0, 1], got {rl.Sampling.MinP}");
            Require(rl.Hints is null || rl.Hints.TargetSuccess is > 0 and < 1, "$.rlvr.hints.targetSuccess", $"must be in (0, 1), got {rl.Hints?.TargetSuccess}");
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(scenario.FilePath, errors);
        }

        var task = catalog.Create<IVerifiableTask>(scenario.Task.Name, scenario.Task.Options);
        var data = task.Generate(new TaskRequest(scenario.Seed, scenario.Data.Train, scenario.Data.Test));
        var vocabulary = new TokenVocabulary(task.Alphabet);
        foreach (var example in data.Train.Concat(data.Test))
        {
            vocabulary.Encode(example.Prompt);
            vocabulary.Encode(example.Answer);
        }

        if (scenario.Unlearning is { ForgetPrefix: { } prefix })
        {
            var forget = data.Train.Count(e => e.Prompt.StartsWith(prefix, StringComparison.Ordinal));
            if (forget < 4 || forget == data.Train.Count)
            {
                throw new ScenarioException(scenario.FilePath, [new ScenarioError("$.unlearning.forgetPrefix",
                    $"{forget} of the {data.Train.Count} training prompts start with \"{prefix}\"; the forget set needs at least 4 and the retain set at least one")]);
            }
        }

        var maxNew = scenario.Rlvr is { MaxNewTokens: > 0 } r2 ? r2.MaxNewTokens : task.MaxAnswerLength + 1;
        var longestAnswer = Math.Max(maxNew, data.Train.Concat(data.Test).Max(e => e.Answer.Length) + 1);
        var hints = scenario.Rlvr?.Hints is null ? 0 : data.Train.Max(e => e.Answer.Length); // a hint lengthens the prompt by up to the answer
        var shape = new LanguageModelShape(vocabulary.Size, 1 + data.Train.Concat(data.Test).Max(e => e.Prompt.Length) + hints + longestAnswer);
        var factory = catalog.Create<ILanguageModelFactory>(scenario.Model.Name, scenario.Model.Options);
        float[] initial;
        try
        {
            using var model = SeededTorch.Run(scenario.Seed, "policy.init", () => factory.Create(shape));
            initial = ModelParameters.Flatten(model);
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException(scenario.FilePath, [new ScenarioError(scenario.Model.JsonPath, e.Message)]);
        }

        var workers = scenario.Rollout.Workers > 0 ? scenario.Rollout.Workers : Math.Max(1, requestedWorkers);
        return new PolicyPlan(scenario, catalog, data, vocabulary, shape, initial, maxNew, workers);
    }
}
