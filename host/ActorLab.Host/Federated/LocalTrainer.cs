using ActorLab.Contracts.Losses;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace ActorLab.Host.Federated;

/// <summary>
/// Local epochs of mini-batch training on one client's shard: per epoch one seeded permutation, one
/// gather of the shard into that order, then contiguous slices as batches (no per-batch gather).
/// </summary>
public static class LocalTrainer
{
    /// <summary>Trains in place and returns the mean training loss over all steps' samples.</summary>
    public static double Train(
        Module<torch.Tensor, torch.Tensor> model,
        ILoss loss,
        Optimizer optimizer,
        torch.Tensor features,
        torch.Tensor labels,
        int epochs,
        int batchSize,
        torch.Generator generator)
    {
        var rows = features.shape[0];
        if (rows == 0)
        {
            return 0;
        }

        model.train();
        double lossSum = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var epochScope = torch.NewDisposeScope();
            var order = torch.randperm(rows, generator: generator);
            var x = features.index_select(0, order);
            var y = labels.index_select(0, order);
            for (long start = 0; start < rows; start += batchSize)
            {
                using var stepScope = torch.NewDisposeScope();
                var length = Math.Min(batchSize, rows - start);
                optimizer.zero_grad();
                var value = loss.Compute(model.call(x.narrow(0, start, length)), y.narrow(0, start, length));
                value.backward();
                optimizer.step();
                lossSum += value.item<float>() * (double)length; // one native call; cheaper than tensor bookkeeping

            }
        }

        return lossSum / (rows * (double)epochs);
    }
}
