namespace ActorLab.Host.Training;

/// <summary>The optimisation protocol of a training run.</summary>
/// <param name="Epochs">Passes over the training split.</param>
/// <param name="BatchSize">Rows per optimizer step (split evenly over the trainers).</param>
/// <param name="LearningRate">Peak learning rate.</param>
/// <param name="Trainers">Data-parallel trainer actors; their gradients are averaged, equivalent to one large batch.</param>
/// <param name="Device">cpu, or cuda when the TorchSharp CUDA backend is present.</param>
/// <param name="GradientClip">Maximum global gradient norm, or null for none.</param>
/// <param name="Patience">Stop after this many epochs without a better test loss, or null to run every epoch.</param>
/// <param name="Schedule">constant, warmup-cosine or warmup-stable-decay.</param>
/// <param name="WarmupSteps">Linear warm-up steps of the schedules.</param>
/// <param name="DecayFraction">warmup-stable-decay: the final share of steps over which the rate decays linearly to 0.</param>
/// <param name="Checkpoint">Where the model is saved after every epoch, or null.</param>
/// <param name="Resume">Continue from <paramref name="Checkpoint"/> if it exists.</param>
/// <param name="Precision">fp32; bf16 (CPU or CUDA) or fp16 (CUDA) for mixed precision with float32 master weights.</param>
/// <param name="Threads">libtorch intra-op threads each trainer computes with (see <see cref="Torch.IntraOpThreads"/>).</param>
public sealed record OptimizationSettings(
    int Epochs,
    int BatchSize = 64,
    double LearningRate = 0.05,
    int Trainers = 1,
    string Device = "cpu",
    double? GradientClip = null,
    int? Patience = null,
    string Schedule = "constant",
    int WarmupSteps = 0,
    double DecayFraction = 0.1,
    string? Checkpoint = null,
    bool Resume = false,
    string Precision = "fp32",
    int Threads = 1);
