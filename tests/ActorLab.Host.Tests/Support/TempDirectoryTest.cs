namespace ActorLab.Host.Tests.Support;

/// <summary>A test class with a fresh temporary folder of its own, removed when the test ends.</summary>
public abstract class TempDirectoryTest(string prefix) : IDisposable
{
    /// <summary>The folder.</summary>
    protected string Dir { get; } = Repo.TempDirectory(prefix);

    /// <inheritdoc />
    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
