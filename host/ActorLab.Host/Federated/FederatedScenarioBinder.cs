using System.Text.Json;
using ActorLab.Host.Scenarios;
using static ActorLab.Host.Scenarios.ScenarioBinding;

namespace ActorLab.Host.Federated;

/// <summary>Binds a validated <c>federated</c> scenario into a <see cref="FederatedScenario"/>.</summary>
public static class FederatedScenarioBinder
{
    /// <summary>Loads and checks a federated scenario; throws <see cref="ScenarioException"/> listing every mistake.</summary>
    public static FederatedScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated federated scenario.</summary>
    public static FederatedScenario Bind(ScenarioDocument document) => document.Bind(FederatedKind.KindName, Bind);

    private static FederatedScenario Bind(string path, JsonElement root)
    {
        var clients = root.GetProperty("clients");
        var training = root.TryGetProperty("training", out var t) ? t : default;
        var defaults = new TrainingSettings();
        var (dataset, testFraction) = Dataset(root.GetProperty("dataset"));
        var faults = root.TryGetProperty("faults", out var f) ? f : default;
        var byzantine = faults.ValueKind == JsonValueKind.Object && faults.TryGetProperty("byzantine", out var b) ? b : default;
        var byzantineDefaults = new ByzantineSettings();
        var evaluation = root.TryGetProperty("evaluation", out var e) ? e : default;
        return new FederatedScenario(
            FilePath: path,
            Name: Name(path, root),
            Kind: root.GetProperty("kind").GetString()!,
            Seed: Seed(root),
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

    private static DelaySettings? Delay(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? new DelaySettings(value.GetProperty("probability").GetDouble(), value.GetProperty("delayMs").GetInt32())
            : null;
}
