using Repro.Processes;

namespace Repro.Sdk.Tests.Infrastructure;

/// <summary>Runs the dotnet CLI as a user would, without the variables the test host inherited from its own build.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var variables = Variables(environment);
        // No build node may outlive the test and hold a task assembly or a temp folder. And one node unless the test asks
        // for more: two test classes already share the two cores, and starting a second node costs a build about 0.7 s.
        string[] nodes = arguments[0] is not ("build" or "pack" or "restore" or "msbuild") ? []
            : arguments.Any(a => a == "-m" || a.StartsWith("-m:", StringComparison.Ordinal) || a.StartsWith("-maxcpucount", StringComparison.OrdinalIgnoreCase))
                ? ["-nodeReuse:false"]
                : ["-nodeReuse:false", "-m:1"];
        var result = ChildProcess.Run("dotnet", [.. arguments, .. nodes], workingDirectory, Timeout,
            environment: variables, removeEnvironment: IsInheritedBuildVariable);
        return new CommandResult(string.Join(" ", arguments), result.ExitCode, result.StandardOutput + result.StandardError);
    }

    /// <summary>
    /// What every dotnet command of the tests runs with: the test's variables, no telemetry, plain logging, and the
    /// compiler server a developer's machine uses. A machine may switch it off (UseSharedCompilation=false); then every
    /// compile of the run starts a cold compiler, about 3 s more per program built.
    /// </summary>
    public static Dictionary<string, string> Variables(IReadOnlyDictionary<string, string>? environment)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
        };
        variables.TryAdd("UseSharedCompilation", "true");
        return variables;
    }

    // 'dotnet test' runs inside an MSBuild-started host: these would point a child build at the wrong MSBuild.
    public static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("MSBUILD_EXE_PATH", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
        IsCiVariable(name);

    // The tests choose when a build runs as on CI (strict mode); the CI running them must not choose for them.
    private static bool IsCiVariable(string name) =>
        name.Equals("CI", StringComparison.OrdinalIgnoreCase) || name.Equals("ContinuousIntegrationBuild", StringComparison.OrdinalIgnoreCase);
}

internal sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public CommandResult Succeeded()
    {
        Assert.AreEqual(0, ExitCode, $"'{Command}' failed:\n{Output}");
        return this;
    }

    public CommandResult FailedWith(string code)
    {
        Assert.AreNotEqual(0, ExitCode, $"'{Command}' should have failed:\n{Output}");
        StringAssert.Contains(Output, $"error {code}:", $"'{Command}' output:\n{Output}");
        return this;
    }
}
