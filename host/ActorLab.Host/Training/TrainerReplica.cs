using System.Diagnostics;
using ActorLab.Contracts.Losses;
using ActorLab.Host.Federated;
using ActorLab.Host.Torch;
using ActorLab.Telemetry;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Training;

/// <summary>
/// One model replica with its optimizer, the work of a <see cref="TrainerActor"/> without the actor: a whole epoch
/// locally (one trainer), or one slice of a data-parallel step (gradients out, averaged gradients in). Every step
/// runs in its own dispose scope, so tensors do not accumulate however long training runs.
/// </summary>
public sealed class TrainerReplica : IDisposable
{
    private readonly TrainingPlan _plan;
    private readonly Module<torch.Tensor, torch.Tensor> _model;
    private readonly ILoss _loss;
    private readonly torch.optim.Optimizer _optimizer;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly TrainingData _data;
    private readonly IDistillationLoss? _distillation;
    private torch.Tensor? _teacherLogits;
    private readonly MixedPrecision? _mixed;
    private readonly TagList _stepTags;

    public TrainerReplica(TrainingPlan plan, TrainingData data)
    {
        _plan = plan;
        _data = data;
        _model = plan.CreateModel();
        _loss = plan.CreateLoss();
        _distillation = plan.CreateDistillationLoss();
        _optimizer = plan.CreateOptimizer(_model);
        _parameters = [.. _model.parameters()];
        _stepTags = ActorLabTelemetry.RunTags("training", plan.Scenario.Name, "actorlab.step", "trainer.step");
        _mixed = MixedPrecision.TypeOf(plan.Scenario.Optimization.Precision) is { } type ? new MixedPrecision(plan.CreateModel(), _model, type) : null;
    }

    /// <summary>The replica's model (evaluation, checkpoints).</summary>
    public Module<torch.Tensor, torch.Tensor> Model => _model;

    /// <summary>Trains one epoch alone; returns its totals and its steps.</summary>
    public EpochTraining TrainEpoch(int epoch, long firstStep, long maxSteps = long.MaxValue)
    {
        using var threads = IntraOpThreads.Use(_plan.Scenario.Optimization.Threads);
        var batch = _plan.Scenario.Optimization.BatchSize;
        var clock = Stopwatch.StartNew();
        using var epochScope = torch.NewDisposeScope();
        var order = torch.tensor(_plan.Order(epoch), device: _plan.Device);
        var rows = order.shape[0];
        double lossSum = 0, normSum = 0, rate = 0;
        long samples = 0, steps = 0;
        var stepMetrics = new List<StepMetrics>();
        _model.train();
        for (long start = 0; start < rows && steps < maxSteps; start += batch)
        {
            var started = Stopwatch.GetTimestamp();
            using var stepScope = torch.NewDisposeScope();
            var length = Math.Min(batch, rows - start);
            _optimizer.zero_grad();
            // Each batch's rows are gathered when it runs: written into cache right before the first layer reads them,
            // rather than one copy of the whole shuffled split (188 MB for Fashion-MNIST) before the first step.
            var batchRows = order.narrow(0, start, length);
            var value = TrainingLoss(Forward(_data.TrainFeatures.index_select(0, batchRows)), _data.TrainLabels.index_select(0, batchRows), batchRows);
            Backward(value, 1);
            rate = _plan.Schedule.At(firstStep + steps);
            var norm = Step(rate);
            var loss = value.item<float>();
            stepMetrics.Add(new StepMetrics(firstStep + steps, epoch, loss, norm, rate));
            normSum += norm;
            lossSum += loss * (double)length;
            samples += length;
            steps++;
            ActorLabTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _stepTags);
        }

        return new EpochTraining(lossSum, samples, normSum, steps, rate, stepMetrics, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Gradients of the summed loss over rows [start, start + length) of the epoch's order (a data-parallel slice).</summary>
    public (float[] Gradient, double LossSum) Gradients(long[] rows)
    {
        using var threads = IntraOpThreads.Use(_plan.Scenario.Optimization.Threads);
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows, device: _plan.Device);
        _model.train();
        _optimizer.zero_grad();
        var value = TrainingLoss(Forward(_data.TrainFeatures.index_select(0, index)), _data.TrainLabels.index_select(0, index), index);
        Backward(value, rows.Length); // summed, so the coordinator's weighted average equals the full batch's mean
        return (ModelParameters.FlattenGradients(_parameters), value.item<float>() * (double)rows.Length);
    }

    /// <summary>Applies an averaged gradient with rate <paramref name="rate"/>; returns the pre-clip gradient norm.</summary>
    public double Apply(float[] gradient, double rate)
    {
        using var threads = IntraOpThreads.Use(_plan.Scenario.Optimization.Threads);
        ModelParameters.LoadGradients(_parameters, gradient);
        return Step(rate);
    }

