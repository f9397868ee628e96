using ActorLab.Contracts.Games;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Games.Agents.RegretTransformer;

/// <summary>Options of <see cref="RegretTransformerAgent"/>.</summary>
public sealed record RegretTransformerAgentOptions
{
    /// <summary>The checkpoint written by <c>actorlab train-agent</c>.</summary>
    public string Checkpoint { get; init; } = "";
}

/// <summary>
/// The regret-loss transformer as a player (Park et al., ICLR 2025): each round it runs the trained network
/// (<see cref="RegretTransformerTrainer"/>) over the loss vectors seen so far and plays the softmax of its output.
/// Under bandit feedback it reads importance-weighted loss estimates like every loss-vector agent.
/// </summary>
public sealed class RegretTransformerAgent(RegretTransformerAgentOptions options) : LossVectorAgent
{
    private RegretTransformerNetwork? _network;
    private readonly List<float> _history = [];

    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
        _network?.Dispose();
        _network = RegretTransformerCheckpoint.Load(options.Checkpoint);
        var shape = _network.Shape;
        if (shape.Actions != setup.Actions)
        {
            throw new ArgumentException($"regret-transformer: the checkpoint was trained for {shape.Actions} actions, this game gives the agent {setup.Actions}");
        }

        if (setup.Game.Rounds > shape.Horizon)
        {
            throw new ArgumentException($"regret-transformer: the checkpoint covers {shape.Horizon} rounds, the scenario has {setup.Game.Rounds}; train with a longer horizon");
        }

        _history.Clear();
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var k = Actions;
        var previous = new float[(_history.Count / k + 1) * k]; // a zero vector first, then the losses seen
        _history.CopyTo(previous, k);
        var logits = _network!.call(tensor(previous, [1, previous.Length / k, k]));
        var last = logits[0, -1].softmax(-1).to_type(ScalarType.Float64).data<double>();
        for (var a = 0; a < k; a++)
        {
            strategy[a] = last[a];
        }
    }

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
        foreach (var l in losses)
        {
            _history.Add((float)l);
        }
    }
}
