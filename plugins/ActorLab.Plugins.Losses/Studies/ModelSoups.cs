using ActorLab.Contracts.Data;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Randomness;
using ActorLab.Plugins.Losses.Datasets;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>Options of <see cref="ModelSoups"/>.</summary>
public sealed record ModelSoupsOptions
{
    /// <summary>The Gaussian-mixture task (its train split is cut into pre-training and fine-tuning rows, its test split into validation and test rows).</summary>
    public GaussianMixtureOptions Task { get; init; } = new() { Classes = 10, Features = 20, TrainSamples = 4000, TestSamples = 8000, Separation = 0.6 };

    /// <summary>Share of the training rows used for pre-training; the rest is the fine-tuning set.</summary>
    public double PretrainShare { get; init; } = 0.75;

    /// <summary>Share of the test split used as the held-out validation set that ranks ingredients and drives the greedy soup.</summary>
    public double ValidationShare { get; init; } = 0.25;

    /// <summary>Hidden widths of the MLP.</summary>
    public int[] Hidden { get; init; } = [64];

    /// <summary>Pre-training epochs (SGD, batch 64).</summary>
    public int PretrainEpochs { get; init; } = 10;

    /// <summary>Pre-training learning rate.</summary>
    public double PretrainLearningRate { get; init; } = 0.1;

    /// <summary>Fine-tuning learning rates; each is combined with each data-order seed into one ingredient.</summary>
    public double[] LearningRates { get; init; } = [0.01, 0.03, 0.1, 0.3];

    /// <summary>Data-order seeds per learning rate.</summary>
    public int OrdersPerRate { get; init; } = 3;

    /// <summary>Fine-tuning epochs (SGD, batch 32).</summary>
    public int FinetuneEpochs { get; init; } = 10;

    /// <summary>Models trained from different random initialisations (no shared pre-training) for the collapse check.</summary>
    public int IndependentModels { get; init; } = 4;
}

