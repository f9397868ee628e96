using ActorLab.Contracts.Randomness;
using System.Text.Json;

namespace ActorLab.Plugins.Games.Agents.RegretTransformer;

/// <summary>
/// A trained network on disk: the TorchSharp weights at the path and the architecture (plus how it was trained) in
/// path + ".json", so an agent can rebuild the module before loading the weights.
/// </summary>
internal static class RegretTransformerCheckpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Save(RegretTransformerNetwork network, string path, object training)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        network.save(path);
        File.WriteAllText(path + ".json", JsonSerializer.Serialize(new { shape = network.Shape, training }, Json));
    }

    public static RegretTransformerNetwork Load(string path)
    {
        if (!File.Exists(path) || !File.Exists(path + ".json"))
        {
            throw new ArgumentException($"regret-transformer: no checkpoint at '{path}' (and '{path}.json'); train one with `actorlab train-agent scenarios/train-regret-transformer.json`");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path + ".json"));
        var shape = document.RootElement.GetProperty("shape").Deserialize<RegretTransformerShape>(Json)
            ?? throw new ArgumentException($"regret-transformer: '{path}.json' has no shape");
        var network = SeededTorch.Exclusive(() => new RegretTransformerNetwork(shape)); // overwritten by the checkpoint
        network.load(path);
        network.eval();
        return network;
    }
}
