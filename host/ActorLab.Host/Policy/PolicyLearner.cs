using ActorLab.Contracts.Language;
using ActorLab.Contracts.Losses;
using ActorLab.Host.Federated;
using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>What one RL step measured (the first of its updates, before any step of the optimizer).</summary>
public sealed record RlvrUpdate(double Loss, double GradientNorm, double Kl, double Entropy);

/// <summary>What one unlearning step measured.</summary>
public sealed record UnlearningUpdate(double Loss, double GradientNorm);

/// <summary>What one preference step measured before its update: log-probabilities, margin and the gradient-entanglement diagnostic.</summary>
public sealed record PreferenceUpdate(double Loss, double GradientNorm, double ChosenLogProb, double RejectedLogProb, double Margin, double GradientInner, double GradientCosine)
{
    /// <summary>Mean log pi(y_w | x) of the same chosen responses after the update.</summary>
    public double ChosenLogProbAfter { get; init; } = double.NaN;

    /// <summary>Mean log pi(y_l | x) of the same rejected responses after the update.</summary>
    public double RejectedLogProbAfter { get; init; } = double.NaN;
}

/// <summary>
/// The policy being trained and its optimizer, the learner actor's work without the actor: supervised steps on
/// reference answers, and RL updates from a rollout batch with its rewards and reference log-probabilities. Every step
/// runs in its own dispose scope.
/// </summary>
public sealed class PolicyLearner : IDisposable
{
    private readonly PolicyPlan _plan;
    private readonly CausalLanguageModel _model;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private torch.optim.Optimizer? _optimizer;
    private CausalLanguageModel? _assistant;

    /// <summary>Creates the policy from the plan's initial parameters.</summary>
    public PolicyLearner(PolicyPlan plan)
    {
        _plan = plan;
        _model = plan.CreateModel();
        _parameters = [.. _model.parameters()];
    }

    /// <summary>The policy's parameters as one buffer (what the rollout workers and the reference load).</summary>
    public float[] Weights() => ModelParameters.Flatten(_model);

    /// <summary>Starts a phase: a fresh optimizer at <paramref name="learningRate"/>.</summary>
    public void StartPhase(double learningRate)
    {
        _optimizer?.Dispose();
        _optimizer = _plan.CreateOptimizer(_model, learningRate);
    }

    /// <summary>
    /// Starts an assistant-unlearning phase (ULD): the assistant is a copy of the policy, and the optimizer from now on
    /// trains it instead; the policy stays as it is.
    /// </summary>
    public void StartAssistant(double learningRate)
    {
        _assistant = _plan.CreateModel();
        ModelParameters.Load(_assistant, Weights());
        _optimizer?.Dispose();
        _optimizer = _plan.CreateOptimizer(_assistant, learningRate);
    }

    /// <summary>The assistant's parameters (null outside assistant unlearning).</summary>
    public float[]? AssistantWeights() => _assistant is null ? null : ModelParameters.Flatten(_assistant);

    /// <summary>
    /// One unlearning step. A plain unlearning loss trains the policy on the forget batch's answer log-probabilities
    /// (with the reference's, in <paramref name="forget"/>'s layout) plus <paramref name="retainWeight"/> times the
    /// retain batch's cross-entropy; an <see cref="IAssistantUnlearning"/> trains the assistant on the forget batch plus
    /// its retain weight times KL(uniform || assistant) on the retain batch's answer tokens.
    /// </summary>
    public UnlearningUpdate UnlearnStep(SequenceBatch forget, float[] reference, SequenceBatch retain, IUnlearningLoss loss, double retainWeight, double? clip)
    {
        using var scope = torch.NewDisposeScope();
        var model = loss is IAssistantUnlearning ? _assistant ?? throw new InvalidOperationException("no assistant phase started") : _model;
        model.train();
        var (forgetLogProbs, _) = forget.LogProbs(model, 1);
        var forgetMask = forget.MaskTensor();
        var value = loss.Compute((forgetLogProbs * forgetMask).sum(1), ReferenceSums(forget, reference));
        var retainMask = retain.MaskTensor();
        if (loss is IAssistantUnlearning assistant)
        {
            if (assistant.RetainWeight > 0)
            {
                var (_, logits) = retain.LogProbs(model, 1);
                // KL(uniform || p) = -log V - mean_v log p_v per position, averaged over the retain answer tokens.
                var uniformKl = -Math.Log(logits.shape[2]) - logits.log_softmax(-1).mean([-1L]);
                value = value + assistant.RetainWeight * (uniformKl * retainMask).sum() / retainMask.sum();
            }
        }
        else if (retainWeight > 0)
        {
            var (retainLogProbs, _) = retain.LogProbs(model, 1);
            value = value + retainWeight * -(retainLogProbs * retainMask).sum() / retainMask.sum();
        }

        var (lossValue, norm) = Step(value, clip, model);
        return new UnlearningUpdate(lossValue, norm);
    }

