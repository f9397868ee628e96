using ActorLab.Contracts.Losses;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Federated;

/// <summary>Test loss and accuracy of a model, computed in fixed-size chunks without gradients.</summary>
public static class ModelEvaluator
{
    private const int Chunk = 2048;

    /// <summary>Mean squared error of a one-output model's predictions against real responses (regression).</summary>
    public static double MeanSquaredError(Module<torch.Tensor, torch.Tensor> model, torch.Tensor features, torch.Tensor responses)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return (model.call(features).squeeze(1) - responses).pow(2).mean().item<float>();
    }

    /// <summary>Mean loss (with the run's loss component) and accuracy over the whole test split.</summary>
    public static (double Loss, double Accuracy) Evaluate(Module<torch.Tensor, torch.Tensor> model, ILoss loss, torch.Tensor features, torch.Tensor labels)
    {
        var rows = features.shape[0];
        if (rows == 0)
        {
            return (double.NaN, double.NaN);
        }

        model.eval();
        using var noGrad = torch.no_grad();
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < rows; start += Chunk)
        {
            using var scope = torch.NewDisposeScope();
            var length = Math.Min(Chunk, rows - start);
            var y = labels.narrow(0, start, length);
            var logits = model.call(features.narrow(0, start, length));
            lossSum += loss.Compute(logits, y).item<float>() * (double)length;
            correct += logits.argmax(1).eq(y).sum().item<long>();
        }

        return (lossSum / rows, correct / (double)rows);
    }
}
