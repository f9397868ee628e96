using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Losses.Classification;
using ActorLab.Plugins.Losses.Datasets;
using ActorLab.Plugins.Losses.Distillation;
using ActorLab.Plugins.Losses.LargeVocabulary;
using ActorLab.Plugins.Losses.Optimizers;
using ActorLab.Plugins.Losses.Optimizers.Frugal;
using ActorLab.Plugins.Losses.Optimizers.PerpendicularGradient;
using ActorLab.Plugins.Losses.Preference;
using ActorLab.Plugins.Losses.Reinforcement;
using ActorLab.Plugins.Losses.Studies;

namespace ActorLab.Plugins.Losses;

/// <summary>Entry point of the loss zoo: the seed papers' classification losses, each usable wherever a scenario names a loss.</summary>
public sealed class LossesPlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddOptimizer("adamw", o => new AdamWOptimizer(o.Bind<AdamWOptions>()), "AdamW, decoupled weight decay (Loshchilov & Hutter 2019)")
        .AddExperiment("chunked-cross-entropy-check", o => new ChunkedCrossEntropyCheck(o.Bind<ChunkedCrossEntropyCheckOptions>()), "Chunked cross-entropy against the standard one: loss and gradient differences, largest intermediate")
        .AddExperiment("dpo-tabular", o => new DpoTabular(o.Bind<DpoTabularOptions>()), "DPO and robust DPO on a tabular Bradley-Terry problem: implicit-reward slope on the true reward")
        .AddExperiment("model-soups", o => new ModelSoups(o.Bind<ModelSoupsOptions>()), "Uniform and greedy soups of fine-tuned MLPs; soup of independent inits (Wortsman et al. 2022)")
        .AddOptimizer("perpendicular-adamw", o => new PerpendicularAdamWOptimizer(o.Bind<AdamWOptions>()), "AdamW on the gradient orthogonal to each weight tensor, ⊥AdamW (Prieto et al. 2025)")
        .AddOptimizer("perp-grad", o => new PerpendicularAdamWOptimizer(o.Bind<AdamWOptions>()), "Alias of perpendicular-adamw (⊥Grad with AdamW, Prieto et al. 2025)")
        .AddOptimizer("perpendicular-sgd", o => new PerpendicularSgdOptimizer(o.Bind<PerpendicularSgdOptions>()), "SGD on the gradient orthogonal to each weight tensor, ⊥SGD (Prieto et al. 2025)")
        .AddOptimizer("frugal", o => new FrugalOptimizer(o.Bind<FrugalOptions>()), "FRUGAL: Adam on a random share of coordinates, signSGD on the rest (Zmushko et al. 2025)")
        .AddDataset("modular-addition", o => new ModularAdditionDataset(o.Bind<ModularAdditionOptions>()), "Addition mod p on one-hot operand pairs, the grokking task")
        .AddDataset("gaussian-mixture", o => new GaussianMixtureDataset(o.Bind<GaussianMixtureOptions>()), "Gaussian-mixture task with optional imbalance and label noise")
        .AddLoss("label-smoothing", o => new LabelSmoothingCrossEntropy(o.Bind<LabelSmoothingOptions>()), "Cross-entropy with label smoothing (Szegedy et al. 2016)")
        .AddLoss("log-z-penalty", o => new LogZPenaltyCrossEntropy(o.Bind<LogZPenaltyOptions>()), "Cross-entropy + 1e-4 (log Z)^2 (Wortsman et al. 2024)")
        .AddLoss("dice", o => new SelfAdjustingDiceLoss(o.Bind<DiceOptions>()), "Self-adjusting Dice loss (Li et al. 2020)")
        .AddLoss("anyloss", o => new AnyLoss(o.Bind<AnyLossOptions>()), "AnyLoss: 1 - differentiable metric, binary (Han et al. 2024)")
        .AddLoss("ldr-kl", o => new LdrKlLoss(o.Bind<LdrKlOptions>()), "Label distributionally robust loss LDR-KL (Zhu et al. 2023)")
        .AddLoss("aldr-kl", o => new AldrKlLoss(o.Bind<AldrKlOptions>()), "Adaptive LDR-KL, per-sample lambda (Zhu et al. 2023)")
        .AddLoss("comp-sum", o => new CompSumLoss(o.Bind<CompSumOptions>()), "Comp-sum family Phi^tau (Mao et al. 2023)")
        .AddLoss("ensloss", o => new EnsLoss(o.Bind<EnsLossOptions>()), "Stochastic calibrated loss ensembles, binary (EnsLoss)")
        .AddLoss<StableMaxCrossEntropy>("stablemax", "Cross-entropy through StableMax (Prieto et al. 2025)")
        .AddEmbeddingLoss("chunked-cross-entropy", o => new ChunkedCrossEntropy(o.Bind<ChunkedCrossEntropyOptions>()), "Cross-entropy over vocabulary blocks, no N x V logits (Wijmans et al. 2025)")
        .AddDistillationLoss("kd", o => new TemperatureKd(o.Bind<KdOptions>()), "Temperature knowledge distillation (Hinton et al. 2015)")
        .AddDistillationLoss("dhkd", o => new DualHeadKd(o.Bind<DualHeadKdOptions>()), "Dual-head KD: CE on head 1, binary-KL distillation on head 2 (Yang et al. 2024)")
        .AddModel("dual-head-mlp", o => new DualHeadMlpModel(o.Bind<DualHeadMlpOptions>()), "MLP with two heads for dhkd; evaluation uses head 1")
        .AddDistillationLoss("pld", _ => new PlackettLuceDistillation(), "Plackett-Luce distillation")
        .AddPreferenceLoss("dpo", o => new DirectPreferenceOptimization(o.Bind<DpoOptions>()), "DPO; with flipRate > 0, robust DPO (Chowdhury et al. 2024)")
        .AddPreferenceLoss("bco", o => new BinaryClassifierOptimization(o.Bind<BcoOptions>()), "Binary classifier optimisation, running-mean reward shift (Jung et al. 2024)")
        .AddUnlearningLoss("npo", o => new NegativePreferenceOptimization(o.Bind<NpoOptions>()), "Negative preference optimisation (Zhang et al. 2024)")
        .AddGroupPolicyLoss("grpo", o => new GroupRelativePolicyOptimization(o.Bind<GrpoOptions>()), "GRPO (Shao et al. 2024)")
        .AddGroupPolicyLoss("ngrpo", o => new GroupRelativePolicyOptimization(o.Bind<NgrpoOptions>().ToGrpo()), "NGRPO: virtual max-reward sample, asymmetric clip (Nan et al. 2025)")
        .AddTokenPolicyLoss("lp-reg", o => new LowProbabilityRegularization(o.Bind<LpRegOptions>()), "Token-level GRPO + low-probability regularisation to a min-p proxy (Huang et al. 2025)")
        .AddExperiment("naive-bayes-vs-logistic", o => new NaiveBayesVsLogistic(o.Bind<NaiveBayesVsLogisticOptions>()), "Samples naive Bayes and logistic regression need to near their asymptotic error as the dimension grows (Ng & Jordan 2001; Zheng et al. 2023)")
        .AddExperiment("logistic-step-size", o => new LogisticStepSize(o.Bind<LogisticStepSizeOptions>()), "Iterations to separate the data and logistic loss of LR+GD and Normalized LR+GD across step sizes (Tyurin 2024)");
}
