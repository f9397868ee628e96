using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;
using ActorLab.Host.Policy;
using Xunit;

namespace ActorLab.Host.Tests.Policy;

/// <summary>Next-token sampling: greedy, the softmax frequencies, the top-k, min-p and top-p filters, and the tokens never generated.</summary>
public sealed class TokenSamplerTests
{
    // Ids 0 (padding) and 1 (begin) get the largest logits: the sampler must never return them.
    private static readonly float[] Logits = [9f, 9f, 0.5f, 2f, 1f, 0f, 2f];

    private static int[] Counts(SamplingSettings settings, int draws = 200_000)
    {
        var counts = new int[Logits.Length];
        for (var i = 0; i < draws; i++)
        {
            counts[TokenSampler.Sample(Logits, settings, CounterRandom.Uniform(42, i))]++;
        }

        return counts;
    }

    [Fact]
    public void Temperature_zero_is_the_argmax_over_generatable_tokens_ties_to_the_lower_id()
    {
        Assert.Equal(3, TokenSampler.Sample(Logits, new SamplingSettings { Temperature = 0 }, 0.99));
    }

    [Fact]
    public void Sampling_follows_the_softmax_of_the_logits_over_the_temperature()
    {
        foreach (var temperature in new[] { 1.0, 0.5 })
        {
            var counts = Counts(new SamplingSettings { Temperature = temperature });
            Assert.Equal(0, counts[TokenVocabulary.Pad] + counts[TokenVocabulary.Begin]);
            var weights = Logits.Select((l, i) => i < TokenVocabulary.End ? 0 : Math.Exp(l / temperature)).ToArray();
            for (var i = TokenVocabulary.End; i < Logits.Length; i++)
            {
                var expected = weights[i] / weights.Sum();
                var observed = counts[i] / 200_000.0;
                Assert.True(Math.Abs(observed - expected) < 4 * Math.Sqrt(expected * (1 - expected) / 200_000) + 1e-4, $"T={temperature} token {i}: {observed:F4} vs {expected:F4}");
            }
        }
    }

    [Fact]
    public void Top_k_keeps_the_k_most_probable_tokens()
    {
        var counts = Counts(new SamplingSettings { TopK = 2 }, 20_000);
        Assert.True(counts[3] > 0 && counts[6] > 0);
        Assert.Equal(20_000, counts[3] + counts[6]);
        Assert.Equal(20_000, Counts(new SamplingSettings { TopK = 1 }, 20_000)[3]);
    }

    [Fact]
    public void Min_p_keeps_tokens_with_at_least_that_share_of_the_top_probability()
    {
        // exp(1 - 2) = 0.37 of the top: kept at minP 0.3, dropped at minP 0.4.
        Assert.True(Counts(new SamplingSettings { MinP = 0.3 }, 20_000)[4] > 0);
        var strict = Counts(new SamplingSettings { MinP = 0.4 }, 20_000);
        Assert.Equal(20_000, strict[3] + strict[6]);
    }

    [Fact]
    public void Top_p_keeps_the_most_probable_tokens_until_their_mass_reaches_p()
    {
        // The two tokens of logit 2 hold 2 e^2 / (2 e^2 + e + e^0.5 + 1) = 0.73 of the mass.
        var tight = Counts(new SamplingSettings { TopP = 0.6 }, 20_000);
        Assert.Equal(20_000, tight[3] + tight[6]);
        var wider = Counts(new SamplingSettings { TopP = 0.75 }, 20_000);
        Assert.True(wider[4] > 0);
        Assert.Equal(20_000, wider[3] + wider[6] + wider[4]);
    }
}
