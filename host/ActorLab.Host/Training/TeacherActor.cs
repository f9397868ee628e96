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
            long step = 0;
            var fingerprint = Fingerprint(plan.Scenario);
            if (settings.Checkpoint is { } path && TrainingCheckpoint.Load(path) is var (parameters, state))
            {
                if (state.Fingerprint != fingerprint)
                {
                    throw new ScenarioException(student.Scenario.FilePath, [new ScenarioError("$.distillation.teacher.checkpoint",
                        $"'{path}' holds a teacher trained for {state.Fingerprint ?? "another run"}, not for this run ({fingerprint}); point at another file, or delete it to train the teacher again")]);
                }

                replica.Load(parameters);
            }
            else
            {
                for (var epoch = 1; epoch <= settings.Epochs; epoch++)
                {
                    step += replica.TrainEpoch(epoch, step).Steps;
                }

                trainedEpochs = settings.Epochs;
            }

            var evaluation = replica.Evaluate();
            if (trainedEpochs > 0 && settings.Checkpoint is { } save)
            {
                TrainingCheckpoint.Save(save, ModelParameters.Flatten(replica.Model), new CheckpointState(settings.Epochs, step, evaluation.Loss, 0, fingerprint));
            }

            Sender.Tell(new TeacherReady(replica.TrainLogits(), evaluation.Accuracy, trainedEpochs));
        });
    }

    /// <summary>
    /// What a cached teacher must have been trained on to be reused: the seed (it fixes the split and, for synthetic
    /// sets, the data), the data set with its options, and the model with its options.
    /// </summary>
    public static string Fingerprint(TrainingScenario teacher) =>
        $"seed {teacher.Seed}, dataset {teacher.Dataset.Name} {teacher.Dataset.Options.Raw.GetRawText()}, test fraction {teacher.TestFraction}, " +
        $"model {teacher.Model.Name} {teacher.Model.Options.Raw.GetRawText()}";

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(TrainingPlan student, TrainingData data) =>
        Akka.Actor.Props.Create(() => new TeacherActor(student, data)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Load or train the teacher, then answer with <see cref="TeacherReady"/>.</summary>
    public sealed record Prepare;

    /// <summary>The teacher's logits on the training split (row-major), its test accuracy and the epochs it was trained here (0 when loaded).</summary>
    public sealed record TeacherReady(float[] TrainLogits, double TestAccuracy, int TrainedEpochs);
}
