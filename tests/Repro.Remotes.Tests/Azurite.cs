using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Repro.Testing;

/// <summary>
/// Microsoft's Azure Storage emulator (blob service only) on a free loopback port with its own storage folder.
/// Installs it from the npm registry into &lt;repo&gt;/.tools/azurite the first time (about a minute, once per machine;
/// a file lock keeps concurrent test processes from installing it twice). Self-contained, so other test projects
/// and bench drivers can compile it by a linked &lt;Compile Include=… Link=…&gt;.
/// </summary>
public sealed class Azurite : IDisposable
{
    public const string Version = "3.37.0";
    public const string Account = "devstoreaccount1";

    /// <summary>The emulator's published development key: not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<string> output = [];
    private Process? process;

    private Azurite(string storage, int port)
    {
        Storage = storage;
        Port = port;
    }

    /// <summary>Where progress lines go (installing takes a minute the first time: it must not look hung).</summary>
    public static Action<string> Log { get; set; } = Console.WriteLine;

    public int Port { get; }

    /// <summary>The folder the emulator keeps its blobs in; deleted by <see cref="Dispose"/>.</summary>
    public string Storage { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{Account}";

    public string ConnectionString => WithKey(AccountKey);

    /// <summary>The connection string with another account key (to see the emulator refuse it).</summary>
    public string WithKey(string key) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};BlobEndpoint={BlobEndpoint};";

    /// <summary>Installs the emulator if needed and starts it on a free port with a fresh storage folder.</summary>
    public static Azurite Start()
    {
        var storage = Path.Combine(Path.GetTempPath(), "repro-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(storage);
        var azurite = new Azurite(storage, FreePort());
        try
        {
            azurite.Launch();
            return azurite;
        }
        catch
        {
            azurite.Dispose();
            throw;
        }
    }

    /// <summary>Kills the emulator at once (SIGKILL to its process group), as a crash or a pulled cable would.</summary>
    public void Kill()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            KillGroup(process.Id);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        process = null;
    }

    /// <summary>Starts the emulator again on the same port and storage folder.</summary>
    public void Restart()
    {
        Kill();
        Launch();
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(Storage, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private void Launch()
    {
        var bin = AzuriteInstallation.Ensure();
        Log($"Azurite: starting the blob service on 127.0.0.1:{Port}...");
        // setsid: its own process group, so Kill takes node and anything it spawned.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "node", bin, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--location", Storage, "--silent", "--skipApiVersionCheck",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("setsid did not start");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (!Answers(Port))
        {
            if (process.HasExited || watch.Elapsed > StartTimeout)
            {
                string said;
                lock (output)
                {
                    said = string.Join(Environment.NewLine, output);
                }

                Kill();
                throw new InvalidOperationException($"Azurite did not answer on port {Port} within {StartTimeout.TotalSeconds} s: {said}");
            }

            Thread.Sleep(100);
        }

        Log($"Azurite: answering on port {Port} after {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            if (output.Count > 50)
            {
                output.RemoveAt(0);
            }
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void KillGroup(int groupLeader)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + groupLeader.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        });
        kill?.WaitForExit(10_000);
    }
}
