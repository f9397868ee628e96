using ActorLab.Host.Federated;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using Akka.Actor;

namespace ActorLab.Host.Training;

/// <summary>
/// The teacher of a distillation run: a trainer of its own that loads the teacher from its checkpoint, or trains it
/// (cross-entropy, its own model, optimizer and learning rate) and saves it there, then sends its logits on the
/// training split to the coordinator, which hands them to the student trainers. The teacher is frozen, so its
/// logits are computed once rather than per step.
/// </summary>
public sealed class TeacherActor : ReceiveActor
{
    /// <summary>Creates the teacher of <paramref name="student"/>'s run.</summary>
    public TeacherActor(TrainingPlan student, TrainingData data)
    {
        Receive<Prepare>(_ =>
        {
            var plan = student.TeacherPlan();
            var settings = student.Scenario.Distillation!.Teacher;
            using var replica = new TrainerReplica(plan, data);
            var trainedEpochs = 0;
            if (settings.Checkpoint is { } path && TrainingCheckpoint.Load(path) is var (parameters, _))
            {
                var expected = ModelParameters.Flatten(replica.Model).Length;
                if (parameters.Length != expected)
                {
                    throw new ScenarioException(student.Scenario.FilePath, [new ScenarioError("$.distillation.teacher.checkpoint",
                        $"'{path}' holds {parameters.Length} parameters but the teacher model '{settings.Model.Name}' has {expected}; point at the checkpoint of this model, or delete the file to train the teacher again")]);
                }

                replica.Load(parameters);
            }
            else
            {
                long step = 0;
                for (var epoch = 1; epoch <= settings.Epochs; epoch++)
                {
                    step += replica.TrainEpoch(epoch, step).Steps;
                }

                trainedEpochs = settings.Epochs;
                if (settings.Checkpoint is { } save)
                {
                    TrainingCheckpoint.Save(save, ModelParameters.Flatten(replica.Model), new CheckpointState(settings.Epochs, step, double.NaN, 0));
                }
            }

            var evaluation = replica.Evaluate();
            Sender.Tell(new TeacherReady(replica.TrainLogits(), evaluation.Accuracy, trainedEpochs));
        });
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(TrainingPlan student, TrainingData data) =>
        Akka.Actor.Props.Create(() => new TeacherActor(student, data)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Load or train the teacher, then answer with <see cref="TeacherReady"/>.</summary>
    public sealed record Prepare;

    /// <summary>The teacher's logits on the training split (row-major), its test accuracy and the epochs it was trained here (0 when loaded).</summary>
    public sealed record TeacherReady(float[] TrainLogits, double TestAccuracy, int TrainedEpochs);
}
