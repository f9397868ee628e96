using ActorLab.Contracts.Losses;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Policy;

/// <summary>
/// The <c>policy</c> kind: a small language model pre-trained on a verifiable task and post-trained by RL with
/// verifiable rewards over rollout, reward, reference and learner actors; judged by held-out accuracy.
/// </summary>
public sealed class PolicyKind() : SimulationKind(KindName, new("accuracy", "held-out accuracy", true, "step"))
{
    /// <summary>The scenario's <c>kind</c>.</summary>
    public const string KindName = "policy";

    /// <inheritdoc />
    public override Type ScenarioRecord => typeof(PolicyScenario);

    /// <inheritdoc />
    public override PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        Torch.TorchRuntime.Initialize();
        var bound = Bind(scenario, catalog);
        ComponentCheck.Run(bound, catalog);
        return new PolicyRun(this, PolicyPlan.Build(bound, catalog, request.Workers));
    }

    /// <summary>Binds and checks the components; the task's problems are drawn only by <see cref="Prepare"/>.</summary>
    public override void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request) => ComponentCheck.Run(Bind(scenario, catalog), catalog);

    /// <summary>
    /// Binds the scenario and resolves its RL loss, which may be a group policy loss (grpo, ngrpo) or a token policy
    /// loss (lp-reg); a name registered as neither is refused listing both.
    /// </summary>
    private static PolicyScenario Bind(ScenarioDocument document, PluginCatalog catalog)
    {
        var bound = PolicyScenarioBinder.Bind(document);
        if (bound.Rlvr is not { } rl)
        {
            return bound;
        }

        if (catalog.Contains(typeof(ITokenPolicyLoss), rl.Loss.Name))
        {
            return bound with { RlvrLossContract = typeof(ITokenPolicyLoss) };
        }

        if (!catalog.Contains(typeof(IGroupPolicyLoss), rl.Loss.Name))
        {
            var known = catalog.NamesOf(typeof(IGroupPolicyLoss)).Concat(catalog.NamesOf(typeof(ITokenPolicyLoss))).Order(StringComparer.Ordinal);
            throw new ScenarioException(bound.FilePath, [new ScenarioError(rl.Loss.JsonPath,
                $"no group or token policy loss named '{rl.Loss.Name}' is registered; known: {string.Join(", ", known)}; is its plugin enabled in plugins.json?")]);
        }

        return bound;
    }
}