/// <summary>
/// Model soups (Wortsman et al., "Model soups: averaging weights of multiple fine-tuned models improves accuracy without
/// increasing inference time", ICML 2022) on a Gaussian-mixture task: an MLP is pre-trained, then fine-tuned once per
/// (learning rate, data order) into ingredients. Uniform soup: theta = (1/k) sum_i theta_i over all ingredients. Greedy
/// soup: ingredients sorted by held-out validation accuracy, each added to the soup only if the averaged weights' validation
/// accuracy does not fall. Reported on a separate test split, with the best single ingredient (chosen on validation).
/// The counter-check: models trained from different random initialisations lie in different basins (hidden units
/// permuted), and their uniform soup collapses towards chance.
/// </summary>
public sealed class ModelSoups(ModelSoupsOptions options) : IExperiment
{
    /// <inheritdoc />
    public ExperimentResult Run(ExperimentContext context)
    {
        Check();
        var data = new GaussianMixtureDataset(options.Task).Load(new DatasetRequest(context.Seed, 0));
        var (features, classes) = (data.Features, data.Classes);
        var pretrainRows = (int)(data.TrainCount * options.PretrainShare);
        var validationRows = (int)(data.TestCount * options.ValidationShare);
        using var scope = torch.NewDisposeScope();
        var trainX = torch.tensor(data.TrainFeatures, [data.TrainCount, features]);
        var trainY = torch.tensor(data.TrainLabels.Select(l => (long)l).ToArray());
        var testX = torch.tensor(data.TestFeatures, [data.TestCount, features]);
        var testY = torch.tensor(data.TestLabels.Select(l => (long)l).ToArray());
        var (preX, preY) = (trainX.narrow(0, 0, pretrainRows), trainY.narrow(0, 0, pretrainRows));
        var (fineX, fineY) = (trainX.narrow(0, pretrainRows, data.TrainCount - pretrainRows), trainY.narrow(0, pretrainRows, data.TrainCount - pretrainRows));
        var (valX, valY) = (testX.narrow(0, 0, validationRows), testY.narrow(0, 0, validationRows));
        var (heldX, heldY) = (testX.narrow(0, validationRows, data.TestCount - validationRows), testY.narrow(0, validationRows, data.TestCount - validationRows));

        using var model = NewModel(features, classes, context.Seed, "soups.init", 0);
        Train(model, preX, preY, options.PretrainEpochs, options.PretrainLearningRate, 64, context.Seed, "soups.pretrain", 0);
        var pretrained = Weights(model);
        context.Progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pre-trained: test accuracy {Accuracy(model, heldX, heldY):F4}"));

        var ingredients = new List<(double Rate, int Order, torch.Tensor[] Weights, double Validation, double Test)>();
        foreach (var rate in options.LearningRates)
        {
            for (var order = 0; order < options.OrdersPerRate; order++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                Load(model, pretrained);
                Train(model, fineX, fineY, options.FinetuneEpochs, rate, 32, context.Seed, "soups.finetune", ingredients.Count);
                ingredients.Add((rate, order, Weights(model), Accuracy(model, valX, valY), Accuracy(model, heldX, heldY)));
                context.Progress?.Invoke($"ingredient {ingredients.Count}/{options.LearningRates.Length * options.OrdersPerRate} fine-tuned");
            }
        }

        var ranked = ingredients.Select((ingredient, index) => (ingredient, index)).OrderByDescending(x => x.ingredient.Validation).ThenBy(x => x.index).ToList();
        var best = ranked[0].ingredient;

        (double Validation, double Test) Evaluate(IEnumerable<torch.Tensor[]> members)
        {
            Load(model, Average(members.ToList()));
            return (Accuracy(model, valX, valY), Accuracy(model, heldX, heldY));
        }

        var uniform = Evaluate(ingredients.Select(i => i.Weights));
        var greedy = new List<torch.Tensor[]> { best.Weights };
        var greedyScore = (best.Validation, best.Test);
        foreach (var (candidate, _) in ranked.Skip(1))
        {
            var trial = Evaluate(greedy.Append(candidate.Weights));
            if (trial.Validation >= greedyScore.Validation)
            {
                greedy.Add(candidate.Weights);
                greedyScore = trial;
            }
        }

        // Independent models: each from its own initialisation, trained on all training rows, then averaged.
        var independent = new List<(torch.Tensor[] Weights, double Test)>();
        for (var m = 0; m < options.IndependentModels; m++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var alone = NewModel(features, classes, context.Seed, "soups.independent", m + 1);
            Train(alone, trainX, trainY, options.PretrainEpochs + options.FinetuneEpochs, options.PretrainLearningRate, 64, context.Seed, "soups.independent", m + 1);
            independent.Add((Weights(alone), Accuracy(alone, heldX, heldY)));
        }

        var independentSoup = independent.Count > 0 ? Evaluate(independent.Select(i => i.Weights)).Test : double.NaN;
        var rows = ingredients.Select((i, index) => (IReadOnlyList<double>)[index + 1, i.Rate, i.Order, i.Validation, i.Test]).ToList();
        var soups = new List<IReadOnlyList<double>>
        {
            new double[] { 0, 1, best.Validation, best.Test },
            new double[] { 1, ingredients.Count, uniform.Validation, uniform.Test },
            new double[] { 2, greedy.Count, greedyScore.Validation, greedyScore.Test },
        };
        var collapse = independent.Select((m, index) => (IReadOnlyList<double>)[index + 1, m.Test]).Append([0, independentSoup]).ToList();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return new ExperimentResult(
            [
                new ExperimentTable("ingredients", ["ingredient", "learning_rate", "order", "validation_accuracy", "test_accuracy"], rows),
                new ExperimentTable("soups", ["soup (0 best ingredient, 1 uniform, 2 greedy)", "ingredients", "validation_accuracy", "test_accuracy"], soups),
                new ExperimentTable("independent", ["model (0 = their uniform soup)", "test_accuracy"], collapse),
            ],
            [
                string.Create(c, $"best single ingredient (by validation): test accuracy {best.Test:F4}"),
                string.Create(c, $"greedy soup of {greedy.Count}: test accuracy {greedyScore.Test:F4} ({(greedyScore.Test >= best.Test ? "at least" : "below")} the best ingredient)"),
                string.Create(c, $"uniform soup of {ingredients.Count}: test accuracy {uniform.Test:F4}"),
                string.Create(c, $"uniform soup of {independent.Count} independently initialised models: test accuracy {independentSoup:F4}, against {(independent.Count > 0 ? independent.Min(i => i.Test) : double.NaN):F4} for the worst of them"),
            ]);
    }

