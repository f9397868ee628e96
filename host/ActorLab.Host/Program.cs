using ActorLab.Host.Cli;
using ActorLab.Host.Secrets;
using ActorLab.Telemetry;

// The `actorlab` program. Telemetry export follows the standard OTEL_* variables; with none set, nothing leaves the process.
// `run --otlp [URL]` sets those variables before the exporters read them.
OtlpOption.Apply(args);
SecretRedaction.RegisterEnvironment();
RedactingTextWriter.Install(); // no known secret reaches the console, whoever prints it
if (args.Contains("--json"))
{
    ProgramOutput.Reserve(); // stdout holds the JSON answer and nothing else
}

using var telemetry = TelemetrySetup.FromEnvironment();

var app = ActorLabApp.Create();

// Ctrl+C, SIGTERM and SIGHUP end a run between rounds' results: completed rounds and the summary are still written.
using var stop = new StopSignals();
return await app.RunAsync(args, stop.Token);