    /// <summary>Test loss, accuracy, macro F1, balanced accuracy, mean logit norm and mean log Z.</summary>
    public (double Loss, double Accuracy, double MacroF1, double BalancedAccuracy, double PositiveF1, double LogitNorm, double LogZ) Evaluate()
    {
        var classes = _plan.Shape.Classes;
        var confusion = new long[classes, classes];
        var rows = _data.TestFeatures.shape[0];
        using var threads = IntraOpThreads.Use(_plan.Scenario.Optimization.Threads);
        double lossSum = 0, normSum = 0, logZSum = 0;
        _model.eval();
        using var noGrad = torch.no_grad();
        for (long start = 0; start < rows; start += 2048)
        {
            using var scope = torch.NewDisposeScope();
            var length = Math.Min(2048, rows - start);
            var logits = _model.call(_data.TestFeatures.narrow(0, start, length));
            var y = _data.TestLabels.narrow(0, start, length);
            lossSum += _loss.Compute(logits, y).item<float>() * (double)length;
            normSum += logits.norm(1).sum().item<float>();
            logZSum += logits.logsumexp(1).sum().item<float>();
            var predicted = logits.argmax(1).cpu().data<long>().ToArray();
            var actual = y.cpu().data<long>().ToArray();
            for (var i = 0; i < predicted.Length; i++)
            {
                confusion[actual[i], predicted[i]]++;
            }
        }

        double f1 = 0, recall = 0, positiveF1 = double.NaN;
        long correct = 0;
        for (var c = 0; c < classes; c++)
        {
            long tp = confusion[c, c], actualC = 0, predictedC = 0;
            for (var k = 0; k < classes; k++)
            {
                actualC += confusion[c, k];
                predictedC += confusion[k, c];
            }

            correct += tp;
            recall += actualC == 0 ? 0 : tp / (double)actualC;
            var classF1 = actualC + predictedC == 0 ? 0 : 2.0 * tp / (actualC + predictedC);
            f1 += classF1;
            if (classes == 2 && c == 1)
            {
                positiveF1 = classF1;
            }
        }

        return (lossSum / rows, correct / (double)rows, f1 / classes, recall / classes, positiveF1, normSum / rows, logZSum / rows);
    }

    /// <summary>Sets every replica's parameters (resume from a checkpoint).</summary>
    public void Load(float[] parameters) => ModelParameters.Load(_model, parameters);

    public void Dispose()
    {
        _teacherLogits?.Dispose();
        _mixed?.Dispose();
        _optimizer.Dispose();
        _model.Dispose();
    }

    /// <summary>Takes the teacher's logits on the training split ([rows x classes], row-major); training then distils.</summary>
    public void UseTeacher(float[] logits)
    {
        if (_distillation is null)
        {
            throw new InvalidOperationException("teacher logits sent to a trainer without a distillation loss");
        }

        _teacherLogits?.Dispose();
        _teacherLogits = torch.tensor(logits, [_data.TrainFeatures.shape[0], logits.Length / _data.TrainFeatures.shape[0]], device: _plan.Device);
    }

    /// <summary>The model's logits on the training split in evaluation mode, row-major (what a teacher sends).</summary>
    public float[] TrainLogits()
    {
        var rows = _data.TrainFeatures.shape[0];
        var logits = new float[rows * _plan.Shape.Classes];
        using var threads = IntraOpThreads.Use(_plan.Scenario.Optimization.Threads);
        _model.eval();
        using var noGrad = torch.no_grad();
        for (long start = 0; start < rows; start += 2048)
        {
            using var scope = torch.NewDisposeScope();
            var length = Math.Min(2048, rows - start);
            var block = _model.call(_data.TrainFeatures.narrow(0, start, length)).cpu().contiguous();
            block.data<float>().ToArray().CopyTo(logits, start * _plan.Shape.Classes);
        }

        return logits;
    }

    /// <summary>The training forward pass: the model itself, or its low-precision replica under mixed precision.</summary>
    private torch.Tensor Forward(torch.Tensor input) => _mixed?.Forward(input, training: true) ?? _model.call(input);

    /// <summary>Gradients of <paramref name="weight"/> x the loss into the master parameters.</summary>
    private void Backward(torch.Tensor loss, double weight)
    {
        if (_mixed is not null)
        {
            _mixed.Backward(loss, weight);
        }
        else if (weight == 1)
        {
            loss.backward();
        }
        else
        {
            (loss * weight).backward();
        }
    }

    /// <summary>
    /// The loss of a training batch: the distillation loss against the teacher's logits of the same rows once a teacher
    /// has spoken; a per-sample loss also gets the rows' indices in the training split; else the plain loss.
    /// </summary>
    private torch.Tensor TrainingLoss(torch.Tensor logits, torch.Tensor targets, torch.Tensor rows) =>
        _teacherLogits is not null ? _distillation!.Compute(logits, _teacherLogits.index_select(0, rows), targets)
        : _loss is ISampleAwareLoss sampleAware ? sampleAware.Compute(logits, targets, rows)
        : _loss.Compute(logits, targets);

    private double Step(double rate)
    {
        var norm = GradientNorm.Of(_parameters);

        if (_plan.Scenario.Optimization.GradientClip is { } clip && norm > clip)
        {
            using var noGrad = torch.no_grad();
            // Held in a local: a temporary Scalar can be finalised while the native call still reads it (see OnlineNetwork).
            using var factor = (clip / norm).ToScalar();
            foreach (var p in _parameters.Where(p => p.grad is not null))
            {
                p.grad!.mul_(factor);
            }
        }

        if (_mixed is not null && !_mixed.Update(norm))
        {
            return norm; // float16 overflow: the step is skipped and the loss scale halved
        }

        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        _optimizer.step();
        return norm;
    }
}

/// <summary>The data of a training run as tensors on the run's device, shared read-only by every replica.</summary>
public sealed class TrainingData(TrainingPlan plan) : IDisposable
{
    public torch.Tensor TrainFeatures { get; } = torch.tensor(plan.Data.TrainFeatures, [plan.Data.TrainCount, plan.Data.Features], device: plan.Device);

    public torch.Tensor TrainLabels { get; } = torch.tensor(plan.Data.TrainLabels.Select(l => (long)l).ToArray(), device: plan.Device);

    public torch.Tensor TestFeatures { get; } = torch.tensor(plan.Data.TestFeatures, [plan.Data.TestCount, plan.Data.Features], device: plan.Device);

    public torch.Tensor TestLabels { get; } = torch.tensor(plan.Data.TestLabels.Select(l => (long)l).ToArray(), device: plan.Device);

    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainLabels.Dispose();
        TestFeatures.Dispose();
        TestLabels.Dispose();
    }
}
