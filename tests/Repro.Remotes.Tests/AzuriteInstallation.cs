using System.Diagnostics;

namespace Repro.Testing;

/// <summary>
/// Azurite installed with npm into &lt;repo&gt;/.tools/azurite (gitignored): once per machine, reused after, and
/// guarded by a lock file so two test processes starting together do not install over each other.
/// </summary>
internal static class AzuriteInstallation
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly Lazy<string> Bin = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The azurite-blob script to run with node.</summary>
    public static string Ensure() => Bin.Value;

    private static string Install()
    {
        var tools = Path.Combine(RepositoryRoot(), ".tools");
        var folder = Path.Combine(tools, "azurite");
        var bin = Path.Combine(folder, "node_modules", ".bin", "azurite-blob");
        var marker = Path.Combine(folder, $"installed-{Azurite.Version}");
        Directory.CreateDirectory(tools);
        using var exclusive = Lock(Path.Combine(tools, "azurite.lock"));
        if (File.Exists(marker) && File.Exists(bin))
        {
            return bin;
        }

        // A half install (a killed npm) is started over: only the marker says an install finished.
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        Azurite.Log($"Azurite: installing azurite@{Azurite.Version} with npm into {folder} (about a minute, once)...");
        Run(folder, "npm", "install", $"azurite@{Azurite.Version}", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel", "error");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"npm installed azurite@{Azurite.Version} but {bin} is missing.");
        }

        File.WriteAllText(marker, Azurite.Version);
        Azurite.Log("Azurite: installed.");
        return bin;
    }

    private static FileStream Lock(string path)
    {
        var watch = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None is an advisory whole-file lock on Unix too, dropped by the OS if the holder dies.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < InstallTimeout)
            {
                if (!told)
                {
                    Azurite.Log("Azurite: waiting for another test process that is installing it...");
                    told = true;
                }

                Thread.Sleep(500);
            }
        }
    }

    private static void Run(string directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The Azure remote tests need Node.js and npm on PATH to install Azurite: {e.Message}", e);
        }

        using (process)
        {
            process.OutputDataReceived += (_, e) => Print(e.Data);
            process.ErrorDataReceived += (_, e) => Print(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var watch = Stopwatch.StartNew();
            while (!process.WaitForExit(10_000))
            {
                if (watch.Elapsed > InstallTimeout)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {InstallTimeout.TotalMinutes} minutes.");
                }

                Azurite.Log($"Azurite: npm still installing ({watch.Elapsed.TotalSeconds:0} s)...");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode} (its output is above).");
            }
        }
    }

    private static void Print(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Azurite.Log("  npm: " + line);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Repro.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("no Repro.sln above " + AppContext.BaseDirectory);
    }
}
