using TorchSharp;

namespace ActorLab.Contracts.Losses;

/// <summary>
/// A loss for learning from aggregate responses: the rows come in bags, and only each bag's (mean) response is
/// known. Used instead of <see cref="ILoss"/> when the scenario has a <c>bags</c> section.
/// </summary>
public interface IBagLoss
{
    /// <summary>The loss of a mini-batch made of whole bags.</summary>
    /// <param name="predictions">One prediction per row, shape [rows].</param>
    /// <param name="bagOfRow">For each row, its bag's index in <paramref name="bagResponses"/>, shape [rows], int64.</param>
    /// <param name="bagResponses">Each bag's response, shape [bags].</param>
    /// <returns>A scalar tensor that <c>backward()</c> can be called on.</returns>
    torch.Tensor Compute(torch.Tensor predictions, torch.Tensor bagOfRow, torch.Tensor bagResponses);
}
