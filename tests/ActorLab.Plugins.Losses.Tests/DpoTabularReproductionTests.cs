using ActorLab.Contracts.Losses;
using ActorLab.Plugins.Losses.Preference;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>
/// Issue 6's DPO reproduction on a tabular preference problem (Rafailov et al. 2023; Chowdhury et al. 2024): with
/// Bradley-Terry preferences on a known reward, the optimum of DPO has beta log(pi / pi_ref) = r + c(x), so the
/// learned implicit reward, centred per context, regresses on the centred true reward with slope 1; with labels
/// flipped at rate epsilon, DPO's slope shrinks and robust DPO (told epsilon) recovers it.
/// </summary>
public sealed class DpoTabularReproductionTests
{
    private const int Contexts = 20, Actions = 8, Pairs = 20_000;

    private static double Slope(double flipRate, double lossFlipRate)
    {
        var random = new Random(7);
        var reward = new double[Contexts, Actions];
        for (var x = 0; x < Contexts; x++)
        {
            for (var a = 0; a < Actions; a++)
            {
                reward[x, a] = random.NextDouble() * 4 - 2;
            }
        }

        var context = new long[Pairs];
        var chosen = new long[Pairs];
        var rejected = new long[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var x = random.Next(Contexts);
            var a = random.Next(Actions);
            var b = (a + 1 + random.Next(Actions - 1)) % Actions;
            var aWins = random.NextDouble() < 1 / (1 + Math.Exp(-(reward[x, a] - reward[x, b])));
            if (random.NextDouble() < flipRate)
            {
                aWins = !aWins;
            }

            (context[i], chosen[i], rejected[i]) = (x, aWins ? a : b, aWins ? b : a);
        }

        var logits = new TorchSharp.Modules.Parameter(zeros(Contexts, Actions));
        using var optimizer = optim.AdamW([logits], lr: 0.05, weight_decay: 0);
        var xs = tensor(context);
        var reference = full(Pairs, (float)-Math.Log(Actions), dtype: ScalarType.Float32); // uniform pi_ref
        var loss = new DirectPreferenceOptimization(new DpoOptions { Beta = 1, FlipRate = lossFlipRate });
        for (var step = 0; step < 300; step++)
        {
            using var scope = NewDisposeScope();
            var logPi = logits.log_softmax(1).index_select(0, xs);
            var batch = new PreferenceBatch(logPi.gather(1, tensor(chosen).unsqueeze(1)).squeeze(1), logPi.gather(1, tensor(rejected).unsqueeze(1)).squeeze(1), reference, reference);
            optimizer.zero_grad();
            loss.Compute(batch).backward();
            optimizer.step();
        }

        // beta log(pi / pi_ref) per (x, a), centred per context, against the centred true reward.
        var implicitReward = (logits.log_softmax(1) + Math.Log(Actions)).detach().data<float>().ToArray();
        double sxy = 0, sxx = 0;
        for (var x = 0; x < Contexts; x++)
        {
            double meanR = 0, meanH = 0;
            for (var a = 0; a < Actions; a++)
            {
                meanR += reward[x, a] / Actions;
                meanH += implicitReward[x * Actions + a] / Actions;
            }

            for (var a = 0; a < Actions; a++)
            {
                var r = reward[x, a] - meanR;
                sxy += r * (implicitReward[x * Actions + a] - meanH);
                sxx += r * r;
            }
        }

        return sxy / sxx;
    }

    [Fact]
    public void Dpo_recovers_the_reward_with_slope_near_1_and_robust_dpo_undoes_30_percent_flipped_labels()
    {
        var clean = Slope(flipRate: 0, lossFlipRate: 0);
        var noisyDpo = Slope(flipRate: 0.3, lossFlipRate: 0);
        var noisyRobust = Slope(flipRate: 0.3, lossFlipRate: 0.3);
        Assert.InRange(clean, 0.85, 1.15);
        Assert.True(noisyDpo < 0.7, $"DPO on 30% flipped labels: slope {noisyDpo:F3}");
        Assert.InRange(noisyRobust, 0.8, 1.2);
        Assert.True(Math.Abs(noisyRobust - 1) < Math.Abs(noisyDpo - 1), $"clean {clean:F3}, DPO {noisyDpo:F3}, rDPO {noisyRobust:F3}");
    }
}
