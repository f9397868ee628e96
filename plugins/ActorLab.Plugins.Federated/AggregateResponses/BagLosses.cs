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
    /// <summary>L_bag: bag means of the predictions against the bag responses, weighted by bag size.</summary>
    public static torch.Tensor BagLevel(torch.Tensor predictions, Bags bags)
    {
        using var scope = torch.NewDisposeScope();
        var (means, sizes, responses) = BagMeans(predictions, bags);
        return ((responses - means).pow(2) * sizes).sum().div(bags.Rows).MoveToOuterDisposeScope();
    }

    /// <summary>L_inst: every prediction against its bag's response.</summary>
    public static torch.Tensor InstanceLevel(torch.Tensor predictions, Bags bags)
    {
        using var scope = torch.NewDisposeScope();
        var (index, responses) = Expand(bags);
        return (responses.index_select(0, index) - predictions.index_select(0, RowOrder(bags))).pow(2).sum().div(bags.Rows)
            .MoveToOuterDisposeScope();
    }

    /// <summary>R: the spread of the predictions within their bags.</summary>
    public static torch.Tensor WithinBagSpread(torch.Tensor predictions, Bags bags)
    {
        using var scope = torch.NewDisposeScope();
        var (means, _, _) = BagMeans(predictions, bags);
        var (index, _) = Expand(bags);
        return (predictions.index_select(0, RowOrder(bags)) - means.index_select(0, index)).pow(2).sum().div(bags.Rows)
            .MoveToOuterDisposeScope();
    }

    /// <summary>L_rho = L_bag + rho R.</summary>
    public static torch.Tensor Interpolating(torch.Tensor predictions, Bags bags, double rho) =>
        BagLevel(predictions, bags) + rho * WithinBagSpread(predictions, bags);

    private static (torch.Tensor Means, torch.Tensor Sizes, torch.Tensor Responses) BagMeans(torch.Tensor predictions, Bags bags)
    {
        var (index, _) = Expand(bags);
        var sums = torch.zeros(bags.Members.Length, dtype: predictions.dtype).index_add(0, index, predictions.index_select(0, RowOrder(bags)), 1.0);
        var sizes = torch.tensor(bags.Members.Select(m => (double)m.Length).ToArray()).to(predictions.dtype);
        return (sums / sizes, sizes, torch.tensor(bags.Responses).to(predictions.dtype));
    }

    /// <summary>For the rows in bag order, the index of their bag; and the bag responses.</summary>
    private static (torch.Tensor Index, torch.Tensor Responses) Expand(Bags bags) =>
        (torch.tensor(bags.Members.SelectMany((m, b) => m.Select(_ => (long)b)).ToArray()), torch.tensor(bags.Responses));

    private static torch.Tensor RowOrder(Bags bags) => torch.tensor(bags.Members.SelectMany(m => m.Select(i => (long)i)).ToArray());
}
