using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Repro;

/// <summary>
/// One run of an experiment, as seen from inside the experiment program: its seed, test size, parameters and
/// data, and the place its metrics and artifacts go. The build starts the program with
/// <c>--repro-run &lt;run folder&gt;</c> and the project folder as working directory.
/// </summary>
public sealed partial class ExperimentRun
{
    private readonly RunConfig _config;
    private readonly SortedDictionary<string, double> _metrics = new(StringComparer.Ordinal);

    // The order metrics were first logged, for runtime.json: "the first metric logged" ranks a sweep by default.
    private readonly List<string> _logged = [];

    private ExperimentRun(string runDirectory, RunConfig config)
    {
        RunDirectory = runDirectory;
        _config = config;
        DataPaths = config.Data.Select(Path.GetFullPath).ToArray();
    }

    /// <summary>Opens the run this program was started for, from its command-line arguments.</summary>
    /// <exception cref="ExperimentException">REPRO2003 when the program was not started by Repro.</exception>
    public static ExperimentRun Open(string[] args)
    {
        ReportSetupMistakesPlainly();
        var index = Array.IndexOf(args, RunFiles.RunOption);
        if (index < 0 || index + 1 >= args.Length)
        {
            throw new ExperimentException("REPRO2003",
                $"this is a Repro experiment program and needs its run folder ({RunFiles.RunOption} <folder>). " +
                "Start it with 'dotnet build -t:Train' from its project folder.");
        }

        var runDirectory = Path.GetFullPath(args[index + 1]);
        var configPath = Path.Combine(runDirectory, RunFiles.Config);
        if (!File.Exists(configPath))
        {
            throw new ExperimentException("REPRO2003", $"no {RunFiles.Config} in the run folder '{runDirectory}'.");
        }

        var config = JsonSerializer.Deserialize(File.ReadAllBytes(configPath), RuntimeJson.Default.RunConfig)
            ?? throw new ExperimentException("REPRO2003", $"'{configPath}' is empty.");
        var run = new ExperimentRun(runDirectory, config);
        var stamp = RuntimeStamp.Current();
        run.WriteJson(RunFiles.Runtime, stamp, RuntimeJson.Default.RuntimeStamp);

        // Native libraries load while the program trains (LightGBM's on its first use): name them once it is done.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                run.WriteJson(RunFiles.Runtime, stamp with { NativeLibraries = LoadedNativeLibraries.Read(), LoggedMetrics = [.. run._logged] }, RuntimeJson.Default.RuntimeStamp);
            }
            catch (DirectoryNotFoundException)
            {
                // The run folder is gone (a host that opened runs in temporary folders): the first stamp is all there is.
            }
        };
        return run;
    }

    /// <summary>
    /// An <see cref="ExperimentException"/> the program does not catch is a mistake in the setup, not a bug: it is shown
    /// as "error REPRO2001: …" without a stack trace, which the build quotes among the program's last lines (REPRO0006).
    /// </summary>
    private static void ReportSetupMistakesPlainly()
    {
        if (Interlocked.Exchange(ref _reportingSetupMistakes, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is ExperimentException mistake)
            {
                Console.Out.Flush();
                Console.Error.WriteLine("error " + mistake.Message);
                Console.Error.Flush();
                Environment.Exit(SetupMistakeExitCode);
            }
        };
    }

    /// <summary>The exit code of a program stopped by an <see cref="ExperimentException"/>.</summary>
    private const int SetupMistakeExitCode = 2;

    private static int _reportingSetupMistakes;

    /// <summary>The run's id, for example 20261122-051500-123-3f9a1c.</summary>
    public string RunId => _config.RunId;

    /// <summary>The experiment's name, the Include of its &lt;Experiment&gt; item.</summary>
    public string Experiment => _config.Experiment;

    /// <summary>The seed every source of randomness in the run must derive from.</summary>
    public long Seed => _config.Seed;

    /// <summary>The fraction of rows held out for testing.</summary>
    /// <exception cref="ExperimentException">REPRO2001 when the experiment has no TestSize.</exception>
    public double TestSize => _config.TestSize
        ?? throw new ExperimentException("REPRO2001",
            $"experiment '{Experiment}' has no TestSize: add TestSize=\"0.2\" (for example) to its <Experiment> item.");

    /// <summary>Every parameter of the run, verbatim, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Params => _config.Params;

    /// <summary>The data files and folders of the run, as full paths.</summary>
    public IReadOnlyList<string> DataPaths { get; }

    /// <summary>The run's single data path.</summary>
    /// <exception cref="ExperimentException">REPRO2001 when the experiment names no data or several.</exception>
    public string DataPath => DataPaths.Count == 1
        ? DataPaths[0]
        : throw new ExperimentException("REPRO2001",
            $"experiment '{Experiment}' names {DataPaths.Count} data paths where the program expects one: set Data=\"file.csv\".");

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The folder for the model and other artifacts; created on first use.</summary>
    public string ArtifactsDirectory => Directory.CreateDirectory(Path.Combine(RunDirectory, RunFiles.ArtifactsFolder)).FullName;

    /// <summary>The metrics recorded so far.</summary>
    public IReadOnlyDictionary<string, double> Metrics => _metrics;

    /// <summary>Reads a required parameter as <typeparamref name="T"/> (string, bool, numbers, enums).</summary>
    /// <exception cref="ExperimentException">REPRO2001 when missing, REPRO2002 when not a <typeparamref name="T"/>.</exception>
    public T Param<T>(string name) => _config.Params.TryGetValue(name, out var text)
        ? ParameterValue.Convert<T>(Experiment, name, text)
        : throw new ExperimentException("REPRO2001",
            $"experiment '{Experiment}' has no parameter '{name}': add {name}=\"…\" to its <Experiment> item " +
            $"or pass -p:Params=\"{name}=…\".");

    /// <summary>Reads an optional parameter, or <paramref name="defaultValue"/> when the experiment does not set it.</summary>
    /// <exception cref="ExperimentException">REPRO2002 when set but not a <typeparamref name="T"/>.</exception>
    public T Param<T>(string name, T defaultValue) => _config.Params.TryGetValue(name, out var text)
        ? ParameterValue.Convert<T>(Experiment, name, text)
        : defaultValue;

    /// <summary>Records a metric; <c>metrics.json</c> is rewritten at once, so a crash keeps what was measured.</summary>
    /// <exception cref="ExperimentException">REPRO2004 when the value is NaN or infinite.</exception>
    public void LogMetric(string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(value))
        {
            throw new ExperimentException("REPRO2004",
                $"metric '{name}' is {value.ToString(CultureInfo.InvariantCulture)}: metrics must be finite numbers.");
        }

        if (_metrics.TryAdd(name, value))
        {
            _logged.Add(name);
        }

        _metrics[name] = value;
        WriteJson(RunFiles.Metrics, _metrics, RuntimeJson.Default.SortedDictionaryStringDouble);
    }

    /// <summary>
    /// Records one point of a series (the loss at an iteration, the accuracy after an epoch): the point is appended to
    /// <c>history.jsonl</c> and the metric takes its value, so the last point logged is the metric.
    /// </summary>
    /// <exception cref="ExperimentException">REPRO2004 when the value is NaN or infinite, REPRO2007 when the step is negative.</exception>
    public void LogMetric(string name, double value, long step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (step < 0)
        {
            throw new ExperimentException("REPRO2007",
                $"metric '{name}' was logged at step {step.ToString(CultureInfo.InvariantCulture)}: steps start at 0.");
        }

        LogMetric(name, value);
        AppendHistory(name, value, step);
    }

    /// <summary>The full path for an artifact called <paramref name="name"/> (may contain sub-folders).</summary>
    public string ArtifactPath(string name)
    {
        var root = ArtifactsDirectory;
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ExperimentException("REPRO2005", $"artifact '{name}' would be written outside the run's artifacts folder.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Saves an artifact by letting <paramref name="write"/> fill its stream.</summary>
    public void SaveArtifact(string name, Action<Stream> write)
    {
        using var stream = File.Create(ArtifactPath(name));
        write(stream);
    }

    private void AppendHistory(string name, double value, long step)
    {
        // One line per point, flushed to disk at once: a crash loses at most the line being written.
        var line = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(line))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteNumber("step", step);
            // The shortest text that round-trips, invariant, as metrics.json has it.
            writer.WriteNumber("value", value);
            writer.WriteEndObject();
        }

        using var file = new FileStream(Path.Combine(RunDirectory, RunFiles.History), FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(line.WrittenSpan);
        file.WriteByte((byte)'\n');
        file.Flush(flushToDisk: true);
    }

    private void WriteJson<TValue>(string fileName, TValue value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TValue> type) =>
        WriteBytes(fileName, JsonSerializer.SerializeToUtf8Bytes(value, type));

    private void WriteBytes(string fileName, byte[] bytes)
    {
        // Write beside, then move: a reader never sees half a file.
        var path = Path.Combine(RunDirectory, fileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
