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
        .AddOptimizer<AdamOptions>("adam", o => new AdamOptimizer(o), "Adam, optional coupled L2 penalty (Kingma & Ba 2015)")
        .AddOptimizer<AdamWOptions>("adamw", o => new AdamWOptimizer(o), "AdamW, decoupled weight decay (Loshchilov & Hutter 2019)")
        .AddExperiment<ChunkedCrossEntropyCheckOptions>("chunked-cross-entropy-check", o => new ChunkedCrossEntropyCheck(o), "Chunked cross-entropy against the standard one: loss and gradient differences, largest intermediate")
        .AddExperiment<DpoTabularOptions>("dpo-tabular", o => new DpoTabular(o), "DPO and robust DPO on a tabular Bradley-Terry problem: implicit-reward slope on the true reward")
        .AddExperiment<ModelSoupsOptions>("model-soups", o => new ModelSoups(o), "Uniform and greedy soups of fine-tuned MLPs; soup of independent inits (Wortsman et al. 2022)")
        .AddExperiment<ModelSoupsOptions>("model-soup", o => new ModelSoups(o), "Alias of model-soups (Wortsman et al. 2022)")
        .AddOptimizer<AdamWOptions>("perpendicular-adamw", o => new PerpendicularAdamWOptimizer(o), "AdamW on the gradient orthogonal to each weight tensor, ⊥AdamW (Prieto et al. 2025)")
        .AddOptimizer<AdamWOptions>("perp-grad", o => new PerpendicularAdamWOptimizer(o), "Alias of perpendicular-adamw (⊥Grad with AdamW, Prieto et al. 2025)")
        .AddOptimizer<PerpendicularSgdOptions>("perpendicular-sgd", o => new PerpendicularSgdOptimizer(o), "SGD on the gradient orthogonal to each weight tensor, ⊥SGD (Prieto et al. 2025)")
        .AddOptimizer<FrugalOptions>("frugal", o => new FrugalOptimizer(o), "FRUGAL: Adam on a random share of coordinates, signSGD on the rest (Zmushko et al. 2025)")
        .AddDataset<ModularAdditionOptions>("modular-addition", o => new ModularAdditionDataset(o), "Addition mod p on one-hot operand pairs, the grokking task")
        .AddDataset<GaussianMixtureOptions>("gaussian-mixture", o => new GaussianMixtureDataset(o), "Gaussian-mixture task with optional imbalance and label noise")
        .AddLoss<LabelSmoothingOptions>("label-smoothing", o => new LabelSmoothingCrossEntropy(o), "Cross-entropy with label smoothing (Szegedy et al. 2016)")
        .AddLoss<LogZPenaltyOptions>("log-z-penalty", o => new LogZPenaltyCrossEntropy(o), "Cross-entropy + 1e-4 (log Z)^2 (Wortsman et al. 2024)")
        .AddLoss<LogZPenaltyOptions>("logz-penalty", o => new LogZPenaltyCrossEntropy(o), "Alias of log-z-penalty (Wortsman et al. 2024)")
        .AddLoss<DiceOptions>("dice", o => new SelfAdjustingDiceLoss(o), "Self-adjusting Dice loss (Li et al. 2020)")
        .AddLoss<AnyLossOptions>("anyloss", o => new AnyLoss(o), "AnyLoss: 1 - differentiable metric, binary (Han et al. 2024)")
        .AddLoss<LdrKlOptions>("ldr-kl", o => new LdrKlLoss(o), "Label distributionally robust loss LDR-KL (Zhu et al. 2023)")
        .AddLoss<AldrKlOptions>("aldr-kl", o => new AldrKlLoss(o), "Adaptive LDR-KL, per-sample lambda (Zhu et al. 2023)")
        .AddLoss<CompSumOptions>("comp-sum", o => new CompSumLoss(o), "Comp-sum family Phi^tau (Mao et al. 2023)")
        .AddLoss<EnsLossOptions>("ensloss", o => new EnsLoss(o), "Stochastic calibrated loss ensembles, binary (EnsLoss)")
        .AddLoss<StableMaxCrossEntropy>("stablemax", "Cross-entropy through StableMax (Prieto et al. 2025)")
        .AddEmbeddingLoss<ChunkedCrossEntropyOptions>("chunked-cross-entropy", o => new ChunkedCrossEntropy(o), "Cross-entropy over vocabulary blocks, no N x V logits (Wijmans et al. 2025)")
        .AddEmbeddingLoss<ChunkedCrossEntropyOptions>("chunked-ce", o => new ChunkedCrossEntropy(o), "Alias of chunked-cross-entropy (Wijmans et al. 2025)")
        .AddDistillationLoss<KdOptions>("kd", o => new TemperatureKd(o), "Temperature knowledge distillation (Hinton et al. 2015)")
        .AddDistillationLoss<DualHeadKdOptions>("dhkd", o => new DualHeadKd(o), "Dual-head KD: CE on head 1, binary-KL distillation on head 2 (Yang et al. 2024)")
        .AddModel<DualHeadMlpOptions>("dual-head-mlp", o => new DualHeadMlpModel(o), "MLP with two heads for dhkd; evaluation uses head 1")
        .AddDistillationLoss("pld", _ => new PlackettLuceDistillation(), "Plackett-Luce distillation")
        .AddPreferenceLoss<DpoOptions>("dpo", o => new DirectPreferenceOptimization(o), "DPO; with flipRate > 0, robust DPO (Chowdhury et al. 2024)")
        .AddPreferenceLoss<DpoOptions>("rdpo", o => new DirectPreferenceOptimization(o), "Alias of dpo: robust DPO with flipRate > 0 (Chowdhury et al. 2024)")
        .AddPreferenceLoss<BcoOptions>("bco", o => new BinaryClassifierOptimization(o), "Binary classifier optimisation, running-mean reward shift (Jung et al. 2024)")
        .AddPreferenceLoss<RediOptions>("redi", o => new ReinforcementDistillation(o), "REDI: length-normalised positive NLL + alpha x negative log-likelihood, reference-free (Xu et al. 2025)")
        .AddUnlearningLoss("gradient-ascent", _ => new GradientAscent(), "Gradient ascent on the forget set's log-likelihood, the unbounded baseline")
        .AddUnlearningLoss<UldOptions>("uld", o => new UnlearningFromLogitDifference(o), "ULD: an assistant trained with reversed objectives, its logits subtracted from the target's (Ji et al. 2024)")
        .AddUnlearningLoss<NpoOptions>("npo", o => new NegativePreferenceOptimization(o), "Negative preference optimisation (Zhang et al. 2024)")
        .AddGroupPolicyLoss<GrpoOptions>("grpo", o => new GroupRelativePolicyOptimization(o), "GRPO (Shao et al. 2024)")
        .AddGroupPolicyLoss<NgrpoOptions>("ngrpo", o => new GroupRelativePolicyOptimization(o.ToGrpo()), "NGRPO: virtual max-reward sample, asymmetric clip (Nan et al. 2025)")
        .AddTokenPolicyLoss<LpRegOptions>("lp-reg", o => new LowProbabilityRegularization(o), "Token-level GRPO + low-probability regularisation to a min-p proxy (Huang et al. 2025)")
        .AddExperiment<NaiveBayesVsLogisticOptions>("naive-bayes-vs-logistic", o => new NaiveBayesVsLogistic(o), "Samples naive Bayes and logistic regression need to near their asymptotic error as the dimension grows (Ng & Jordan 2001; Zheng et al. 2023)")
        .AddExperiment<LogisticStepSizeOptions>("logistic-step-size", o => new LogisticStepSize(o), "Iterations to separate the data and logistic loss of LR+GD and Normalized LR+GD across step sizes (Tyurin 2024)");
}
