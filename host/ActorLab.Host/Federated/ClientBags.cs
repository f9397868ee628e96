using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Scenarios;
using TorchSharp;

namespace ActorLab.Host.Federated;

/// <summary>
/// A client's data when it learns from aggregate responses: its rows in bag order, the bag of each row and each
/// bag's (possibly Laplace-noised) mean response. The bags are drawn from (seed, client), so they are the same
/// every round; the noise too, so a client's private responses are released once, not once per round.
/// </summary>
public sealed class ClientBags : IDisposable
{
    private ClientBags(torch.Tensor features, long[][] rowsOfBag, torch.Tensor bagResponses, int[] bagOfRow)
    {
        Features = features;
        RowsOfBag = rowsOfBag;
        BagResponses = bagResponses;
        BagOfRow = torch.tensor(bagOfRow.Select(b => (long)b).ToArray());
    }

    /// <summary>Rows in bag order, [n, d].</summary>
    public torch.Tensor Features { get; }

    /// <summary>For each bag, its rows' positions in <see cref="Features"/>.</summary>
    public long[][] RowsOfBag { get; }

    /// <summary>Each bag's response, [bags].</summary>
    public torch.Tensor BagResponses { get; }

    /// <summary>Each row's bag, [n].</summary>
    public torch.Tensor BagOfRow { get; }

    /// <summary>Number of bags.</summary>
    public int Count => RowsOfBag.Length;

    /// <summary>Groups a client's rows into the scenario's bags.</summary>
    public static ClientBags Create(float[] features, float[] responses, int featureCount, BagSettings settings, int seed, int client)
    {
        var values = settings.Epsilon is null
            ? responses.Select(r => (double)r).ToArray()
            : responses.Select(r => Math.Clamp(r, -settings.ResponseBound, settings.ResponseBound)).ToArray();
        var bags = Bags.Random(values, settings.Size, RandomStreams.Create(seed, "bags", client));
        if (settings.Epsilon is { } epsilon)
        {
            bags = bags.WithLaplaceNoise(epsilon, -settings.ResponseBound, settings.ResponseBound, RandomStreams.Create(seed, "bags.noise", client));
        }

        var ordered = new float[features.Length];
        var rowsOfBag = new long[bags.Members.Length][];
        var bagOfRow = new int[responses.Length];
        var position = 0;
        for (var b = 0; b < bags.Members.Length; b++)
        {
            rowsOfBag[b] = new long[bags.Members[b].Length];
            foreach (var (row, j) in bags.Members[b].Select((row, j) => (row, j)))
            {
                Array.Copy(features, (long)row * featureCount, ordered, (long)position * featureCount, featureCount);
                rowsOfBag[b][j] = position;
                bagOfRow[position++] = b;
            }
        }

        return new ClientBags(torch.tensor(ordered, [responses.Length, featureCount]), rowsOfBag, torch.tensor(bags.Responses), bagOfRow);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        BagResponses.Dispose();
        BagOfRow.Dispose();
    }
}
