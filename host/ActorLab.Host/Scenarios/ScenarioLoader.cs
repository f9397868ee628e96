using System.Text.Json;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// Reads a scenario file: JSON syntax (line and position), the JSON Schema, rules across fields the schema
/// cannot say (clients.perRound at most clients.total), and, given a catalog, that every component exists.
/// All mistakes found are reported together, each with the file and the JSON path.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The default scenario, relative to the working directory.</summary>
    public const string DefaultPath = "scenarios/quickstart.json";

    /// <summary>Loads and checks a federated scenario; throws <see cref="ScenarioException"/> listing every mistake.</summary>
    public static Scenario Load(string path) => Load(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated federated scenario.</summary>
    public static Scenario Load(ScenarioDocument document) => document.Bind("federated", Bind);

    /// <summary>Loads and checks a bandit scenario.</summary>
    public static BanditScenario LoadBandit(string path) => LoadBandit(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated bandit scenario.</summary>
    public static BanditScenario LoadBandit(ScenarioDocument document) => document.Bind("bandit", BindBandit);

    /// <summary>Loads and checks a training scenario.</summary>
    public static TrainingScenario LoadTraining(string path) => LoadTraining(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated training scenario.</summary>
    public static TrainingScenario LoadTraining(ScenarioDocument document) => document.Bind("training", (file, root) =>
    {
        var (dataset, testFraction) = BindDataset(root.GetProperty("dataset"));
        var o = root.GetProperty("optimization");
        string? Text(string name) => o.TryGetProperty(name, out var v) ? v.GetString() : null;
        double? Number(string name) => o.TryGetProperty(name, out var v) ? v.GetDouble() : null;
        return new TrainingScenario(
            file,
            root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(file),
            root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
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
            root.TryGetProperty("distillation", out var d) ? BindDistillation(d) : null);
    });

    private static DistillationSettings BindDistillation(JsonElement d)
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

    /// <summary>Loads and checks an agent-training scenario.</summary>
    public static AgentTrainingScenario LoadAgentTraining(string path) => LoadAgentTraining(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated agent-training scenario.</summary>
    public static AgentTrainingScenario LoadAgentTraining(ScenarioDocument document) => document.Bind("agent-training", (file, root) => new AgentTrainingScenario(
        file,
        root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(file),
        root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
        Component(root.GetProperty("trainer"), "$.trainer"),
        root.GetProperty("output").GetString()!));

    /// <summary>Loads and checks an experiment scenario.</summary>
    public static ExperimentScenario LoadExperiment(string path) => LoadExperiment(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated experiment scenario.</summary>
    public static ExperimentScenario LoadExperiment(ScenarioDocument document) => document.Bind("experiment", (file, root) => new ExperimentScenario(
        file,
        root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(file),
        root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
        Component(root.GetProperty("experiment"), "$.experiment")));

    /// <summary>Loads and checks a game scenario.</summary>
    public static GameScenario LoadGame(string path) => LoadGame(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated game scenario.</summary>
    public static GameScenario LoadGame(ScenarioDocument document) => document.Bind("game", BindGame);

    /// <summary>The scenario's kind after checking the whole file (so a mistake is reported before anything runs).</summary>
    public static string KindOf(string path) => ScenarioDocument.Load(path).Kind;

    private static GameScenario BindGame(string path, JsonElement root)
    {
        var hasGame = root.TryGetProperty("game", out _);
        var hasSequence = root.TryGetProperty("sequence", out _);
        if (hasGame == hasSequence)
        {
            throw new ScenarioException(path, [new ScenarioError("$", "a game scenario names exactly one of \"game\" (a repeated normal-form game) or \"sequence\" (online learning against a loss sequence)")]);
        }

        var agents = new List<GameAgentChoice>();
        var index = 0;
        foreach (var item in root.GetProperty("players").EnumerateArray())
        {
            var at = $"$.players[{index++}]";
            var component = Component(item, at);
            var label = LabelOf(path, item, component, at);
            if (agents.Any(p => p.Label == label))
            {
                throw new ScenarioException(path, [new ScenarioError(at, $"two players are labelled '{label}'; give each a distinct \"label\"")]);
            }

            agents.Add(new GameAgentChoice(label, component));
        }

        var feedback = root.TryGetProperty("feedback", out var f) ? f.GetString() : "full";
        return new GameScenario(
            FilePath: path,
            Name: root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(path),
            Seed: root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
            Game: hasGame ? Component(root.GetProperty("game"), "$.game") : null,
            Sequence: hasSequence ? Component(root.GetProperty("sequence"), "$.sequence") : null,
            Agents: agents,
            Rounds: root.GetProperty("rounds").GetInt64(),
            Repetitions: Int(root, "repetitions") ?? 10,
            Feedback: feedback switch
            {
                "sampled" => ActorLab.Contracts.Games.Feedback.Sampled,
                "bandit" => ActorLab.Contracts.Games.Feedback.Bandit,
                _ => ActorLab.Contracts.Games.Feedback.Full,
            },
            BatchSize: Int(root, "batchSize") ?? 10_000,
            Checkpoints: Int(root, "checkpoints") ?? 100,
            Baseline: Bool(root, "baseline") ?? false);
    }

    /// <summary>
    /// A player's or policy's label (default: its component's name). Labels name files in the run folder
    /// (<c>logs/&lt;label&gt;.vw</c>), so one that is not a plain file name is refused.
    /// </summary>
    private static string LabelOf(string path, JsonElement item, ComponentChoice component, string at)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("label", out var l))
        {
            return component.Name;
        }

        var label = l.GetString()!;
        if (label is "." or ".." || label.Any(c => c is '/' or '\\' || char.IsControl(c)))
        {
            throw new ScenarioException(path, [new ScenarioError($"{at}.label",
                $"'{label}' cannot name a file in the run folder; use letters, digits, spaces and punctuation other than '/' and '\\'")]);
        }

        return label;
    }

    private static BanditScenario BindBandit(string path, JsonElement root)
    {
        var policies = new List<BanditPolicyChoice>();
        var index = 0;
        foreach (var item in root.GetProperty("policies").EnumerateArray())
        {
            var at = $"$.policies[{index++}]";
            var component = Component(item, at);
            var label = LabelOf(path, item, component, at);
            if (policies.Any(p => p.Label == label))
            {
                throw new ScenarioException(path, [new ScenarioError(at, $"two policies are labelled '{label}'; give each a distinct \"label\"")]);
            }

            policies.Add(new BanditPolicyChoice(label, component));
        }

        return new BanditScenario(
            FilePath: path,
            Name: root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(path),
            Seed: root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
            Environment: Component(root, "environment", "bernoulli"),
            Policies: policies,
            Steps: root.GetProperty("steps").GetInt64(),
            Repetitions: Int(root, "repetitions") ?? 10,
            BatchSize: Int(root, "batchSize") ?? 10_000,
            Checkpoints: Int(root, "checkpoints") ?? 100,
            Hindsight: Bool(root, "hindsight") ?? false,
            Baseline: Bool(root, "baseline") ?? false)
        {
            Dataset = root.TryGetProperty("dataset", out var dataset) ? BindDataset(dataset).Choice : null,
            LogSteps = root.TryGetProperty("logSteps", out var logSteps) ? logSteps.GetInt64() : 0,
        };
    }

    internal static List<ScenarioError> CheckCrossFieldRules(JsonElement root)
    {
        var errors = new List<ScenarioError>();
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("clients", out var clients) && clients.ValueKind == JsonValueKind.Object
            && clients.TryGetProperty("total", out var total) && IsInt32(total, out var totalValue) && totalValue >= 1
            && clients.TryGetProperty("perRound", out var perRound) && IsInt32(perRound, out var perRoundValue)
            && (perRoundValue < 1 || perRoundValue > totalValue))
        {
            errors.Add(new ScenarioError("$.clients.perRound", $"must be between 1 and clients.total ({totalValue}), got {perRoundValue}"));
        }

        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("clients", out var c) && c.ValueKind == JsonValueKind.Object
            && c.TryGetProperty("perRound", out var pr) && IsInt32(pr, out var prValue) && prValue >= 1
            && c.TryGetProperty("minFit", out var minFit) && IsInt32(minFit, out var minFitValue) && minFitValue > prValue)
        {
            errors.Add(new ScenarioError("$.clients.minFit", $"must be at most clients.perRound ({prValue}), got {minFitValue}"));
        }

        // Adaptive clipping spends part of the budget on the clipped-count noise (sigma_b = m / 20), which only
        // works while z < 2 sigma_b.
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("privacy", out var privacy) && privacy.ValueKind == JsonValueKind.Object
            && privacy.TryGetProperty("clipping", out var clipping) && clipping.ValueKind == JsonValueKind.String && clipping.GetString() == "adaptive"
            && privacy.TryGetProperty("noiseMultiplier", out var z) && IsDouble(z, out var zValue)
            && root.TryGetProperty("clients", out var cl) && cl.ValueKind == JsonValueKind.Object
            && cl.TryGetProperty("perRound", out var m) && IsInt32(m, out var mValue) && zValue >= mValue / 10.0)
        {
            errors.Add(new ScenarioError("$.privacy.noiseMultiplier",
                $"with adaptive clipping must be below clients.perRound / 10 ({mValue / 10.0}), got {zValue}; sample more clients per round or use fixed clipping"));
        }

        // A lost message is noticed only when the round's time is up.
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("faults", out var faults) && faults.ValueKind == JsonValueKind.Object
            && faults.TryGetProperty("messageDrops", out var drops) && drops.TryGetDouble(out var dropsValue) && dropsValue > 0
            && !(root.TryGetProperty("clients", out var withTimeout) && withTimeout.ValueKind == JsonValueKind.Object && withTimeout.TryGetProperty("timeoutSeconds", out _)))
        {
            errors.Add(new ScenarioError("$.faults.messageDrops",
                "needs a round timeout: the server notices a lost message only when the round's time is up; add \"timeoutSeconds\" (e.g. 10) to \"clients\""));
        }

        return errors;
    }

    // The rules run beside the schema, before its errors are reported: a value of the wrong type is the schema's to report, not a crash.
    private static bool IsInt32(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    private static bool IsDouble(JsonElement e, out double value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value);
    }

    private static Scenario Bind(string path, JsonElement root)
    {
        var clients = root.GetProperty("clients");
        var training = root.TryGetProperty("training", out var t) ? t : default;
        var defaults = new TrainingSettings();
        var (dataset, testFraction) = BindDataset(root.GetProperty("dataset"));
        var faults = root.TryGetProperty("faults", out var f) ? f : default;
        var byzantine = faults.ValueKind == JsonValueKind.Object && faults.TryGetProperty("byzantine", out var b) ? b : default;
        var byzantineDefaults = new ByzantineSettings();
        var evaluation = root.TryGetProperty("evaluation", out var e) ? e : default;
        return new Scenario(
            FilePath: path,
            Name: root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(path),
            Kind: root.GetProperty("kind").GetString()!,
            Seed: root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
            Dataset: dataset,
            TestFraction: testFraction,
            Partitioner: Component(root, "partitioner", "iid"),
            Model: Component(root, "model", "mlp"),
            Loss: Component(root, "loss", root.TryGetProperty("bags", out _) ? "bag-level" : "cross-entropy"),
            Strategy: Component(root, "strategy", "fedavg"),
            Optimizer: Component(root, "optimizer", "sgd"),
            Rounds: root.GetProperty("rounds").GetInt32(),
            Clients: new ClientSettings(
                clients.GetProperty("total").GetInt32(),
                clients.GetProperty("perRound").GetInt32(),
                Int(clients, "minFit") ?? 1,
                Bool(clients, "acceptFailures") ?? true)
            {
                TimeoutSeconds = Double(clients, "timeoutSeconds"),
                CallTimeoutSeconds = Double(clients, "callTimeoutSeconds") ?? 300,
                MaxConsecutiveFailures = Int(clients, "maxConsecutiveFailures") ?? 3,
            },
            Training: new TrainingSettings(
                Int(training, "localEpochs") ?? defaults.LocalEpochs,
                Int(training, "batchSize") ?? defaults.BatchSize,
                Double(training, "learningRate") ?? defaults.LearningRate))
        {
            Faults = new FaultSettings(
                Double(faults, "stragglers") ?? 0,
                Double(faults, "dropout") ?? 0,
                Double(faults, "crash") ?? 0,
                new ByzantineSettings(
                    Double(byzantine, "fraction") ?? 0,
                    byzantine.ValueKind == JsonValueKind.Object && byzantine.TryGetProperty("attack", out var attack) ? attack.GetString()! : byzantineDefaults.Attack,
                    Double(byzantine, "scale") ?? byzantineDefaults.Scale))
            {
                Deadline = faults.ValueKind == JsonValueKind.Object && faults.TryGetProperty("deadline", out var d)
                    ? new DeadlineSettings(d.GetProperty("seconds").GetDouble(), Double(d, "samplesPerSecond") ?? 1000, Double(d, "speedSigma") ?? 1)
                    : null,
                NanUpdates = Double(faults, "nanUpdates") ?? 0,
                InfUpdates = Double(faults, "infUpdates") ?? 0,
                SlowClients = Delay(faults, "slowClients"),
                MessageDrops = Double(faults, "messageDrops") ?? 0,
                MessageDelays = Delay(faults, "messageDelays"),
                NodeKills = faults.ValueKind == JsonValueKind.Object && faults.TryGetProperty("nodeKills", out var kills)
                    ? kills.EnumerateArray().Select(k => new NodeKill(k.GetProperty("round").GetInt32(), k.GetProperty("worker").GetInt32())).ToArray()
                    : [],
            },
            EvaluatePerClient = Bool(evaluation, "perClient") ?? true,
            Privacy = root.TryGetProperty("privacy", out var p) ? new PrivacySettings(
                p.GetProperty("noiseMultiplier").GetDouble(),
                Double(p, "clipNorm") ?? 1.0,
                p.TryGetProperty("clipping", out var clippingMode) ? clippingMode.GetString()! : "fixed",
                Double(p, "delta") ?? 1e-5,
                Double(p, "targetQuantile") ?? 0.5,
                Double(p, "clipLearningRate") ?? 0.2) : null,
            Bags = root.TryGetProperty("bags", out var bags) ? new BagSettings(
                bags.GetProperty("size").GetInt32(),
                Double(bags, "epsilon"),
                Double(bags, "responseBound") ?? 10) : null,
        };
    }

    private static (ComponentChoice Choice, double TestFraction) BindDataset(JsonElement element)
    {
        var choice = Component(element, "$.dataset");
        var testFraction = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("testFraction", out var tf) ? tf.GetDouble() : 0.2;
        return (choice, testFraction);
    }

    private static ComponentChoice Component(JsonElement root, string property, string fallback) =>
        root.TryGetProperty(property, out var element)
            ? Component(element, "$." + property)
            : new ComponentChoice(fallback, ComponentOptions.Empty, "$." + property);

    private static ComponentChoice Component(JsonElement element, string jsonPath)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new ComponentChoice(element.GetString()!, ComponentOptions.Empty, jsonPath);
        }

        var options = element.TryGetProperty("options", out var o)
            ? new ComponentOptions(o.Clone(), jsonPath + ".options")
            : ComponentOptions.Empty;
        return new ComponentChoice(element.GetProperty("name").GetString()!, options, jsonPath + ".name");
    }

    private static int? Int(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static double? Double(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.GetDouble() : null;

    private static DelaySettings? Delay(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? new DelaySettings(value.GetProperty("probability").GetDouble(), value.GetProperty("delayMs").GetInt32())
            : null;

    private static bool? Bool(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
