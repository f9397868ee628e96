using System.Diagnostics;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Training;

/// <summary>A finished training run: whether early stopping ended it, where it resumed from, samples trained and the teacher's accuracy (its epochs were streamed as they finished).</summary>
public sealed record TrainingOutcome(bool StoppedEarly, int ResumedFromEpoch, long Samples, double? TeacherAccuracy = null);

/// <summary>
/// Runs a training scenario over its trainer actors: one trainer trains whole epochs per message; N trainers run
/// data-parallel steps (each computes the summed gradient of its slice of the batch, the coordinator averages them,
/// every replica applies the same average, so the replicas stay identical and the step equals one large batch's).
/// After each epoch trainer 0 evaluates, the checkpoint is written, and early stopping is checked. A trainer that
/// throws fails the run with its message.
/// </summary>
public sealed class TrainingCoordinatorActor : RunRootActor<TrainingOutcome>
{
    private readonly TrainingPlan _plan;
    private readonly Action<EpochMetrics, IReadOnlyList<StepMetrics>>? _progress;
    private readonly TrainingData _data;
    private List<StepMetrics> _epochSteps = []; // the epoch in flight's steps, handed to the progress callback when it ends
    private IActorRef[] _trainers = [];
    private int _epoch;
    private long _step;
    private int _resumedFrom;
    private double _bestLoss = double.PositiveInfinity;
    private int _sinceBest;
    private double? _teacherAccuracy;
    private long _samples;
    private (double LossSum, long Samples, double NormSum, long Steps, double Rate) _current;
    private Stopwatch _epochClock = new(); // data-parallel: started with the epoch's first step
    private double _epochSeconds; // the epoch's training steps (the evaluation is not training time)

    // Data-parallel state of the step in flight.
    private long[] _order = [];
    private float[]? _sum;
    private int _waiting;
    private long _stepRows;
    private double _stepLossSum;
    private long _stepStarted;

    /// <summary>Creates the coordinator; <paramref name="progress"/> hears every finished epoch with its steps.</summary>
    public TrainingCoordinatorActor(TrainingPlan plan, TaskCompletionSource<TrainingOutcome> completion, Action<EpochMetrics, IReadOnlyList<StepMetrics>>? progress, string? runId = null)
        : base(TrainingKind.KindName, plan.Scenario.Name, runId, completion, failingChild: "trainer")
    {
        _plan = plan;
        _progress = progress;
        _data = new TrainingData(plan);
        Receive<TrainerActor.EpochTrained>(m =>
        {
            var t = m.Training;
            _current = (t.LossSum, t.Samples, t.NormSum, t.Steps, t.Rate);
            _epochSeconds = t.Seconds;
            _epochSteps.AddRange(t.StepMetrics);
            _step += t.Steps;
            ActorLabTelemetry.TrainerSteps.Add(t.Steps, Tags());
            _trainers[0].Tell(new TrainerActor.Evaluate());
        });
        Receive<TrainerActor.GradientsComputed>(OnGradients);
        Receive<TrainerActor.Evaluated>(OnEvaluated);
        Receive<CheckpointState>(_ => NextEpoch());
        Receive<TeacherActor.TeacherReady>(m =>
        {
            _teacherAccuracy = m.TestAccuracy;
            TagRun("actorlab.teacher.accuracy", m.TestAccuracy);
            foreach (var trainer in _trainers)
            {
                trainer.Tell(new TrainerActor.UseTeacher(m.TrainLogits));
            }

            NextEpoch();
        });
    }

    /// <summary>Props of the run.</summary>
    public static Props Props(TrainingPlan plan, TaskCompletionSource<TrainingOutcome> completion, Action<EpochMetrics, IReadOnlyList<StepMetrics>>? progress, string? runId = null) =>
        Akka.Actor.Props.Create(() => new TrainingCoordinatorActor(plan, completion, progress, runId));

    /// <inheritdoc />
    protected override IEnumerable<(string Key, object? Value)> RunSpanTags() =>
    [
        ("actorlab.dataset", _plan.Scenario.Dataset.Name),
        ("actorlab.model", _plan.Scenario.Model.Name),
        ("actorlab.loss", _plan.Scenario.Distillation?.Loss.Name ?? _plan.Scenario.Loss.Name),
        ("actorlab.optimizer", _plan.Scenario.Optimizer.Name),
    ];

    /// <inheritdoc />
    protected override void StartRun()
    {
        _trainers = Enumerable.Range(0, _plan.Scenario.Optimization.Trainers)
            .Select(i => Context.ActorOf(TrainerActor.Props(_plan, _data, i), $"trainer-{i}"))
            .ToArray();
        var o = _plan.Scenario.Optimization;
        if (o.Resume && o.Checkpoint is { } path && TrainingCheckpoint.Load(path) is var (parameters, state))
        {
            foreach (var trainer in _trainers)
            {
                trainer.Tell(new TrainerActor.LoadParameters(parameters));
            }

            (_epoch, _step, _bestLoss, _sinceBest, _resumedFrom) = (state.Epoch, state.Step, state.BestTestLoss, state.SinceBest, state.Epoch);
        }

        if (_plan.Scenario.Distillation is not null)
        {
            Context.ActorOf(TeacherActor.Props(_plan, _data), "teacher").Tell(new TeacherActor.Prepare()); // the epochs start when it answers
            return;
        }

        NextEpoch();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        base.PostStop();
        _data.Dispose();
    }