    /// <summary>Linear CKA against <paramref name="original"/> and the probe's accuracy, on the policy's representations of <paramref name="prompts"/>.</summary>
    public (double Cka, double Probe) Representations(IReadOnlyList<int[]> prompts, float[] original, int[] labels)
    {
        _model.eval();
        var mine = RepresentationSimilarity.Of(_model, prompts);
        return (RepresentationSimilarity.LinearCka(mine, original, prompts.Count), RepresentationSimilarity.ProbeAccuracy(mine, labels, _plan.Vocabulary.Size));
    }

    /// <summary>One supervised step: mean cross-entropy of the reference answers and end tokens given the prompts; returns it and the gradient norm.</summary>
    public (double Loss, double GradientNorm) SupervisedStep(IReadOnlyList<TaskExample> batch, double? clip)
    {
        using var scope = torch.NewDisposeScope();
        var layout = SequenceBatch.Of([.. batch.Select(_plan.PromptIds)], [.. batch.Select(e => (int[])[.. _plan.Vocabulary.Encode(e.Answer), TokenVocabulary.End])]);
        _model.train();
        var (logProbs, _) = layout.LogProbs(_model, 1);
        var mask = layout.MaskTensor();
        var loss = -(logProbs * mask).sum() / mask.sum();
        return Step(loss, clip);
    }

    /// <summary>
    /// <paramref name="updates"/> optimizer steps on one rollout batch: <paramref name="layout"/> holds the sampled
    /// sequences group by group (G per prompt), <paramref name="rewards"/> their rewards, <paramref name="reference"/>
    /// the reference's target log-probabilities in the layout. The first update fixes pi_old (so its ratio is 1).
    /// </summary>
    public RlvrUpdate RlvrStep(SequenceBatch layout, double[] rewards, float[] reference, int groupSize, object loss, double temperature, int updates, double? clip, double entropyCoefficient = 0)
    {
        using var scope = torch.NewDisposeScope();
        _model.train();
        var mask = layout.MaskTensor();
        var tokens = mask.sum();
        var referenceLogProbs = torch.tensor(reference, [layout.Rows, layout.Width]);
        var groups = layout.Rows / groupSize;
        var rewardTensor = torch.tensor(rewards, [groups, groupSize], dtype: torch.ScalarType.Float32);
        var positions = mask.flatten().nonzero().squeeze(1);
        torch.Tensor? old = null;
        RlvrUpdate? first = null;
        for (var u = 0; u < updates; u++)
        {
            using var inner = torch.NewDisposeScope();
            var (logProbs, logits) = layout.LogProbs(_model, temperature);
            if (old is null)
            {
                old = logProbs.detach().clone().MoveToOuterDisposeScope();
            }

            var value = loss switch
            {
                IGroupPolicyLoss group => group.Compute(new GroupBatch(Sequence(logProbs, mask, groups, groupSize), Sequence(old, mask, groups, groupSize),
                    Sequence(referenceLogProbs, mask, groups, groupSize), rewardTensor)),
                ITokenPolicyLoss token => token.Compute(new TokenBatch(logits.view(-1, logits.shape[2]).index_select(0, positions),
                    torch.tensor(layout.Targets).index_select(0, positions), old.flatten().index_select(0, positions),
                    referenceLogProbs.flatten().index_select(0, positions), TokenAdvantages(rewardTensor, layout).index_select(0, positions))),
                _ => throw new InvalidOperationException($"the RL loss is a {loss.GetType().Name}, neither a group nor a token policy loss"),
            };
            var logPolicy = logits.log_softmax(-1);
            var entropy = (-(logPolicy.exp() * logPolicy).sum(-1) * mask).sum() / tokens;
            if (entropyCoefficient > 0)
            {
                value = value - entropyCoefficient * entropy; // paper 22's entropy loss: exploration bonus on the response tokens
            }

            if (first is null)
            {
                using var noGrad = torch.no_grad();
                // k3 = e^gap - gap - 1 >= 0, as expm1(gap) - gap in double: float32's rounding would make it slightly negative near 0.
                var gap = (referenceLogProbs - logProbs).to_type(torch.ScalarType.Float64);
                var kl = ((gap.expm1() - gap) * mask.to_type(torch.ScalarType.Float64)).sum() / tokens.to_type(torch.ScalarType.Float64);
                var (lossValue, norm) = Step(value, clip);
                first = new RlvrUpdate(lossValue, norm, kl.item<double>(), entropy.detach().item<float>());
            }
            else
            {
                Step(value, clip);
            }
        }

        return first!;
    }

