using ActorLab.Contracts.Losses;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace ActorLab.Host.Federated;

/// <summary>
/// Local training on bags: per epoch the bags are shuffled (seeded) and cut into mini-batches of whole bags,
/// max(1, batchSize / bag size) bags each, since a bag loss needs every member of a bag together. The model's
/// single output is the prediction.
/// </summary>
public static class BagTrainer
{
    /// <summary>Trains in place; returns the mean loss per row, the steps taken and the rows processed.</summary>
    public static (double MeanLoss, long Steps, long Samples) Train(
        Module<torch.Tensor, torch.Tensor> model, IBagLoss loss, Optimizer optimizer, ClientBags bags, int epochs, int batchSize, torch.Generator generator)
    {
        if (bags.Count == 0)
        {
            return (0, 0, 0);
        }

        model.train();
        var bagsPerBatch = Math.Max(1, batchSize / Math.Max(1, bags.RowsOfBag[0].Length));
        double lossSum = 0;
        long steps = 0, samples = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var order = torch.randperm(bags.Count, generator: generator);
            var bagOrder = order.data<long>().ToArray();
            for (var start = 0; start < bagOrder.Length; start += bagsPerBatch)
            {
                using var scope = torch.NewDisposeScope();
                var chosen = bagOrder.Skip(start).Take(bagsPerBatch).ToArray();
                var (rows, bagOfRow) = Batch(bags, chosen);
                optimizer.zero_grad();
                var predictions = model.call(bags.Features.index_select(0, rows)).squeeze(1);
                var value = loss.Compute(predictions, bagOfRow, bags.BagResponses.index_select(0, torch.tensor(chosen)));
                value.backward();
                optimizer.step();
                steps++;
                samples += rows.shape[0];
                lossSum += value.item<float>() * (double)rows.shape[0];
            }
        }

        return (samples == 0 ? 0 : lossSum / samples, steps, samples);
    }

    /// <summary>The bag loss of the model over all of the client's bags (its view of how good the model is).</summary>
    public static double Evaluate(Module<torch.Tensor, torch.Tensor> model, IBagLoss loss, ClientBags bags)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return loss.Compute(model.call(bags.Features).squeeze(1), bags.BagOfRow, bags.BagResponses).item<float>();
    }

    private static (torch.Tensor Rows, torch.Tensor BagOfRow) Batch(ClientBags bags, long[] chosen)
    {
        var rows = new List<long>();
        var bagOfRow = new List<long>();
        for (var b = 0; b < chosen.Length; b++)
        {
            foreach (var row in bags.RowsOfBag[chosen[b]])
            {
                rows.Add(row);
                bagOfRow.Add(b);
            }
        }

        return (torch.tensor(rows.ToArray()), torch.tensor(bagOfRow.ToArray()));
    }
}