    private void NextEpoch()
    {
        var o = _plan.Scenario.Optimization;
        var stop = o.Patience is { } patience && _sinceBest >= patience;
        if (_epoch >= o.Epochs || stop)
        {
            Complete(new TrainingOutcome(stop && _epoch < o.Epochs, _resumedFrom, _samples, _teacherAccuracy));
            return;
        }

        _epoch++;
        _epochClock = Stopwatch.StartNew();
        if (_trainers.Length == 1)
        {
            _trainers[0].Tell(new TrainerActor.RunEpoch(_epoch, _step));
            ActorLabTelemetry.MessagesSent.Add(1, Tags("actorlab.message", "run-epoch"));
            return;
        }

        _order = _plan.Order(_epoch);
        _current = (0, 0, 0, 0, 0);
        SendStep(0);
    }

    /// <summary>Sends step <paramref name="index"/> of the epoch: each trainer gets a contiguous share of the batch's rows.</summary>
    private void SendStep(long index)
    {
        var batch = _plan.Scenario.Optimization.BatchSize;
        var start = index * batch;
        _stepRows = Math.Min(batch, _order.Length - start);
        _stepLossSum = 0;
        _sum = null;
        _waiting = 0;
        _stepStarted = Stopwatch.GetTimestamp();
        for (var t = 0; t < _trainers.Length; t++)
        {
            var from = start + _stepRows * t / _trainers.Length;
            var to = start + _stepRows * (t + 1) / _trainers.Length;
            if (to > from)
            {
                _trainers[t].Tell(new TrainerActor.ComputeGradients(index, _order[(int)from..(int)to]));
                _waiting++;
            }
        }

        ActorLabTelemetry.MessagesSent.Add(_waiting, Tags("actorlab.message", "compute-gradients"));
    }

    private void OnGradients(TrainerActor.GradientsComputed m)
    {
        if (_sum is null)
        {
            _sum = m.Gradient;
        }
        else
        {
            for (var i = 0; i < _sum.Length; i++)
            {
                _sum[i] += m.Gradient[i];
            }
        }

        _current.LossSum += m.LossSum;
        _stepLossSum += m.LossSum;
        if (--_waiting > 0)
        {
            return;
        }

        double squares = 0;
        for (var i = 0; i < _sum!.Length; i++)
        {
            _sum[i] /= _stepRows; // summed slice gradients / rows = the batch's mean gradient
            squares += _sum[i] * (double)_sum[i];
        }

        var rate = _plan.Schedule.At(_step);
        foreach (var trainer in _trainers)
        {
            trainer.Tell(new TrainerActor.ApplyGradients(_sum, rate));
        }

        ActorLabTelemetry.MessagesSent.Add(_trainers.Length, Tags("actorlab.message", "apply-gradients"));
        ActorLabTelemetry.TrainerSteps.Add(1, Tags());
        ActorLabTelemetry.StepDuration.Record(Stopwatch.GetElapsedTime(_stepStarted).TotalSeconds, Tags("actorlab.step", "trainer.step"));

        _epochSteps.Add(new StepMetrics(_step, _epoch, _stepLossSum / _stepRows, Math.Sqrt(squares), rate));
        _current = (_current.LossSum, _current.Samples + _stepRows, _current.NormSum + Math.Sqrt(squares), _current.Steps + 1, rate);
        _step++;
        if (_current.Samples < _order.Length)
        {
            SendStep(_current.Steps);
        }
        else
        {
            _epochSeconds = _epochClock.Elapsed.TotalSeconds;
            _trainers[0].Tell(new TrainerActor.Evaluate()); // queued after the last Apply
        }
    }

    private void OnEvaluated(TrainerActor.Evaluated e)
    {
        var seconds = _epochSeconds;
        _samples += _current.Samples;
        var metrics = new EpochMetrics(_epoch, _current.LossSum / Math.Max(1, _current.Samples), _current.NormSum / Math.Max(1, _current.Steps),
            _current.Rate, e.Loss, e.Accuracy, e.MacroF1, e.BalancedAccuracy, e.PositiveF1, e.LogitNorm, e.LogZ, seconds);
        _progress?.Invoke(metrics, _epochSteps);
        _epochSteps = [];
        if (e.Loss < _bestLoss)
        {
            (_bestLoss, _sinceBest) = (e.Loss, 0);
        }
        else
        {
            _sinceBest++;
        }

        if (_plan.Scenario.Optimization.Checkpoint is { } path)
        {
            _trainers[0].Tell(new TrainerActor.SaveParameters(path, new CheckpointState(_epoch, _step, _bestLoss, _sinceBest)));
            return; // continues when the trainer confirms
        }

        NextEpoch();
    }
}
