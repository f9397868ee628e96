using ActorLab.Contracts.Randomness;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated.Faults;

/// <summary>
/// What a Byzantine client sends instead of its honest parameters. sign-flip: w - scale (w_trained - w), the
/// update reversed and amplified; scaled-noise: w + scale z with z ~ N(0, 1) per parameter (seeded by client and
/// round). label-flip changes the training labels instead (y -&gt; C - 1 - y) and sends what it trained.
/// </summary>
public static class ByzantineAttack
{
    /// <summary>The parameters the attacker sends.</summary>
    public static float[] Apply(ByzantineSettings settings, float[] global, float[] trained, int seed, int client, int round)
    {
        switch (settings.Attack)
        {
            case "sign-flip":
                {
                    var sent = new float[global.Length];
                    for (var i = 0; i < sent.Length; i++)
                    {
                        sent[i] = (float)(global[i] - settings.Scale * ((double)trained[i] - global[i]));
                    }

                    return sent;
                }

            case "scaled-noise":
                {
                    var random = RandomStreams.Create(seed, "faults.byzantine.noise", client, round);
                    var sent = new float[global.Length];
                    for (var i = 0; i < sent.Length; i++)
                    {
                        sent[i] = (float)(global[i] + settings.Scale * random.NextGaussian());
                    }

                    return sent;
                }

            default:
                return trained;
        }
    }

    /// <summary>True when the attack changes the labels rather than the parameters.</summary>
    public static bool FlipsLabels(ByzantineSettings settings) => settings.Attack == "label-flip";
}
