using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace ActorLab.Host.Federated;

/// <summary>
/// Local epochs of mini-batch training on one client's shard: per epoch one seeded permutation, and each batch
/// gathers its rows of the shard in that order as it runs. A strategy's
/// client algorithm, if any, adds its regularizer to each step's loss and adjusts the gradients before the step.
/// </summary>
public static class LocalTrainer
{
    /// <summary>Optimizer steps of the full local work: epochs x ceil(rows / batch).</summary>
    public static long FullSteps(long rows, int epochs, int batchSize) => epochs * ((rows + batchSize - 1) / batchSize);

    /// <summary>
    /// Trains in place, for at most <paramref name="maxSteps"/> steps (a straggler's budget); returns the mean
    /// training loss over the samples processed (without the regularizer), the steps taken and the samples processed.
    /// </summary>
    public static (double MeanLoss, long Steps, long Samples) Train(
        Module<torch.Tensor, torch.Tensor> model,
        ILoss loss,
        Optimizer optimizer,
        torch.Tensor features,
        torch.Tensor labels,
        int epochs,
        int batchSize,
        torch.Generator generator,
        IClientAlgorithm? algorithm = null,
        long maxSteps = long.MaxValue)
    {
        var rows = features.shape[0];
        if (rows == 0 || maxSteps <= 0)
        {
            return (0, 0, 0);
        }

        IReadOnlyList<Parameter> parameters = algorithm is null ? [] : model.parameters().ToList();
        long steps = 0;
        long samples = 0;
        model.train();
        double lossSum = 0;
        for (var epoch = 0; epoch < epochs && steps < maxSteps; epoch++)
        {
            using var epochScope = torch.NewDisposeScope();
            var order = torch.randperm(rows, generator: generator);
            for (long start = 0; start < rows && steps < maxSteps; start += batchSize)
            {
                using var stepScope = torch.NewDisposeScope();
                var length = Math.Min(batchSize, rows - start);
                optimizer.zero_grad();
                // Each batch's rows are gathered when it runs (cache-hot for the first layer), not the whole shard per epoch.
                var batchRows = order.narrow(0, start, length);
                var logits = model.call(features.index_select(0, batchRows));
                var value = loss.Compute(logits, labels.index_select(0, batchRows));
                var objective = algorithm?.Regularizer(parameters, logits) is { } regularizer ? value + regularizer : value;
                objective.backward();
                algorithm?.AdjustGradients(parameters);
                optimizer.step();
                steps++;
                samples += length;
                lossSum += value.item<float>() * (double)length; // one native call; cheaper than tensor bookkeeping

            }
        }

        return (lossSum / samples, steps, samples);
    }
}
