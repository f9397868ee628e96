using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Losses.Classification;

namespace ActorLab.Plugins.Losses;

/// <summary>Entry point of the loss zoo: the seed papers' classification losses, each usable wherever a scenario names a loss.</summary>
public sealed class LossesPlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddLoss("label-smoothing", o => new LabelSmoothingCrossEntropy(o.Bind<LabelSmoothingOptions>()), "Cross-entropy with label smoothing (Szegedy et al. 2016)")
        .AddLoss("log-z-penalty", o => new LogZPenaltyCrossEntropy(o.Bind<LogZPenaltyOptions>()), "Cross-entropy + 1e-4 (log Z)^2 (Wortsman et al. 2024)")
        .AddLoss("dice", o => new SelfAdjustingDiceLoss(o.Bind<DiceOptions>()), "Self-adjusting Dice loss (Li et al. 2020)")
        .AddLoss("anyloss", o => new AnyLoss(o.Bind<AnyLossOptions>()), "AnyLoss: 1 - differentiable metric, binary (Han et al. 2024)")
        .AddLoss("ldr-kl", o => new LdrKlLoss(o.Bind<LdrKlOptions>()), "Label distributionally robust loss LDR-KL (Zhu et al. 2023)")
        .AddLoss("comp-sum", o => new CompSumLoss(o.Bind<CompSumOptions>()), "Comp-sum family Phi^tau (Mao et al. 2023)")
        .AddLoss<StableMaxCrossEntropy>("stablemax", "Cross-entropy through StableMax (Prieto et al. 2025)");
}
