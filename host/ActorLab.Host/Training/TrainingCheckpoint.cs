using System.Text.Json;

namespace ActorLab.Host.Training;

/// <summary>Where training stood when a checkpoint was written.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Step">Optimizer steps completed.</param>
/// <param name="BestTestLoss">Best test loss so far (early stopping).</param>
/// <param name="SinceBest">Epochs since it.</param>
/// <param name="Fingerprint">What the model was trained on (a teacher's seed, data set and model), checked when it is reused; null for run checkpoints.</param>
public sealed record CheckpointState(int Epoch, long Step, double BestTestLoss, int SinceBest, string? Fingerprint = null);

/// <summary>
/// A training checkpoint: the flat float32 parameters at the path (little-endian, in <c>parameters()</c> order) and the
/// training state in path + ".json". The optimizer's own state (momentum buffers) is not saved: a resumed run with
/// a stateful optimizer restarts that state.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>Writes the checkpoint (parameters first, then the state, so a state file always has its parameters).</summary>
    public static void Save(string path, float[] parameters, CheckpointState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var bytes = new byte[parameters.Length * sizeof(float)];
        Buffer.BlockCopy(parameters, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(path + ".json", JsonSerializer.Serialize(state));
    }

    /// <summary>Reads a checkpoint, or null when there is none at <paramref name="path"/>.</summary>
    public static (float[] Parameters, CheckpointState State)? Load(string path)
    {
        if (!File.Exists(path) || !File.Exists(path + ".json"))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var parameters = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, parameters, 0, bytes.Length);
        return (parameters, JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path + ".json"))!);
    }
}