    private void Check()
    {
        if (options.PretrainShare is <= 0 or >= 1 || options.ValidationShare is <= 0 or >= 1)
        {
            throw new ArgumentException($"model-soups: pretrainShare and validationShare must be in (0, 1), got {options.PretrainShare} and {options.ValidationShare}");
        }

        if (options.LearningRates.Length == 0 || options.LearningRates.Any(r => r <= 0) || options.OrdersPerRate < 1)
        {
            throw new ArgumentException("model-soups: learningRates needs at least one positive rate and ordersPerRate at least 1");
        }

        if (options.PretrainEpochs < 1 || options.FinetuneEpochs < 1 || options.IndependentModels < 0)
        {
            throw new ArgumentException("model-soups: pretrainEpochs and finetuneEpochs must be at least 1 and independentModels at least 0");
        }
    }

    private Module<torch.Tensor, torch.Tensor> NewModel(int features, int classes, int seed, string stream, int id)
    {
        return SeededTorch.Run(seed, stream, () =>
        {
            var (layers, width) = MlpLayers.Build("model-soups", features, options.Hidden);
            layers.Add(("out", Linear(width, classes)));
            return Sequential(layers);
        }, id);
    }

    private static void Train(Module<torch.Tensor, torch.Tensor> model, torch.Tensor x, torch.Tensor y, int epochs, double rate, int batch, int seed, string stream, int id)
    {
        using var optimizer = torch.optim.SGD(model.parameters(), rate);
        model.train();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = Enumerable.Range(0, (int)x.shape[0]).Select(i => (long)i).ToArray();
            RandomStreams.Create(seed, stream, id, epoch).Shuffle(order);
            for (var start = 0; start < order.Length; start += batch)
            {
                using var step = torch.NewDisposeScope();
                var rows = torch.tensor(order[start..Math.Min(order.Length, start + batch)]);
                optimizer.zero_grad();
                functional.cross_entropy(model.call(x.index_select(0, rows)), y.index_select(0, rows)).backward();
                optimizer.step();
            }
        }
    }

    private static double Accuracy(Module<torch.Tensor, torch.Tensor> model, torch.Tensor x, torch.Tensor y)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return model.call(x).argmax(1).eq(y).to_type(torch.ScalarType.Float64).mean().item<double>();
    }

    private static torch.Tensor[] Weights(Module<torch.Tensor, torch.Tensor> model) => model.parameters().Select(p => p.detach().clone()).ToArray(); // owned by the run's dispose scope

    private static void Load(Module<torch.Tensor, torch.Tensor> model, torch.Tensor[] weights)
    {
        using var noGrad = torch.no_grad();
        foreach (var (parameter, value) in model.parameters().Zip(weights))
        {
            parameter.copy_(value);
        }
    }

    /// <summary>The elementwise mean of the members' weights, tensor by tensor.</summary>
    public static torch.Tensor[] Average(IReadOnlyList<torch.Tensor[]> members) =>
        Enumerable.Range(0, members[0].Length).Select(t => torch.stack(members.Select(m => m[t])).mean([0L])).ToArray();
}
