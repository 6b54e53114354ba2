// The runs page of a large store: N runs (default 10,000) written as Train writes them, the page built from them, its
// size, then opened from file:// in Debian's chromium: the first render, a sort by a metric, and a filter, each timed
// inside the page (performance.now around the same code a click runs). Prints a markdown table.
// Usage: Repro.Bench.Report [RUNS] [ROUNDS]
//        Repro.Bench.Report --store DIR [RUNS]     only writes the store, in DIR/runs (bench/tool.sh lists it)
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Repro;
using Repro.Diagnostics;
using Repro.Fingerprints;
using Repro.Probes;
using Repro.Records;
using Repro.Registry;
using Repro.Report;
using Repro.Runs;
using OpenQA.Selenium;

var storeOnly = args.Length > 1 && args[0] == "--store";
var count = storeOnly ? (args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000)
    : args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 1 && !storeOnly ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var work = storeOnly ? Directory.CreateDirectory(args[1]).FullName : Directory.CreateTempSubdirectory("repro-bench-report-").FullName;
try
{
    Console.Error.WriteLine($"Writing {count:N0} runs...");
    var store = new RunStore(Path.Combine(work, "runs"));
    var environment = EnvironmentProbe.Read("10.0.100", null);
    var state = 42UL;
    double Next()
    {
        // A fixed LCG: the same store every time, no System.Random.
        state = state * 6364136223846793005UL + 1442695040888963407UL;
        return (state >> 11) / (double)(1UL << 53);
    }

    for (var i = 0; i < count; i++)
    {
        var started = DateTimeOffset.UnixEpoch.AddYears(56).AddSeconds(i * 7);
        var id = RunId.New(started);
        var folder = Directory.CreateDirectory(store.Folder(id)).FullName;
        File.WriteAllText(Path.Combine(folder, RunFiles.Config), "{}");
        File.WriteAllText(Path.Combine(folder, RunFiles.Metrics), "{}");
        var record = new RunRecord
        {
            RunId = id,
            Experiment = "experiment-" + (i % 4).ToString(CultureInfo.InvariantCulture),
            Status = i % 97 == 0 ? RunStatus.Failed : RunStatus.Completed,
            Seed = i % 10,
            TestSize = 0.2,
            Params = new(StringComparer.Ordinal)
            {
                ["Trees"] = (10 * (1 + i % 20)).ToString(CultureInfo.InvariantCulture),
                ["MaxDepth"] = (2 + i % 8).ToString(CultureInfo.InvariantCulture),
                ["Learner"] = i % 2 == 0 ? "forest" : "logistic",
            },
            Overrides = [],
            Metrics = new(StringComparer.Ordinal) { ["accuracy"] = 0.8 + Next() / 5, ["log_loss"] = Next() / 2, ["macro_f1"] = 0.8 + Next() / 5 },
            Git = new GitRecord(((i / 50) * 7919).ToString("x40", CultureInfo.InvariantCulture), i % 13 == 0, "main", null),
            Data = [new FileFingerprint("data/train.csv", ((i / 500) * 104729).ToString("x64", CultureInfo.InvariantCulture), 1_000_000)],
            Artifacts = [],
            Program = new ProgramRecord("bin/Release/net10.0/Bench.dll", ((i / 200) * 15485863).ToString("x64", CultureInfo.InvariantCulture), "net10.0"),
            Environment = environment,
            Files = new RecordFiles(FileHash.Sha256(Path.Combine(folder, RunFiles.Config)), FileHash.Sha256(Path.Combine(folder, RunFiles.Metrics))),
            StartedAt = started,
            DurationMs = 1000 + i % 5000,
            Command = "dotnet build -t:Train",
        };
        RecordJson.WriteRecord(Path.Combine(folder, RunFiles.Run), record);
    }

    if (storeOnly)
    {
        return;
    }

    var page = store.PagePath;
    var builds = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        File.Delete(page);
        var watch = Stopwatch.StartNew();
        RunsPage.Write(Path.Combine(work, "Bench.csproj"), store, new ModelRegistry(Path.Combine(work, "registry")), page, new QuietLog());
        builds.Add(watch.Elapsed.TotalSeconds);
        Console.Error.WriteLine($"page written: {watch.Elapsed.TotalSeconds:0.00} s");
    }

    var bytes = new FileInfo(page).Length;
    long gzipped;
    using (var compressed = new MemoryStream())
    {
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        using (var source = File.OpenRead(page))
        {
            source.CopyTo(gzip);
        }

        gzipped = compressed.Length;
    }

    using var browser = Repro.Report.Tests.Chromium.Start();
    var js = (IJavaScriptExecutor)browser;
    var loads = new List<double>();
    var renders = new List<double>();
    var sorts = new List<double>();
    var filters = new List<double>();
    var url = new Uri(page).AbsoluteUri;
    var first = LeastAccurate(store);
    for (var round = 0; round < rounds; round++)
    {
        browser.Navigate().GoToUrl("about:blank");
        var watch = Stopwatch.StartNew();
        browser.Navigate().GoToUrl(url);
        loads.Add(watch.Elapsed.TotalMilliseconds);
        renders.Add(double.Parse((string)js.ExecuteScript("return document.documentElement.dataset.renderedMs")!, CultureInfo.InvariantCulture));
        sorts.Add(Convert.ToDouble(js.ExecuteScript(
            "const t = performance.now(); document.querySelector(\"button[data-sort='m:accuracy']\").click(); return performance.now() - t;"), CultureInfo.InvariantCulture));
        var caption = (string)js.ExecuteScript("return document.querySelector('#runs caption').textContent")!;
        var top = (string)js.ExecuteScript("return document.querySelector('#runs tbody tr').dataset.run")!;
        if (!caption.StartsWith($"{count} of {count} runs", StringComparison.Ordinal) || top != first)
        {
            throw new InvalidOperationException($"after the sort the page says '{caption}' and starts with {top}");
        }

        filters.Add(Convert.ToDouble(js.ExecuteScript(
            "const f = document.getElementById('filter'); f.value = 'logistic'; const t = performance.now(); f.dispatchEvent(new Event('input')); return performance.now() - t;"),
            CultureInfo.InvariantCulture));
        Console.Error.WriteLine($"round {round + 1}: load {loads[^1]:0} ms, first render {renders[^1]:0} ms, sort {sorts[^1]:0} ms, filter {filters[^1]:0} ms");
    }

    Console.WriteLine($"{count:N0} runs (4 experiments, 3 parameters, 3 metrics, 12 inputs each); {rounds} loads in chromium {browser.Capabilities.GetCapability("browserVersion")}, headless, {Environment.ProcessorCount} cores; medians.");
    Console.WriteLine();
    Console.WriteLine("| runs | page MB | gzipped MB | page written (s) | load, navigation to load event (ms) | of it: the script's first render (ms) | sort all runs by a metric (ms) | text filter (ms) |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {count:N0} | {bytes / 1e6:0.0} | {gzipped / 1e6:0.0} | {Median(builds):0.00} | {Median(loads):0} | {Median(renders):0} | {Median(sorts):0} | {Median(filters):0} |"));
}
finally
{
    if (!storeOnly)
    {
        Directory.Delete(work, recursive: true);
    }
}

// The run a sort by accuracy puts first (ascending: the least accurate), from the records, ties by id as the page breaks them.
static string LeastAccurate(RunStore store) => store.RunIds()
    .Select(id => store.Read(id).Record!)
    .OrderBy(r => r.Metrics["accuracy"]).ThenBy(r => r.RunId, StringComparer.Ordinal)
    .First().RunId;

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

internal sealed class QuietLog : IRunLog
{
    public void Progress(string message)
    {
    }

    public void Detail(string message)
    {
    }

    public void Warning(string code, string message) => Console.Error.WriteLine($"warning {code}: {message}");

    public void Error(string code, string message) => Console.Error.WriteLine($"error {code}: {message}");
}
