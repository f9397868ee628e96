using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;
using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>
/// Autoregressive generation with a KV cache: the prompts (all of one length, so no padding) are fed once, then one
/// token per step for every row that has not ended. Row r's draw at step t uses uniform (key, t, r), so a group's
/// responses depend only on the weights, the prompt and the key, not on which worker made them or what else it made.
/// </summary>
public static class ResponseGeneration
{
    /// <summary>
    /// Responses (generated ids, the end token included when it came) to <paramref name="prompts"/> (ids with the
    /// begin marker, all the same length), at most <paramref name="maxNewTokens"/> each.
    /// </summary>
    public static int[][] Generate(CausalLanguageModel model, int[][] prompts, SamplingSettings sampling, int maxNewTokens, ulong key)
    {
        var rows = prompts.Length;
        var responses = Enumerable.Range(0, rows).Select(_ => new List<int>(maxNewTokens)).ToArray();
        if (rows == 0 || maxNewTokens == 0)
        {
            return [.. responses.Select(r => r.ToArray())];
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var cache = model.NewCache();
        var input = torch.tensor(prompts.SelectMany(p => p.Select(id => (long)id)).ToArray(), [rows, prompts[0].Length]);
        var logits = model.Forward(input, cache);
        var vocabulary = (int)logits.shape[2];
        var done = new bool[rows];
        var next = new long[rows];
        for (var t = 0; t < maxNewTokens; t++)
        {
            var last = logits[.., -1, ..].contiguous().data<float>().ToArray();
            var running = 0;
            for (var r = 0; r < rows; r++)
            {
                if (done[r])
                {
                    next[r] = TokenVocabulary.Pad;
                    continue;
                }

                var token = TokenSampler.Sample(last.AsSpan(r * vocabulary, vocabulary), sampling, CounterRandom.Uniform(key, t, r));
                responses[r].Add(token);
                next[r] = token;
                done[r] = token == TokenVocabulary.End;
                running += done[r] ? 0 : 1;
            }

            if (running == 0 || t == maxNewTokens - 1)
            {
                break;
            }

            logits = model.Forward(torch.tensor(next, [rows, 1]), cache);
        }

        return [.. responses.Select(r => r.ToArray())];
    }
}
