using System.Runtime.InteropServices;

namespace ActorLab.Host.Cli;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM (<c>kill</c>, <c>timeout</c>, a service manager) and SIGHUP (a closed terminal) stop a
/// command alike: the first one cancels <see cref="Token"/> and keeps the process alive until the command has written
/// what it completed (a run ends as <c>cancelled</c>, exit code 130); a second one ends the process at once.
/// </summary>
/// <remarks>
/// The actor systems' hosts leave these signals alone (<see cref="Simulation.SignalFreeHostLifetime"/>, Akka's
/// shutdown hook off): when they took SIGTERM, they stopped the actor system behind the command's back, and the command
/// waited forever for a run that no longer existed.
/// </remarks>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    /// <summary>Takes over SIGINT, SIGTERM and SIGHUP for the life of this object.</summary>
    public StopSignals() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];

    /// <summary>Cancelled by the first stop signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            context.Cancel = false; // the signal's default action: the process ends now
            return;
        }

        context.Cancel = true;
        var name = context.Signal == PosixSignal.SIGINT ? "Ctrl+C" : context.Signal.ToString();
        Console.Error.WriteLine($"cancelling on {name} (a second Ctrl+C or signal stops at once)…");
        _ = _cancellation.CancelAsync(); // callbacks off the signal thread, so that a second signal is heard at once
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }
}
