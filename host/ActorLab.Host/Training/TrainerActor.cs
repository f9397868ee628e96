using ActorLab.Host.Simulation;
using Akka.Actor;

namespace ActorLab.Host.Training;

/// <summary>
/// One data-parallel trainer: an actor shell around a <see cref="TrainerReplica"/>. Alone it trains whole epochs per
/// message; with others it computes gradients on its slice of each batch and applies the averaged gradient it is
/// sent (mailbox order guarantees a step's Apply precedes the next step's gradients).
/// </summary>
public sealed class TrainerActor : ReceiveActor
{
    private readonly TrainerReplica _replica;

    /// <summary>Creates trainer <paramref name="index"/>.</summary>
    public TrainerActor(TrainingPlan plan, TrainingData data, int index)
    {
        _replica = new TrainerReplica(plan, data);
        Receive<RunEpoch>(m =>
        {
            Sender.Tell(new EpochTrained(_replica.TrainEpoch(m.Epoch, m.FirstStep)));
        });
        Receive<ComputeGradients>(m =>
        {
            var (gradient, lossSum) = _replica.Gradients(m.Rows);
            Sender.Tell(new GradientsComputed(index, m.Step, gradient, lossSum, m.Rows.Length));
        });
        Receive<ApplyGradients>(m => _replica.Apply(m.Gradient, m.Rate));
        Receive<Evaluate>(_ =>
        {
            var e = _replica.Evaluate();
            Sender.Tell(new Evaluated(e.Loss, e.Accuracy, e.MacroF1, e.BalancedAccuracy, e.PositiveF1, e.LogitNorm, e.LogZ));
        });
        Receive<SaveParameters>(m =>
        {
            TrainingCheckpoint.Save(m.Path, Federated.ModelParameters.Flatten(_replica.Model), m.State);
            Sender.Tell(m.State);
        });
        Receive<LoadParameters>(m => _replica.Load(m.Parameters));
        Receive<UseTeacher>(m => _replica.UseTeacher(m.TrainLogits));
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(TrainingPlan plan, TrainingData data, int index) =>
        Akka.Actor.Props.Create(() => new TrainerActor(plan, data, index)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Train epoch <paramref name="Epoch"/> alone, its first step being <paramref name="FirstStep"/> of the run.</summary>
    public sealed record RunEpoch(int Epoch, long FirstStep);

    /// <summary>The epoch's totals and steps.</summary>
    public sealed record EpochTrained(EpochTraining Training);

    /// <summary>Gradients of the summed loss over these training rows.</summary>
    public sealed record ComputeGradients(long Step, long[] Rows);

    /// <summary>A slice's summed gradient and loss.</summary>
    public sealed record GradientsComputed(int Trainer, long Step, float[] Gradient, double LossSum, long Rows);

    /// <summary>Apply the step's averaged gradient.</summary>
    public sealed record ApplyGradients(float[] Gradient, double Rate);

    /// <summary>Evaluate on the test split.</summary>
    public sealed record Evaluate;

    /// <summary>The test metrics.</summary>
    public sealed record Evaluated(double Loss, double Accuracy, double MacroF1, double BalancedAccuracy, double PositiveF1, double LogitNorm, double LogZ);

    /// <summary>Save the parameters and <paramref name="State"/> to <paramref name="Path"/>; answered with the state.</summary>
    public sealed record SaveParameters(string Path, CheckpointState State);

    /// <summary>Overwrite the parameters (resume).</summary>
    public sealed record LoadParameters(float[] Parameters);

    /// <summary>Distil from now on against these teacher logits on the training split (row-major).</summary>
    public sealed record UseTeacher(float[] TrainLogits);

    /// <inheritdoc />
    protected override void PostStop() => _replica.Dispose();
}
