using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Cluster;
using ActorLab.Host.Federated;
using ActorLab.Host.Hosting;
using ActorLab.Host.Resume;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorLab.Host.Simulation;

/// <summary>
/// Runs one simulation in an Akka.NET actor system hosted with Akka.Hosting, and returns when the simulation's
/// completion task ends. Akka's log goes to stderr at warning level, so stdout stays clean for --json.
/// </summary>
public static class SimulationRunner
{
    /// <summary>Runs a federated plan; results reach <paramref name="observer"/> as they complete.</summary>
    /// With <see cref="SimulationOptions.Cluster"/> set, this process joins the cluster as the coordinator and the
    /// clients run on the worker nodes (<paramref name="prepare"/> is what each of them is asked to get ready for).
    public static Task RunAsync(FederatedRunPlan plan, SimulationOptions options, CompletionObserver observer, CancellationToken cancellationToken = default,
        Cluster.PrepareRun? prepare = null) =>
        HostAsync(options, akka =>
        {
            if (options.Journal is { } journal)
            {
                journal.Settings.Configure(akka, journal.RunDirectory);
            }

            if (options.Cluster is { } cluster)
            {
                akka.AddClusterRunStarterActor(plan, observer, options, cluster, prepare ?? throw new ArgumentNullException(nameof(prepare)),
                    line => Console.Error.WriteLine($"cluster: {line}"));
            }
            else
            {
                akka.AddRunSupervisorActor(plan, observer, options);
            }
        }, observer.Completion, cancellationToken);

    /// <summary>
    /// Hosts <paramref name="actors"/> until <paramref name="completion"/> ends and reports how: completed with its
    /// value, failed (a <see cref="RunFailedException"/> from the actors) or cancelled (Ctrl+C).
    /// </summary>
    public static async Task<SimulationResult<T>> HostUntilDoneAsync<T>(SimulationOptions options, Action<AkkaConfigurationBuilder> actors,
        TaskCompletionSource<T> completion, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await HostAsync(options, actors, completion.Task, cancellationToken);
            return new SimulationResult<T>(await completion.Task, RunStatus.Completed, null);
        }
        catch (RunFailedException ex)
        {
            return new SimulationResult<T>(null, RunStatus.Failed, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new SimulationResult<T>(null, RunStatus.Cancelled, null);
        }
    }

    /// <summary>Starts an actor system with the simulation dispatchers and <paramref name="actors"/>, and waits for <paramref name="completion"/>.</summary>
    public static async Task HostAsync(SimulationOptions options, Action<AkkaConfigurationBuilder> actors, Task completion, CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o =>
            {
                o.LogToStandardErrorThreshold = LogLevel.Trace;
                o.FormatterName = OneLineLogFormatter.FormatterName; // Akka logs whole stack traces: one line each
            })
            .AddConsoleFormatter<OneLineLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, SignalFreeHostLifetime>();
        builder.Services.AddAkka("actorlab", akka =>
        {
            akka.ConfigureLoggers(loggers =>
                {
                    loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .AddSimulationDispatchers(options.Workers)
                // Akka's fallback logger writes to stdout before the logger factory is up and after it is gone (remoting
                // and persistence at shutdown): off, so that stdout holds only the program's output (--json).
                .AddHocon("akka.stdout-loglevel = OFF", HoconAddMode.Prepend)
                // Akka's own SIGTERM and process-exit hook would shut the actor system down under the running command (which
                // then waits forever for the run's results) and block the signal thread while it does: the command's token
                // (Cli.StopSignals) stops a run instead, and the run stops its host.
                .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
            if (options.Cluster is { } cluster)
            {
                akka.AddClusterMembership(cluster);
            }

            actors(akka);
        });

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            await completion.WaitAsync(cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
