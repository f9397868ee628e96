using ActorLab.Contracts.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.PluginSdk;

/// <summary>
/// The plugin SDK as an outsider gets it, prepared once for the SDK tests: ActorLab.Contracts and the
/// <c>actorlab-plugin</c> template packed into a temporary package folder, the template installed into a temporary
/// template hive (the user's stays untouched). Restores are offline: the only source is that folder, every other
/// package comes from the machine's global packages folder used as a read-only fallback, and what is extracted goes
/// to a temporary packages folder.
/// </summary>
public sealed class SdkPackages : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>Everything the fixture writes lives under this folder, removed at the end.</summary>
    public string Root { get; } = Repo.TempDirectory("sdk");

    /// <summary>The package folder (what artifacts/packages is for a user).</summary>
    public string Packages => Path.Combine(Root, "packages");

    /// <summary>The template hive <c>dotnet new --debug:custom-hive</c> uses.</summary>
    public string Hive => Path.Combine(Root, "hive");

    /// <summary>
    /// The version the contracts are packed under: the built assembly's, with a prerelease label unique to this run, so
    /// that no package extracted earlier under the same version (by a developer following docs/plugins.md) is used instead.
    /// </summary>
    public string ContractsVersion { get; } = ContractsVersionOfThisRun();

    /// <summary>The packed ActorLab.Contracts.</summary>
    public string ContractsPackage => Path.Combine(Packages, $"ActorLab.Contracts.{ContractsVersion}.nupkg");

    /// <summary>How long packing both packages and installing the template took.</summary>
    public TimeSpan PreparationTime { get; private set; }

    /// <summary>Variables for every <c>dotnet</c> the SDK tests start.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages"),
        ["NUGET_FALLBACK_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The contracts as built with the host (no rebuild: the package holds the very assembly the host loads).
        (await DotnetAsync(Repo.Root, "pack", Repo.Path("contracts", "ActorLab.Contracts", "ActorLab.Contracts.csproj"),
            "-c", Repo.Configuration, "--no-build", "-o", Packages, $"-p:PackageVersion={ContractsVersion}",
            $"-p:NuspecOutputPath={Path.Combine(Root, "nuspec")}/")).EnsureSuccess("dotnet pack ActorLab.Contracts");
        (await DotnetAsync(Repo.Root, "pack", Repo.Path("templates", "ActorLab.Plugin.Templates", "ActorLab.Plugin.Templates.csproj"),
            "-c", Repo.Configuration, "-o", Packages)).EnsureSuccess("dotnet pack ActorLab.Plugin.Templates");
        var template = Directory.GetFiles(Packages, "ActorLab.Plugin.Templates.*.nupkg").Single();
        (await DotnetAsync(Root, "new", "install", template, "--debug:custom-hive", Hive)).EnsureSuccess("dotnet new install");
        PreparationTime = clock.Elapsed;
    }

    /// <summary>Runs <c>dotnet new actorlab-plugin</c> into <paramref name="parent"/>/<paramref name="name"/> and returns that folder.</summary>
    public async Task<string> NewPluginAsync(string parent, string name, string kind)
    {
        var folder = Path.Combine(parent, name);
        (await DotnetAsync(parent, "new", "actorlab-plugin", "-n", name, "--kind", kind, "-o", folder,
            "--contracts-source", Packages, "--contracts-version", ContractsVersion, "--debug:custom-hive", Hive))
            .EnsureSuccess($"dotnet new actorlab-plugin --kind {kind}");
        return folder;
    }

    /// <summary>
    /// Builds a generated plugin and its tests (Release), given its folder or a solution; copy-local files (libtorch for
    /// the tests: 500 MB) are hard links into the packages folder where possible.
    /// </summary>
    public Task<DotnetCommand.Result> BuildAsync(string path) => DotnetAsync(Folder(path), "build", path, "-c", "Release",
        "--source", Packages, "--disable-build-servers", "-p:CreateHardLinksForCopyLocalIfPossible=true");

    /// <summary>Runs the unit tests of a generated plugin (its folder) or of a solution, already built.</summary>
    public Task<DotnetCommand.Result> TestAsync(string path) => DotnetAsync(Folder(path), "test", path, "-c", "Release", "--no-build");

    private static string Folder(string path) => Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    private Task<DotnetCommand.Result> DotnetAsync(string directory, params string[] args) =>
        DotnetCommand.RunAsync(directory, Environment, Timeout, args);

    private static string ContractsVersionOfThisRun()
    {
        var version = typeof(IActorLabPlugin).Assembly.GetName().Version!;
        return $"{version.Major}.{version.Minor}.{version.Build}-test{Guid.NewGuid():N}";
    }
}

/// <summary>The SDK tests share one <see cref="SdkPackages"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SdkCollection : ICollectionFixture<SdkPackages>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Sdk";
}
