using TorchSharp;

namespace ActorLab.Host.Torch;

/// <summary>What <see cref="TorchRuntime.Initialize"/> set up, for the run summary.</summary>
/// <param name="IntraOpThreads">libtorch intra-op threads (1: parallelism comes from actors).</param>
/// <param name="MklAmdFastpath">Whether MKL's fast path on AMD was enabled, and if not why.</param>
public sealed record TorchRuntimeInfo(int IntraOpThreads, string MklAmdFastpath);

/// <summary>
/// Prepares libtorch once per process, before the first tensor: the MKL fast path on AMD (which must be
/// in place before libtorch loads) and one intra-op thread, because trainer actors already use every core
/// and libtorch's own pool on top of them oversubscribes and runs slower.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<TorchRuntimeInfo> Info = new(() =>
    {
        var fastpath = MklAmdFastpath.TryEnable(AppContext.BaseDirectory);
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
        return new TorchRuntimeInfo(torch.get_num_threads(), fastpath.ToString());
    });

    /// <summary>Initialises libtorch (idempotent) and returns what was set.</summary>
    public static TorchRuntimeInfo Initialize() => Info.Value;
}
