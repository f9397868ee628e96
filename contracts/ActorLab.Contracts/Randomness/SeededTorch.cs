using TorchSharp;

namespace ActorLab.Contracts.Randomness;

/// <summary>
/// Deterministic use of torch's default generator. Parameter initialisation (nn.Linear and friends) draws from libtorch's
/// one process-wide CPU generator, so two simulations that seed it and build models at the same time interleave their
/// draws and get initial weights that depend on timing. Everything that seeds it and draws from it goes through
/// <see cref="Run{T}"/>, which holds one process-wide lock from the seeding to the last draw, and every other model
/// construction through <see cref="Exclusive{T}"/>.
/// </summary>
public static class SeededTorch
{
    private static readonly Lock Gate = new();

    /// <summary>Seeds torch's default generator from (<paramref name="seed"/>, <paramref name="stream"/>, <paramref name="entity"/>) and runs <paramref name="draw"/> (typically: build a model) under the lock.</summary>
    public static T Run<T>(int seed, string stream, Func<T> draw, long entity = 0)
    {
        lock (Gate)
        {
            torch.random.manual_seed((long)(RandomStreams.DeriveSeed(seed, stream, entity) & 0x7FFF_FFFF_FFFF_FFFF));
            return draw();
        }
    }

    /// <summary>
    /// Runs <paramref name="draw"/> under the lock without seeding: for models whose initial values are overwritten
    /// right after (replicas loading shared parameters), whose construction still draws from the generator and must not
    /// interleave with a seeded <see cref="Run{T}"/>.
    /// </summary>
    public static T Exclusive<T>(Func<T> draw)
    {
        lock (Gate)
        {
            return draw();
        }
    }
}
