using System.ComponentModel;
using System.Text.Json;
using ActorLab.Host.Results;
using ActorLab.Host.Torch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab info</c>: what this machine's runs compute with (CPU vendor, MKL kernel path, the AMD fast path's status,
/// libtorch threads), so a user can tell before a resume or a cluster run whether two machines agree, and CI can print
/// the vendor it ran on.
/// </summary>
public sealed class InfoCommand : Command<InfoCommand.Settings>
{
    /// <summary>Options of <c>info</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Print JSON on stdout.</summary>
        [CommandOption("--json")]
        [Description("Print the facts as one JSON object on stdout")]
        public bool Json { get; init; }
    }

    /// <summary>The facts <c>info</c> prints.</summary>
    /// <param name="Version">The program's version.</param>
    /// <param name="CpuVendor">The CPU vendor id.</param>
    /// <param name="MklKernels">The MKL kernel path (see <see cref="MklKernelPath"/>).</param>
    /// <param name="MklAmdFastpath">The fast path's status line.</param>
    /// <param name="TorchThreads">libtorch intra-op threads.</param>
    public sealed record RuntimeFacts(string Version, string CpuVendor, MklKernelPath MklKernels, string MklAmdFastpath, int TorchThreads);

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var torch = TorchRuntime.Initialize();
        var facts = new RuntimeFacts(typeof(InfoCommand).Assembly.GetName().Version?.ToString(3) ?? "?", torch.MklKernels.CpuVendor,
            torch.MklKernels, torch.MklAmdFastpath, torch.IntraOpThreads);
        if (settings.Json)
        {
            ProgramOutput.Out.WriteLine(JsonSerializer.Serialize(facts, ResultsJson.Options));
            return 0;
        }

        var table = new Table().HideHeaders().AddColumn("").AddColumn("");
        table.AddRow("actorlab", Markup.Escape(facts.Version));
        table.AddRow("CPU vendor", Markup.Escape(facts.CpuVendor));
        table.AddRow("MKL kernels", Markup.Escape(facts.MklKernels.ToString()));
        table.AddRow("MKL AMD fast path", Markup.Escape(facts.MklAmdFastpath));
        table.AddRow("libtorch threads", facts.TorchThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        return 0;
    }
}
