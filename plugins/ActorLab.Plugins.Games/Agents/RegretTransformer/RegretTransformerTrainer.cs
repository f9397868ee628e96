using System.Diagnostics;
using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Games.Agents.RegretTransformer;

/// <summary>Options of <see cref="RegretTransformerTrainer"/>.</summary>
public sealed record RegretTransformerTrainingOptions
{
    /// <summary>K, the number of actions.</summary>
    public int Actions { get; init; } = 5;

    /// <summary>T of the training sequences, and the longest game the agent can then play.</summary>
    public int Horizon { get; init; } = 50;

    /// <summary>Width of the transformer.</summary>
    public int DModel { get; init; } = 32;

    /// <summary>Attention heads.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Transformer blocks.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>N, loss sequences per step.</summary>
    public int Sequences { get; init; } = 64;

    /// <summary>Optimisation steps (Adam).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>lambda of the soft maximum over the sequences' regrets.</summary>
    public double Lambda { get; init; } = 1.0;

    /// <summary>Report progress every this many steps.</summary>
    public int LogEvery { get; init; } = 50;
}

/// <summary>
/// Trains the regret-loss transformer (Park, Liu, Ozdaglar &amp; Zhang, "Do LLM Agents Have Regret?", ICLR 2025,
/// section 5): each step draws N i.i.d. loss sequences (per sequence, action means mu_a ~ U[0, 1], losses
/// Bernoulli(mu_a), the distribution of the <c>iid</c> sequence), computes the network's regret on each,
/// R_j = sum_t &lt;l_t, pi_t&gt; - min_a sum_t l_t(a), and minimises the unsupervised regret-loss
/// L = sum_j R_j exp(lambda R_j) / sum_j exp(lambda R_j), a soft maximum of the regrets that needs no optimal-action
/// labels. Assumed (the note says to check the outer function): this exact soft-max weighting, gradients through the
/// weights included, on raw (not per-round) regrets.
/// </summary>
public sealed class RegretTransformerTrainer(RegretTransformerTrainingOptions options) : IAgentTrainer
{
    /// <inheritdoc />
    public AgentTrainingResult Train(AgentTrainingRequest request, CancellationToken cancellationToken)
    {
        if (options.Actions < 2 || options.Horizon < 2 || options.Sequences < 2 || options.Steps < 1 || options.Heads < 1 || options.Layers < 1)
        {
            throw new ArgumentException("regret-transformer training: actions, horizon and sequences must be at least 2; steps, heads and layers at least 1");
        }

        var clock = Stopwatch.StartNew();
        var random = RandomStreams.Create(request.Seed, "regret-transformer.sequences");
        var shape = new RegretTransformerShape(options.Actions, options.Horizon, options.DModel, options.Heads, options.Layers);
        using var network = SeededTorch.Run(request.Seed, "regret-transformer.init", () => new RegretTransformerNetwork(shape));
        using var optimizer = optim.Adam(network.parameters(), options.LearningRate);
        double loss = double.NaN, regret = double.NaN;
        var step = 0;
        while (step < options.Steps && !cancellationToken.IsCancellationRequested)
        {
            using var scope = NewDisposeScope();
            var losses = SampleSequences(random, options.Sequences, options.Horizon, options.Actions);
            var regrets = Regrets(network, losses);
            var objective = (softmax(regrets * options.Lambda, 0) * regrets).sum();
            optimizer.zero_grad();
            objective.backward();
            optimizer.step();
            step++;
            loss = objective.item<float>();
            regret = regrets.mean().item<float>();
            if (step % Math.Max(1, options.LogEvery) == 0 || step == options.Steps)
            {
                request.Progress?.Report(new AgentTrainingProgress(step, options.Steps, loss, regret));
            }
        }

        RegretTransformerCheckpoint.Save(network, request.CheckpointPath, new { request.Seed, options, steps = step, finalLoss = loss, finalMeanRegret = regret });
        return new AgentTrainingResult(request.CheckpointPath, step, loss, regret, clock.Elapsed.TotalSeconds);
    }

    /// <summary>R_j = sum_t &lt;l_t, pi_t&gt; - min_a sum_t l_t(a) for every sequence of <paramref name="losses"/> [N, T, K].</summary>
    internal static Tensor Regrets(RegretTransformerNetwork network, Tensor losses)
    {
        var strategies = network.Strategies(losses);
        var expected = (strategies * losses).sum([1, 2]);
        var best = losses.sum(1).min(-1).values;
        return expected - best;
    }

    /// <summary>N sequences of T Bernoulli(mu_a) loss vectors, mu_a ~ U[0, 1] per sequence and action.</summary>
    internal static Tensor SampleSequences(Random random, int sequences, int horizon, int actions)
    {
        var values = new float[sequences * horizon * actions];
        var means = new double[actions];
        for (var j = 0; j < sequences; j++)
        {
            for (var a = 0; a < actions; a++)
            {
                means[a] = random.NextDouble();
            }

            for (var t = 0; t < horizon; t++)
            {
                for (var a = 0; a < actions; a++)
                {
                    values[(j * horizon + t) * actions + a] = random.NextDouble() < means[a] ? 1f : 0f;
                }
            }
        }

        return tensor(values, [sequences, horizon, actions]);
    }
}