    /// <summary>
    /// One preference step on pairs laid out as <paramref name="chosen"/> and <paramref name="rejected"/> (row i of each
    /// is pair i), with the reference's target log-probabilities in the same layouts. With <paramref name="entanglement"/>
    /// it also measures paper 29's diagnostic: the inner product and cosine of grad mean log pi(y_w) and grad mean log pi(y_l).
    /// </summary>
    public PreferenceUpdate PreferenceStep(SequenceBatch chosen, SequenceBatch rejected, float[] referenceChosen, float[] referenceRejected, IPreferenceLoss loss,
        double? clip, bool entanglement)
    {
        using var scope = torch.NewDisposeScope();
        _model.train();
        var (policyChosen, chosenLengths) = SequenceLogProbs(chosen);
        var (policyRejected, rejectedLengths) = SequenceLogProbs(rejected);
        var (refChosen, refRejected) = (ReferenceSums(chosen, referenceChosen), ReferenceSums(rejected, referenceRejected));
        var (inner, cosine) = entanglement ? Entanglement(policyChosen.mean(), policyRejected.mean()) : (double.NaN, double.NaN);
        var value = loss.Compute(new PreferenceBatch(policyChosen, policyRejected, refChosen, refRejected) { ChosenLengths = chosenLengths, RejectedLengths = rejectedLengths });
        double chosenMean, rejectedMean, margin;
        using (torch.no_grad())
        {
            chosenMean = policyChosen.mean().item<float>();
            rejectedMean = policyRejected.mean().item<float>();
            margin = (policyChosen - refChosen - (policyRejected - refRejected)).mean().item<float>();
        }

        var (lossValue, norm) = Step(value, clip);
        using var after = torch.no_grad(); // the same pairs after the update: did both log-probabilities move the same way?
        return new PreferenceUpdate(lossValue, norm, chosenMean, rejectedMean, margin, inner, cosine)
        {
            ChosenLogProbAfter = SequenceLogProbs(chosen).LogProbs.mean().item<float>(),
            RejectedLogProbAfter = SequenceLogProbs(rejected).LogProbs.mean().item<float>(),
        };
    }

    /// <summary>Share of pairs whose implicit reward log(pi / pi_ref) is strictly larger for the chosen response (ties count as wrong).</summary>
    public double ImplicitRewardAccuracy(SequenceBatch chosen, SequenceBatch rejected, float[] referenceChosen, float[] referenceRejected)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _model.eval();
        var chosenReward = SequenceLogProbs(chosen).LogProbs - ReferenceSums(chosen, referenceChosen);
        var rejectedReward = SequenceLogProbs(rejected).LogProbs - ReferenceSums(rejected, referenceRejected);
        return (chosenReward > rejectedReward).to_type(torch.ScalarType.Float64).mean().item<double>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer?.Dispose();
        _assistant?.Dispose();
        _model.Dispose();
    }

    /// <summary>Each row's response log-probability (the sum over its response tokens) and its response length.</summary>
    private (torch.Tensor LogProbs, torch.Tensor Lengths) SequenceLogProbs(SequenceBatch batch)
    {
        var (logProbs, _) = batch.LogProbs(_model, 1);
        var mask = batch.MaskTensor();
        return ((logProbs * mask).sum(1), mask.sum(1));
    }

    /// <summary>Each row's response log-probability under the reference, from its target log-probabilities in <paramref name="batch"/>'s layout.</summary>
    private static torch.Tensor ReferenceSums(SequenceBatch batch, float[] reference) =>
        (torch.tensor(reference, [batch.Rows, batch.Width]) * batch.MaskTensor()).sum(1);

    /// <summary>Inner product and cosine of the parameter gradients of two scalars (the graph is kept for the loss's backward pass).</summary>
    private (double Inner, double Cosine) Entanglement(torch.Tensor chosen, torch.Tensor rejected)
    {
        var parameters = _parameters.Cast<torch.Tensor>().ToList();
        var a = torch.autograd.grad([chosen], parameters, retain_graph: true, allow_unused: true);
        var b = torch.autograd.grad([rejected], parameters, retain_graph: true, allow_unused: true);
        double inner = 0, normA = 0, normB = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (a[i] is null || b[i] is null || a[i].IsInvalid || b[i].IsInvalid)
            {
                continue;
            }

            inner += (a[i] * b[i]).sum().item<float>();
            normA += a[i].square().sum().item<float>();
            normB += b[i].square().sum().item<float>();
        }

        return (inner, normA > 0 && normB > 0 ? inner / Math.Sqrt(normA * normB) : double.NaN);
    }

    /// <summary>Sequence log-probabilities [groups, G]: the sums of the response tokens' log-probabilities.</summary>
    private static torch.Tensor Sequence(torch.Tensor logProbs, torch.Tensor mask, int groups, int groupSize) =>
        (logProbs * mask).sum(1).view(groups, groupSize);

    /// <summary>GRPO's advantage (r - mean r) / (std r + 1e-8) per group, broadcast to each sequence's positions, flat.</summary>
    private static torch.Tensor TokenAdvantages(torch.Tensor rewards, SequenceBatch layout)
    {
        var advantage = (rewards - rewards.mean([1L], keepdim: true)) / (rewards.std(1, unbiased: false, keepdim: true) + 1e-8);
        return advantage.flatten().unsqueeze(1).expand(layout.Rows, layout.Width).flatten();
    }

    private (double Loss, double GradientNorm) Step(torch.Tensor loss, double? clip, CausalLanguageModel? model = null)
    {
        var optimizer = _optimizer ?? throw new InvalidOperationException("no phase started");
        optimizer.zero_grad();
        loss.backward();
        var norm = torch.nn.utils.clip_grad_norm_(model is null || model == _model ? _parameters : [.. model.parameters()], clip ?? double.PositiveInfinity);
        optimizer.step();
        return (loss.item<float>(), norm);
    }
}
