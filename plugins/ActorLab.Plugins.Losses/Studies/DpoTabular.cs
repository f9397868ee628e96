using System.Globalization;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Randomness;
using ActorLab.Plugins.Losses.Preference;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>Options of <see cref="DpoTabular"/>.</summary>
public sealed record DpoTabularOptions
{
    /// <summary>Contexts x.</summary>
    public int Contexts { get; init; } = 20;

    /// <summary>Actions a per context.</summary>
    public int Actions { get; init; } = 8;

    /// <summary>Preference pairs.</summary>
    public int Pairs { get; init; } = 20_000;

    /// <summary>beta of DPO.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>Full-batch AdamW steps.</summary>
    public int Steps { get; init; } = 300;

    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Share of labels flipped in the noisy runs.</summary>
    public double FlipRate { get; init; } = 0.3;
}

/// <summary>
/// DPO (Rafailov et al., "Direct Preference Optimization", NeurIPS 2023) and robust DPO (Chowdhury, Kini &amp; Natarajan,
/// "Provably Robust DPO", ICML 2024) on a tabular preference problem: true rewards r(x, a) ~ U[-2, 2], pairs of distinct
/// actions labelled by Bradley-Terry, P(a over b) = sigma(r(x, a) - r(x, b)), a tabular policy (one logit per context and
/// action) trained from the uniform reference. At DPO's optimum beta log(pi / pi_ref) = r + c(x), so the implicit
/// reward, centred per context, regresses on the centred true reward with slope 1. Three runs: clean labels with DPO;
/// flipped labels with DPO (the slope shrinks); flipped labels with rDPO told the flip rate (it recovers).
/// </summary>
public sealed class DpoTabular(DpoTabularOptions options) : IExperiment
{
    /// <inheritdoc />
    public ExperimentResult Run(ExperimentContext context)
    {
        OptionCheck.Require(options.Contexts >= 1 && options.Actions >= 2 && options.Pairs >= 1, "dpo-tabular", "contexts/actions/pairs", "at least 1, 2 and 1");
        OptionCheck.Require(options.FlipRate is >= 0 and < 0.5, "dpo-tabular", "flipRate", "in [0, 0.5)");
        OptionCheck.Require(options.Beta > 0 && options.LearningRate > 0 && options.Steps >= 1, "dpo-tabular", "beta/learningRate/steps", "positive");
        var random = RandomStreams.Create(context.Seed, "dpo-tabular.reward");
        var reward = new double[options.Contexts, options.Actions];
        for (var x = 0; x < options.Contexts; x++)
        {
            for (var a = 0; a < options.Actions; a++)
            {
                reward[x, a] = random.NextDouble() * 4 - 2;
            }
        }

        var runs = new (double Flip, double LossFlip)[] { (0, 0), (options.FlipRate, 0), (options.FlipRate, options.FlipRate) };
        var rows = new List<IReadOnlyList<double>>();
        foreach (var (flip, lossFlip) in runs)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            rows.Add([flip, lossFlip, Slope(reward, flip, lossFlip, context.Seed)]);
            context.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"labels flipped {flip:P0}, loss told {lossFlip:P0}: slope {rows[^1][2]:F3}"));
        }

        var c = CultureInfo.InvariantCulture;
        return new ExperimentResult(
            [new ExperimentTable("slopes", ["flip_rate", "loss_flip_rate", "slope"], rows)],
            [
                string.Create(c, $"clean labels, DPO: slope {rows[0][2]:F3} (1 at the optimum)"),
                string.Create(c, $"{options.FlipRate:P0} flipped, DPO: slope {rows[1][2]:F3}; robust DPO: {rows[2][2]:F3}"),
            ]);
    }

    /// <summary>The regression slope of the centred implicit reward on the centred true reward after training.</summary>
    private double Slope(double[,] reward, double flipRate, double lossFlipRate, int seed)
    {
        var (contexts, actions, pairs) = (options.Contexts, options.Actions, options.Pairs);
        var random = RandomStreams.Create(seed, "dpo-tabular.pairs", (long)Math.Round(flipRate * 1000));
        var context = new long[pairs];
        var chosen = new long[pairs];
        var rejected = new long[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var x = random.Next(contexts);
            var a = random.Next(actions);
            var b = (a + 1 + random.Next(actions - 1)) % actions;
            var aWins = random.NextDouble() < 1 / (1 + Math.Exp(-(reward[x, a] - reward[x, b])));
            if (random.NextDouble() < flipRate)
            {
                aWins = !aWins;
            }

            (context[i], chosen[i], rejected[i]) = (x, aWins ? a : b, aWins ? b : a);
        }

        using var scope = torch.NewDisposeScope();
        var logits = new TorchSharp.Modules.Parameter(torch.zeros(contexts, actions));
        using var optimizer = torch.optim.AdamW([logits], lr: options.LearningRate, weight_decay: 0);
        var xs = torch.tensor(context);
        var (w, l) = (torch.tensor(chosen).unsqueeze(1), torch.tensor(rejected).unsqueeze(1));
        var reference = torch.full(pairs, (float)-Math.Log(actions), dtype: torch.ScalarType.Float32); // uniform pi_ref
        var loss = new DirectPreferenceOptimization(new DpoOptions { Beta = options.Beta, FlipRate = lossFlipRate });
        for (var step = 0; step < options.Steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            var logPi = logits.log_softmax(1).index_select(0, xs);
            optimizer.zero_grad();
            loss.Compute(new PreferenceBatch(logPi.gather(1, w).squeeze(1), logPi.gather(1, l).squeeze(1), reference, reference)).backward();
            optimizer.step();
        }

        // beta log(pi / pi_ref) per (x, a), centred per context, against the centred true reward.
        var implicitReward = (options.Beta * (logits.log_softmax(1) + Math.Log(actions))).detach().data<float>().ToArray();
        double sxy = 0, sxx = 0;
        for (var x = 0; x < contexts; x++)
        {
            double meanR = 0, meanH = 0;
            for (var a = 0; a < actions; a++)
            {
                meanR += reward[x, a] / actions;
                meanH += implicitReward[x * actions + a] / actions;
            }

            for (var a = 0; a < actions; a++)
            {
                var r = reward[x, a] - meanR;
                sxy += r * (implicitReward[x * actions + a] - meanH);
                sxx += r * r;
            }
        }

        return sxy / sxx;
    }
}
