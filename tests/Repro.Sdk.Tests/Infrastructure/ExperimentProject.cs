using System.Text.Json;
using Repro.Processes;

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>
/// A project outside this repository, in a git repository of its own, that uses the packed SDK exactly as a user's
/// project would: &lt;Project Sdk="Repro.Sdk/VERSION"&gt;.
/// </summary>
internal sealed class ExperimentProject
{
    public const string ProgramSource = """
        using System.Globalization;
        using Repro;

        var run = ExperimentRun.Open(args);
        Console.WriteLine($"training {run.Experiment} with seed {run.Seed}");
        switch (run.Param("Mode", "ok"))
        {
            case "crash":
                Console.Error.WriteLine("about to fail: the data is upside down");
                return 3;
            case "nometrics":
                return 0;
            case "badmetrics":
                File.WriteAllText(Path.Combine(run.RunDirectory, "metrics.json"), "{\"accuracy\": \"high\"}");
                return 0;
            case "clock":
                run.LogMetric("score", DateTime.UtcNow.Ticks % 1_000_000 / 1e6);
                return 0;
        }

        // A deterministic stand-in for training: a seeded weighting of the data.
        var values = File.ReadAllLines(run.DataPath).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var state = (ulong)run.Seed;
        var score = 0.0;
        foreach (var value in values)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            score += value * (state >> 11) / (double)(1UL << 53);
        }

        score *= run.Param("Scale", 1.0);
        run.LogMetric("score", score);
        run.LogMetric("rows", values.Length);
        var model = score.ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllText(run.ArtifactPath("model.txt"), run.Param("Stamp", false) ? model + " " + DateTime.UtcNow.Ticks : model);
        return 0;
        """;

    private readonly string? _store;

    private ExperimentProject(string repository, string directory, Feed feed, string? store = null)
    {
        Repository = repository;
        Directory = directory;
        Feed = feed;
        _store = store;
    }

    public string Repository { get; }
    public string Directory { get; }
    public Feed Feed { get; }
    public string ProjectFile => Path.Combine(Directory, "Demo.csproj");
    public string RunsDirectory => _store is null ? Path.Combine(Directory, "runs") : Path.Combine(_store, "runs");

    public string RegistryDirectory => _store is null ? Path.Combine(Directory, "registry") : Path.Combine(_store, "registry");

    /// <summary>
    /// The same project, built and restored once for a test class, with a run store and a registry of this test's own,
    /// outside the repository (so no test's runs make another's tree dirty): every build gets -p:ReproRunsDir and
    /// -p:ReproRegistryDir. A test that changes the project's files needs a project of its own instead.
    /// </summary>
    public ExperimentProject WithStoreOf(string test) =>
        new(Repository, Directory, Feed, Path.Combine(Feed.Root, "stores", test + "-" + Guid.NewGuid().ToString("N")[..8])) { Restored = Restored };

    /// <summary>
    /// Restore has run with the project as it is: later builds pass --no-restore, as a user's second build may, which
    /// saves each build two seconds. A test that changes what restore reads (a package reference) restores again.
    /// </summary>
    public bool Restored { get; private set; }

    /// <summary>Writes the project; with <paramref name="git"/>, commits it (lock file included) so the tree is clean.</summary>
    /// <param name="program">Program.cs; <see cref="ProgramSource"/> by default.</param>
    /// <param name="projectBody">More of the project file: package references, properties.</param>
    public static ExperimentProject Create(string experimentItems, bool git = true, bool restore = true, string? program = null, string projectBody = "")
    {
        var feed = PackedSdk.Feed;
        var repository = System.IO.Directory.CreateDirectory(Path.Combine(feed.Root, "projects", Guid.NewGuid().ToString("N"))).FullName;
        var project = new ExperimentProject(repository, Path.Combine(repository, "Demo"), feed);
        project.Write("nuget.config", feed.NuGetConfig, atRepositoryRoot: true);
        project.Write(".gitignore", "bin/\nobj/\n", atRepositoryRoot: true);
        project.Write("Demo.csproj", $"""
            <Project Sdk="Repro.Sdk/{feed.Version}">
              <ItemGroup>
            {experimentItems}
              </ItemGroup>
            {projectBody}
            </Project>
            """);
        project.Write("Program.cs", program ?? ProgramSource);
        project.Write("data/numbers.csv", "value\n1.5\n2.25\n-3\n4\n10.125\n");
        if (restore)
        {
            project.Restore();
        }

        if (git)
        {
            project.Git("init", "-q", "-b", "main");
            project.Commit("experiment");
        }

        return project;
    }

