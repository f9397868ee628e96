using System.Runtime.CompilerServices;
using ActorLab.Host.Torch;

namespace ActorLab.Host.Tests.Support;

/// <summary>
/// Prepares libtorch the way the <c>actorlab</c> program does before any test runs, so that tests comparing in-process
/// runs with CLI runs compare the same MKL kernels (on AMD the fast path must be in place before libtorch loads; a test
/// that touched TorchSharp first would otherwise make every later run in this process refuse to start).
/// </summary>
internal static class TorchFirst
{
#pragma warning disable CA2255 // deliberate: the test host must set up libtorch before any test touches TorchSharp
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => TorchRuntime.Initialize();
}
