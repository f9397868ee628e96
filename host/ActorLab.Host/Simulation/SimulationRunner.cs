using ActorLab.Host.Federated;
using ActorLab.Host.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorLab.Host.Simulation;

/// <summary>How to run a simulation in this process.</summary>
/// <param name="Workers">Threads for trainer actors (clients); results do not depend on it.</param>
public sealed record SimulationOptions(int Workers);

/// <summary>
/// Runs one simulation in an Akka.NET actor system hosted with Akka.Hosting, and returns when the run
/// supervisor reports the end. Akka's log goes to stderr at warning level, so stdout stays clean for --json.
/// </summary>
public static class SimulationRunner
{
    /// <summary>Runs <paramref name="plan"/>; results reach <paramref name="observer"/> as they complete.</summary>
    public static async Task RunAsync(FederatedRunPlan plan, SimulationOptions options, CompletionObserver observer, CancellationToken cancellationToken = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka("actorlab", akka => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddSimulationDispatchers(options.Workers)
            .AddRunSupervisorActor(plan, observer));

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            await observer.Completion.WaitAsync(cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
