using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace ActorLab.Build.Tests;

/// <summary>Tests the MSBuild task wrapper with an in-memory build engine.</summary>
public sealed class MarkElfVersionNeedWeakTaskTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PatchesExistingFilesAndSkipsMissingOnes()
    {
        string copy = _temp.CopyPristine();
        string missing = Path.Combine(_temp.Path, "missing", "libLibTorchSharp.so");
        var engine = new RecordingBuildEngine();

        bool ok = Run(engine, copy, missing);

        Assert.True(ok);
        Assert.Empty(engine.Errors);
        BuildMessageEventArgs patched = Assert.Single(engine.Messages, m => m.Message!.Contains("as weak"));
        Assert.Equal(MessageImportance.Normal, patched.Importance);
        Assert.Contains(copy, patched.Message);
        BuildMessageEventArgs skipped = Assert.Single(engine.Messages, m => m.Message!.Contains("not found"));
        Assert.Equal(MessageImportance.Low, skipped.Importance);
        Assert.NotEqual(TestEnvironment.PristineSha256, TestEnvironment.Sha256(copy));
    }

    [Fact]
    public void AlreadyWeakIsLoggedAtLowImportance()
    {
        string copy = _temp.CopyPristine();
        Assert.True(Run(new RecordingBuildEngine(), copy));
        var engine = new RecordingBuildEngine();

        bool ok = Run(engine, copy);

        Assert.True(ok);
        BuildMessageEventArgs message = Assert.Single(engine.Messages);
        Assert.Equal(MessageImportance.Low, message.Importance);
        Assert.Contains("already weak", message.Message);
    }

    [Fact]
    public void NonElfFileFailsTheTaskWithAClearError()
    {
        string text = _temp.Write("libLibTorchSharp.so", "not elf"u8.ToArray());
        var engine = new RecordingBuildEngine();

        bool ok = Run(engine, text);

        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Contains("is not an ELF file", error.Message);
    }

    private static bool Run(IBuildEngine engine, params string[] files)
    {
        var task = new MarkElfVersionNeedWeak
        {
            BuildEngine = engine,
            Files = files.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
            VersionName = TestEnvironment.VersionName,
        };
        return task.Execute();
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildMessageEventArgs> Messages { get; } = [];

        public List<BuildErrorEventArgs> Errors { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => throw new InvalidOperationException($"Unexpected warning: {e.Message}");

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();
    }
}
