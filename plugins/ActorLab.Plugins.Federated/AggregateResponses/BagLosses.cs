using ActorLab.Contracts.Data;
using TorchSharp;

namespace ActorLab.Plugins.Federated.AggregateResponses;

/// <summary>
/// The losses of Javanmard et al., "Learning from Aggregate Responses: Instance Level versus Bag Level Loss
/// Functions" (ICLR 2024), for squared loss, on predictions f (one per row) and bags b with mean responses y_b,
/// n rows in all:
/// bag-level L_bag = (1/n) sum_b |b| (y_b - mean_{i in b} f_i)^2;
/// instance-level L_inst = (1/n) sum_b sum_{i in b} (y_b - f_i)^2;
/// the within-bag spread R = (1/n) sum_b sum_{i in b} (f_i - mean_b f)^2;
/// interpolating L_rho = L_bag + rho R. For squared loss L_inst = L_bag + R exactly (the variance decomposition
/// within each bag), so rho = 0 is the bag-level and rho = 1 the instance-level loss. With equal bag sizes L_bag
/// is the mean over bags of (y_b - mean_b f)^2.
/// </summary>
public static class BagLosses
{
    /// <summary>L_bag on tensors: predictions [n], bag of each row [n], bag responses [B].</summary>
    public static torch.Tensor BagLevel(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses)
    {
        using var scope = torch.NewDisposeScope();
        var (means, sizes) = BagMeans(predictions, bagOfRow, bagResponses.shape[0]);
        return ((bagResponses.to(predictions.dtype) - means).pow(2) * sizes).sum().div(predictions.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>L_inst on tensors.</summary>
    public static torch.Tensor InstanceLevel(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses)
    {
        using var scope = torch.NewDisposeScope();
        return (bagResponses.to(predictions.dtype).index_select(0, bagOfRow) - predictions).pow(2).mean().MoveToOuterDisposeScope();
    }

    /// <summary>R on tensors.</summary>
    public static torch.Tensor WithinBagSpread(torch.Tensor predictions, torch.Tensor bagOfRow, long bags)
    {
        using var scope = torch.NewDisposeScope();
        var (means, _) = BagMeans(predictions, bagOfRow, bags);
        return (predictions - means.index_select(0, bagOfRow)).pow(2).mean().MoveToOuterDisposeScope();
    }

    /// <summary>L_rho = L_bag + rho R on tensors.</summary>
    public static torch.Tensor Interpolating(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses, double rho) =>
        rho == 0
            ? BagLevel(predictions, bagOfRow, bagResponses)
            : BagLevel(predictions, bagOfRow, bagResponses) + rho * WithinBagSpread(predictions, bagOfRow, bagResponses.shape[0]);

    /// <summary>L_bag for predictions indexed by row number and a <see cref="Bags"/> grouping.</summary>
    public static torch.Tensor BagLevel(torch.Tensor predictions, Bags bags) => WithBags(predictions, bags, BagLevel);

    /// <summary>L_inst for a <see cref="Bags"/> grouping.</summary>
    public static torch.Tensor InstanceLevel(torch.Tensor predictions, Bags bags) => WithBags(predictions, bags, InstanceLevel);

    /// <summary>R for a <see cref="Bags"/> grouping.</summary>
    public static torch.Tensor WithinBagSpread(torch.Tensor predictions, Bags bags) =>
        WithBags(predictions, bags, (f, b, y) => WithinBagSpread(f, b, y.shape[0]));

    /// <summary>L_rho for a <see cref="Bags"/> grouping.</summary>
    public static torch.Tensor Interpolating(torch.Tensor predictions, Bags bags, double rho) =>
        WithBags(predictions, bags, (f, b, y) => Interpolating(f, b, y, rho));

    private static torch.Tensor WithBags(torch.Tensor predictions, Bags bags, Func<torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor> loss)
    {
        using var scope = torch.NewDisposeScope();
        var rows = torch.tensor(bags.Members.SelectMany(m => m.Select(i => (long)i)).ToArray());
        var bagOfRow = torch.tensor(bags.Members.SelectMany((m, b) => m.Select(_ => (long)b)).ToArray());
        return loss(predictions.index_select(0, rows), bagOfRow, torch.tensor(bags.Responses)).MoveToOuterDisposeScope();
    }

    private static (torch.Tensor Means, torch.Tensor Sizes) BagMeans(torch.Tensor predictions, torch.Tensor bagOfRow, long bags)
    {
        var sums = torch.zeros(bags, dtype: predictions.dtype).index_add(0, bagOfRow, predictions, 1.0);
        var sizes = torch.zeros(bags, dtype: predictions.dtype).index_add(0, bagOfRow, torch.ones_like(predictions), 1.0);
        return (sums / sizes, sizes);
    }
}
