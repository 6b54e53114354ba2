using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Repro.Report.Tests;

/// <summary>
/// Debian's chromium and chromedriver, installed with apt-get once per machine under a lock, and a headless browser
/// started through them. Selenium is given both paths, so it never looks for (or downloads) a browser of its own. A
/// machine where they cannot be installed fails these tests: no browser is a failure, not a skip.
/// </summary>
internal static class Chromium
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);
    private static readonly Lazy<bool> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A headless chromium with its console and network logs kept, at a fixed window size for screenshots.</summary>
    public static ChromeDriver Start()
    {
        _ = Installed.Value;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        options.SetLoggingPreference("performance", LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static bool Install()
    {
        if (File.Exists(Browser) && File.Exists(Driver))
        {
            return true;
        }

        using var exclusive = Lock(Path.Combine(Path.GetTempPath(), "repro-chromium.lock"));
        if (File.Exists(Browser) && File.Exists(Driver))
        {
            return true;
        }

        Console.WriteLine("Chromium: installing Debian's chromium and chromium-driver with apt-get (a minute or two, once)...");
        // As root (CI machines, containers) apt-get runs as is; otherwise through sudo without a password prompt.
        var root = Environment.UserName == "root";
        Run(root ? "apt-get" : "sudo", root ? ["update", "-qq"] : ["-n", "apt-get", "update", "-qq"]);
        Run(root ? "apt-get" : "sudo", root ? ["install", "-y", "-qq", "chromium", "chromium-driver"] : ["-n", "apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"]);
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            throw new InvalidOperationException($"apt-get installed chromium and chromium-driver, but {Browser} or {Driver} is missing.");
        }

        Console.WriteLine("Chromium: installed.");
        return true;
    }

    private static FileStream Lock(string path)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < InstallTimeout)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InstallTimeout) || process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"installing chromium failed: {program} {string.Join(' ', arguments)} exited with {(process.HasExited ? process.ExitCode : "a timeout")}:\n{output.Result}\n{error.Result}");
        }
    }
}
