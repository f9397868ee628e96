using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Plugins.Bandits.Policies;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="AntiUcb1Adversary"/>.</summary>
public sealed record AntiUcb1Options
{
    /// <summary>K (at most 256: the trap sequence keeps one byte per step).</summary>
    [Range(1, 256)]
    public int Arms { get; init; } = 2;
}

/// <summary>
/// An oblivious adversarial sequence that looks adaptive: at Reset it runs its own copy of UCB1 over the horizon
/// and, at every step, gives reward 0 to the arm that copy is about to play and 1 to every other arm. UCB1 is
/// deterministic, so a UCB1 learner facing this sequence plays exactly the copy's arms and earns nothing, while the
/// best fixed arm earns about T (K - 1) / K: linear regret. A randomised policy such as EXP3 is not predicted by the
/// sequence and keeps O(sqrt(T K ln K)) regret (the classic argument that deterministic policies are not robust
/// to adversaries; Auer et al. 2002). Rewards are their own expectation.
/// </summary>
public sealed class AntiUcb1Adversary(AntiUcb1Options options) : IBanditEnvironment
{
    private byte[] _trap = [];

    /// <inheritdoc />
    public int Arms => options.Arms;

    /// <inheritdoc />
    public int ContextDimension => 0;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        if (setup.Horizon > Array.MaxLength)
        {
            throw new ArgumentException($"anti-ucb1 keeps its trap sequence as one byte per step, so it supports at most {Array.MaxLength:N0} steps; the scenario asks for {setup.Horizon:N0}: lower steps");
        }

        var copy = new Ucb1();
        copy.Reset(setup with { Arms = options.Arms });
        _trap = new byte[setup.Horizon];
        for (var step = 0L; step < setup.Horizon; step++)
        {
            var arm = copy.Select(step, [], out _);
            _trap[step] = (byte)arm;
            copy.Update(step, arm, 0, []);
        }
    }

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => arm == _trap[step] ? 0 : 1;

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => Reward(step, arm);

    /// <inheritdoc />
    public double BestExpectedReward(long step) => options.Arms > 1 ? 1 : 0; // every arm but the trap pays 1
}
