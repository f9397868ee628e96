using ActorLab.Contracts.Language;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Randomness;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Policy;

/// <summary>
/// The unlearning phase of <see cref="PolicyCoordinatorActor"/>. First the original (SFT) model's representations of
/// the forget prompts, from the reference, and an evaluation at step 0; each step then draws a forget and a retain
/// batch from the run seed, has the reference score the forget batch and the learner take the step; the new weights
/// (ULD: the assistant's, combined with the unchanged policy's logits) go to the workers. Evaluations report held-out,
/// forget and retain accuracy and the representation metrics (paper 11).
/// </summary>
public sealed partial class PolicyCoordinatorActor
{
    private (RolloutWorkerActor.EvaluationChunk Chunk, int[] Examples)[] _forgetChunks = [];
    private (RolloutWorkerActor.EvaluationChunk Chunk, int[] Examples)[] _retainChunks = [];
    private int[][] _forgetPrompts = [];
    private int[] _forgetLabels = [];
    private float[] _originalRepresentations = [];
    private IAssistantUnlearning? _assistantUnlearning;

    private void StartUnlearning()
    {
        var u = _plan.Scenario.Unlearning!;
        _assistantUnlearning = _plan.Catalog.Create<IUnlearningLoss>(u.Loss.Name, u.Loss.Options) as IAssistantUnlearning;
        _learner.Tell(new PolicyLearnerActor.StartPhase(u.LearningRate, Assistant: _assistantUnlearning is not null));
        var forget = _plan.ForgetSet;
        _forgetChunks = Chunks(forget);
        _retainChunks = Chunks([.. _plan.RetainSet.Take(u.RetainEvaluation)]);
        _forgetPrompts = [.. forget.Select(_plan.PromptIds)];
        _forgetLabels = [.. forget.Select(e => _plan.Vocabulary.Encode(e.Answer)[0])];
        _onReferenceRepresentations = original =>
        {
            _originalRepresentations = original;
            EvaluateUnlearning(new PolicyStepMetrics(_step, "unlearning", 0), null, () => UnlearningStep(1));
        };
        _reference.Tell(new ReferenceActor.ComputeRepresentations(_forgetPrompts));
    }

    private void UnlearningStep(int step)
    {
        var u = _plan.Scenario.Unlearning!;
        OpenStepSpan("unlearning", step);
        var forget = _plan.ForgetSet;
        var retain = _plan.RetainSet;
        var random = RandomStreams.Create(_plan.Scenario.Seed, "policy.unlearning.batch", step);
        TaskExample[] Draw(IReadOnlyList<TaskExample> set) => [.. Enumerable.Range(0, u.BatchSize).Select(_ => set[random.Next(set.Count)])];
        var forgetBatch = Layout(Draw(forget));
        var retainBatch = Layout(Draw(retain));
        ReferenceLogProbs(step, [forgetBatch], 1, reference =>
            Learn(new PolicyLearnerActor.Unlearn(step, forgetBatch, reference[0], retainBatch, StepTrace), answer =>
            {
                var m = (PolicyLearnerActor.Unlearned)answer;
                _step++;
                _totals.Learner += m.Seconds;
                ActorLabTelemetry.TrainerSteps.Add(1, Tags());
                if (m.AssistantWeights is { } assistant && _assistantUnlearning is { } uld)
                {
                    foreach (var worker in _workers)
                    {
                        worker.Tell(new RolloutWorkerActor.LoadAssistant(assistant, uld.AssistantWeight, uld.TopLogitFilter));
                    }
                }
                else
                {
                    LoadWorkers(m.Weights);
                }

                var row = new PolicyStepMetrics(_step, "unlearning", step) { Loss = m.Update.Loss, GradientNorm = m.Update.GradientNorm, LearningRate = u.LearningRate };
                var timing = new PolicyStepTiming(_step, "unlearning", 0, m.Seconds, 0);
                var next = step < u.Steps ? () => UnlearningStep(step + 1) : (Action)Finished;
                if (!EvaluatesAt(step, u.Steps))
                {
                    _report(row, timing);
                    EndStep(next);
                    return;
                }

                EvaluateUnlearning(row, timing, () => EndStep(next));
            }));
    }

    /// <summary>Held-out, forget and retain accuracy of the workers' (unlearned) model, then the learner's representation metrics.</summary>
    private void EvaluateUnlearning(PolicyStepMetrics row, PolicyStepTiming? timing, Action then) =>
        Evaluate(row, timing, evaluated =>
            GreedyAccuracy(_plan.ForgetSet, _forgetChunks, row.Step, (forgetAccuracy, _) =>
                GreedyAccuracy([.. _plan.RetainSet.Take(_plan.Scenario.Unlearning!.RetainEvaluation)], _retainChunks, row.Step, (retainAccuracy, _) =>
                    Learn(new PolicyLearnerActor.MeasureRepresentations(_forgetPrompts, _originalRepresentations, _forgetLabels), answer =>
                    {
                        var r = (PolicyLearnerActor.RepresentationsMeasured)answer;
                        _report(evaluated with { ForgetAccuracy = forgetAccuracy, RetainAccuracy = retainAccuracy, Cka = r.Cka, ProbeAccuracy = r.Probe }, timing);
                        then();
                    }))));

    /// <summary>Supervised layout of examples: the prompt, then the reference answer and the end token.</summary>
    private SequenceBatch Layout(IReadOnlyList<TaskExample> examples) =>
        SequenceBatch.Of([.. examples.Select(_plan.PromptIds)], [.. examples.Select(e => (int[])[.. _plan.Vocabulary.Encode(e.Answer), TokenVocabulary.End])]);
}
