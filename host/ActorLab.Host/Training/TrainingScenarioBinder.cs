using System.Text.Json;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Scenarios;
using static ActorLab.Host.Scenarios.ScenarioBinding;

namespace ActorLab.Host.Training;

/// <summary>Binds a validated <c>training</c> scenario into a <see cref="TrainingScenario"/>.</summary>
public static class TrainingScenarioBinder
{
    /// <summary>Loads and checks a training scenario.</summary>
    public static TrainingScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated training scenario.</summary>
    public static TrainingScenario Bind(ScenarioDocument document) => document.Bind(TrainingKind.KindName, Bind);

    private static TrainingScenario Bind(string file, JsonElement root)
    {
        var (dataset, testFraction) = Dataset(root.GetProperty("dataset"));
        var o = root.GetProperty("optimization");
        string? Text(string name) => o.TryGetProperty(name, out var v) ? v.GetString() : null;
        double? Number(string name) => o.TryGetProperty(name, out var v) ? v.GetDouble() : null;
        return new TrainingScenario(
            file,
            Name(file, root),
            Seed(root),
            dataset,
            testFraction,
            Component(root, "model", "mlp"),
            Component(root, "loss", "cross-entropy"),
            Component(root, "optimizer", "sgd"),
            new OptimizationSettings(
                Epochs: o.GetProperty("epochs").GetInt32(),
                BatchSize: Int(o, "batchSize") ?? 64,
                LearningRate: Number("learningRate") ?? 0.05,
                Trainers: Int(o, "trainers") ?? 1,
                Device: Text("device") ?? "cpu",
                GradientClip: Number("gradientClip"),
                Patience: Int(o, "patience"),
                Schedule: Text("schedule") ?? "constant",
                WarmupSteps: Int(o, "warmupSteps") ?? 0,
                DecayFraction: Number("decayFraction") ?? 0.1,
                Checkpoint: Text("checkpoint"),
                Resume: Bool(o, "resume") ?? false,
                Precision: Text("precision") ?? "fp32"),
            root.TryGetProperty("distillation", out var d) ? Distillation(d) : null);
    }

    private static DistillationSettings Distillation(JsonElement d)
    {
        var teacher = d.GetProperty("teacher");
        return new DistillationSettings(
            d.TryGetProperty("loss", out var loss) ? Component(loss, "$.distillation.loss") : new ComponentChoice("kd", ComponentOptions.Empty, "$.distillation.loss"),
            new TeacherSettings(
                Component(teacher.GetProperty("model"), "$.distillation.teacher.model"),
                teacher.TryGetProperty("checkpoint", out var c) ? c.GetString() : null,
                Int(teacher, "epochs") ?? 10,
                Double(teacher, "learningRate") ?? 0.05,
                teacher.TryGetProperty("optimizer", out var optimizer) ? Component(optimizer, "$.distillation.teacher.optimizer") : new ComponentChoice("sgd", ComponentOptions.Empty, "$.distillation.teacher.optimizer")));
    }
}
