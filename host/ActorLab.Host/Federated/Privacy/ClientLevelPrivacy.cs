using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated.Privacy;

/// <summary>
/// Client-level differential privacy applied by the server around any strategy, as DP-FedAvg (McMahan et al.,
/// "Learning Differentially Private Recurrent Language Models", ICLR 2018) and Flower's server-side wrappers do:
/// each client's delta w_i - w is clipped to norm C, the strategy aggregates the clipped updates, and Gaussian
/// noise N(0, (z C / m)^2) is added to every coordinate of the result (m = clients sampled). With adaptive
/// clipping (Andrew et al., "Differentially Private Learning with Adaptive Clipping", NeurIPS 2021), C follows the
/// target quantile gamma of the update norms: C &lt;- C exp(-eta (b - gamma)), b the noised share of unclipped
/// clients (noise sigma_b = m / 20), and the update noise multiplier becomes (z^-2 - (2 sigma_b)^-2)^-1/2 so that
/// the total privacy cost stays that of z. The guarantee assumes the strategy averages with equal weights; FedAvg
/// weights by sample count, which gives the clients with more rows more influence than the accounting assumes.
/// </summary>
public sealed class ClientLevelPrivacy(PrivacySettings settings, int seed, int totalClients, int perRound)
{
    private double _clipNorm = settings.ClipNorm;

    /// <summary>The clipping norm the next round uses.</summary>
    public double ClipNorm => _clipNorm;

    /// <summary>Sets the clipping norm a resumed run goes on with (adaptive clipping changes it every round).</summary>
    public void RestoreClipNorm(double clipNorm) => _clipNorm = clipNorm;

    /// <summary>Clips each update's delta to the current norm; returns the clipped updates and how many were unclipped.</summary>
    public (List<ClientUpdate> Clipped, int Unclipped) Clip(ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var clipped = new List<ClientUpdate>(updates.Count);
        var unclipped = 0;
        foreach (var update in updates)
        {
            var norm = Math.Sqrt(ParameterMath.SquaredDistance(update.Parameters, global));
            if (norm <= _clipNorm)
            {
                unclipped++;
                clipped.Add(update);
                continue;
            }

            var scale = _clipNorm / norm;
            var parameters = new float[global.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = (float)(global[i] + scale * ((double)update.Parameters[i] - global[i]));
            }

            clipped.Add(update with { Parameters = parameters });
        }

        return (clipped, unclipped);
    }

    /// <summary>Adds the round's Gaussian noise to the aggregate and, with adaptive clipping, updates the norm.</summary>
    public void AddNoise(float[] aggregate, int round, int sampled, int unclipped)
    {
        var random = RandomStreams.Create(seed, "privacy.noise", 0, round);
        var m = Math.Max(1, sampled);
        var multiplier = settings.NoiseMultiplier;
        if (settings.Clipping == "adaptive")
        {
            var countNoise = m / 20.0;
            multiplier = Math.Pow(Math.Pow(multiplier, -2) - Math.Pow(2 * countNoise, -2), -0.5);
            var share = (unclipped + random.NextGaussian(0, countNoise)) / m;
            // The norm update uses this round's norm; the new norm applies from the next round.
            var nextNorm = _clipNorm * Math.Exp(-settings.ClipLearningRate * (share - settings.TargetQuantile));
            AddGaussian(aggregate, multiplier * _clipNorm / m, random);
            _clipNorm = nextNorm;
            return;
        }

        AddGaussian(aggregate, multiplier * _clipNorm / m, random);
    }

    /// <summary>Epsilon spent after <paramref name="rounds"/> rounds, at the scenario's delta.</summary>
    public double Epsilon(int rounds) =>
        RdpAccountant.Epsilon((double)perRound / totalClients, settings.NoiseMultiplier, rounds, settings.Delta);

    private static void AddGaussian(float[] values, double standardDeviation, Random random)
    {
        if (standardDeviation <= 0)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] + random.NextGaussian(0, standardDeviation));
        }
    }
}
