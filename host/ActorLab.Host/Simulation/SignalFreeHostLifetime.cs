using Microsoft.Extensions.Hosting;

namespace ActorLab.Host.Simulation;

/// <summary>
/// The lifetime of the generic host a simulation's actor system runs in: it listens to no signal. The default
/// (<c>ConsoleLifetime</c>) stops the host on SIGINT and SIGTERM, terminating the actor system while the command still
/// waits for the run's results, and swallows every further SIGTERM; here the command's cancellation token
/// (<see cref="Cli.StopSignals"/>) alone ends a run, which then stops its host itself.
/// </summary>
public sealed class SignalFreeHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
