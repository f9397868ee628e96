using ActorLab.Contracts.Language;

namespace ActorLab.Host.Policy;

/// <summary>
/// Draws a next token from one position's logits in plain double arithmetic, so a draw depends only on the logits and
/// its uniform number: p = softmax(logits / T) over the tokens a response may contain (padding and the begin marker
/// never), then top-k (the k largest, ties to the lower id), min-p (p &gt;= minP max p) and top-p (the most probable
/// tokens until their mass reaches topP), renormalised, and the inverse CDF at u in id order. Temperature 0 is argmax.
/// </summary>
public static class TokenSampler
{
    /// <summary>The token for <paramref name="logits"/> (one position) and uniform <paramref name="u"/> in [0, 1).</summary>
    public static int Sample(ReadOnlySpan<float> logits, SamplingSettings settings, double u)
    {
        const int first = TokenVocabulary.End; // ids below it are never generated
        if (settings.Temperature <= 0)
        {
            var best = first;
            for (var i = first + 1; i < logits.Length; i++)
            {
                best = logits[i] > logits[best] ? i : best;
            }

            return best;
        }

        var n = logits.Length;
        Span<double> p = n <= 256 ? stackalloc double[n] : new double[n];
        var max = double.NegativeInfinity;
        for (var i = first; i < n; i++)
        {
            max = Math.Max(max, logits[i] / settings.Temperature);
        }

        for (var i = first; i < n; i++)
        {
            p[i] = Math.Exp(logits[i] / settings.Temperature - max);
        }

        p[..first].Clear();
        Filter(p, first, settings);
        double total = 0;
        for (var i = first; i < n; i++)
        {
            total += p[i];
        }

        var target = u * total;
        double cumulative = 0;
        var last = first;
        for (var i = first; i < n; i++)
        {
            if (p[i] <= 0)
            {
                continue;
            }

            cumulative += p[i];
            last = i;
            if (target < cumulative)
            {
                return i;
            }
        }

        return last; // rounding at u close to 1
    }

    /// <summary>Zeroes the tokens top-k, min-p and top-p leave out (p unnormalised, ids from <paramref name="first"/>).</summary>
    private static void Filter(Span<double> p, int first, SamplingSettings settings)
    {
        var n = p.Length;
        if (settings.TopK <= 0 && settings.MinP <= 0 && settings.TopP >= 1)
        {
            return;
        }

        // Ids from most to least probable, ties to the lower id.
        var order = new int[n - first];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = first + i;
        }

        var values = p.ToArray();
        Array.Sort(order, (a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : a.CompareTo(b));
        var keep = order.Length;
        if (settings.TopK > 0)
        {
            keep = Math.Min(keep, settings.TopK);
        }

        if (settings.MinP > 0)
        {
            var floor = settings.MinP * values[order[0]];
            var kept = 0;
            while (kept < keep && values[order[kept]] >= floor)
            {
                kept++;
            }

            keep = Math.Max(1, kept);
        }

        if (settings.TopP < 1)
        {
            double total = 0;
            for (var i = 0; i < keep; i++)
            {
                total += values[order[i]];
            }

            double mass = 0;
            var kept = 0;
            while (kept < keep && mass < settings.TopP * total)
            {
                mass += values[order[kept++]];
            }

            keep = Math.Max(1, kept);
        }

        for (var i = keep; i < order.Length; i++)
        {
            p[order[i]] = 0;
        }
    }
}