    /// <summary>A project for a test class to share, restored and built once; each test takes <see cref="WithStoreOf"/>.</summary>
    public static ExperimentProject CreateShared(string experimentItems)
    {
        var project = Create(experimentItems);
        project.Dotnet("build").Succeeded();
        return project;
    }

    /// <summary>A git clone of the repository somewhere else, deeper, as a colleague's checkout of the same commit is.</summary>
    public ExperimentProject Clone()
    {
        var repository = Path.Combine(Feed.Root, "projects", Guid.NewGuid().ToString("N"), "another", "checkout");
        var result = ChildProcess.Run("git", ["clone", "-q", Repository, repository], Feed.Root, TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        return new ExperimentProject(repository, Path.Combine(repository, Path.GetRelativePath(Repository, Directory)), Feed);
    }

    public string Write(string relativePath, string text, bool atRepositoryRoot = false)
    {
        var path = Path.Combine(atRepositoryRoot ? Repository : Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Restores the project as it is now (with <paramref name="properties"/>); later builds skip restore.</summary>
    public CommandResult Restore(params string[] properties)
    {
        var result = Infrastructure.Dotnet.Run(Directory, Feed.Environment, ["restore", .. properties]).Succeeded();
        Restored = true;
        return result;
    }

    public CommandResult Dotnet(params string[] arguments) => Dotnet(Feed.Environment, arguments);

    /// <summary>With <paramref name="environment"/> as the whole of what the test sets (include <see cref="Feed"/>'s).</summary>
    public CommandResult Dotnet(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var result = Infrastructure.Dotnet.Run(Directory, environment, ArgumentsOf(arguments));
        // A build that restored (the first one, or one with -restore) leaves the project restored.
        Restored |= arguments[0] is "build" or "restore" && result.ExitCode == 0;
        return result;
    }

    /// <summary>As a CI server runs it: CI=true turns on the strict gate.</summary>
    public CommandResult DotnetOnCi(params string[] arguments) =>
        Dotnet(new Dictionary<string, string>(Feed.Environment) { ["CI"] = "true" }, arguments);

    /// <summary>
    /// The arguments of a build: with this test's run store and registry when it has its own, and --no-restore once the
    /// project is restored, unless they ask for restore (-restore, for a test of what restore does).
    /// </summary>
    public string[] ArgumentsOf(string[] arguments)
    {
        if (arguments[0] != "build")
        {
            return arguments;
        }

        string[] store = _store is null ? [] : ["-p:ReproRunsDir=" + RunsDirectory, "-p:ReproRegistryDir=" + RegistryDirectory];
        return Restored && !arguments.Any(a => a is "-restore" or "--restore" or "--no-restore") ? [.. arguments, .. store, "--no-restore"] : [.. arguments, .. store];
    }

    public CommandResult Train(params string[] properties) => Dotnet(["build", "-t:Train", .. properties]);

    public CommandResult Reproduce(string runId, params string[] properties) => Dotnet(["build", "-t:Reproduce", "-p:RunId=" + runId, .. properties]);

    /// <summary>Trains one experiment and returns the new run's id; pass -p:Force=true when a run of it may be up to date.</summary>
    public string TrainRun(string experiment, params string[] properties)
    {
        var before = Runs();
        Train(["-p:Experiment=" + experiment, .. properties]).Succeeded();
        return Path.GetFileName(Runs().Except(before).Single());
    }

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    }

    public string Git(params string[] arguments)
    {
        var result = ChildProcess.Run("git", arguments, Repository, TimeSpan.FromSeconds(30));
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        return result.StandardOutput.Trim();
    }

    /// <summary>The finished run folders, oldest first.</summary>
    /// <summary>The run folders (finished or not), oldest first; the groups folder is no run.</summary>
    public string[] Runs() => System.IO.Directory.Exists(RunsDirectory)
        ? System.IO.Directory.GetDirectories(RunsDirectory).Where(f => Path.GetFileName(f) is not ("groups" or ['.', ..])).Order(StringComparer.Ordinal).ToArray()
        : [];

    public static JsonElement ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
