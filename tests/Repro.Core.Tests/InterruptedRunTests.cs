using Repro.Views;
using System.Diagnostics;
using System.Text.Json;
using Repro.Registry;
using Repro.Runs;

namespace Repro.Core.Tests;

/// <summary>An unfinished run folder names the process writing it; once that process is gone the run is interrupted.</summary>
[TestClass]
public sealed class InterruptedRunTests
{
    [TestMethod]
    public void ANewRunIsClaimedByThisProcessAndIsInProgress()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Begin(DateTimeOffset.UtcNow);

        var owner = RunOwner.Read(run.Path);
        Assert.IsNotNull(owner);
        Assert.AreEqual(Environment.ProcessId, owner.ProcessId);
        var partial = store.Partials().Single();
        Assert.AreEqual(run.Id, partial.RunId);
        Assert.AreEqual(PartialState.InProgress, partial.State);

        var final = store.Complete(run);
        Assert.IsFalse(File.Exists(Path.Combine(final, RunOwner.FileName)), "a finished run has no owner");
        Assert.IsEmpty(store.Partials());
    }

    [TestMethod]
    public void AFolderWhoseOwnerProcessIsGoneIsInterrupted()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Begin(DateTimeOffset.UtcNow);
        Own(run.Path, Exited());

        Assert.AreEqual(PartialState.Interrupted, store.Partials().Single().State);
    }

    [TestMethod]
    public void AKilledOwnerThatNoOneReapedIsGone()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // zombies are read from /proc
        }

        // The shell starts a child and becomes `sleep`, which never reaps it: the child stays a zombie while sleep runs.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 10"]) { RedirectStandardOutput = true })!;
        var zombie = int.Parse(parent.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var clock = Stopwatch.StartNew();
            while (!File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z ", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.Sleep(10);
            }

            using var process = Process.GetProcessById(zombie);
            Assert.IsFalse(process.HasExited, "to .NET a zombie that is not its child has not exited");
            Assert.IsFalse(new RunOwner(zombie, process.StartTime.ToUniversalTime(), Environment.MachineName).IsAlive());
        }
        finally
        {
            parent.Kill();
        }
    }

    [TestMethod]
    public void AReusedProcessIdIsNotTheOwner()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Begin(DateTimeOffset.UtcNow);
        // This process's id, but a start time an hour earlier: another process that had the id.
        Own(run.Path, RunOwner.Current with { ProcessStartedAt = RunOwner.Current.ProcessStartedAt.AddHours(-1) });

        Assert.AreEqual(PartialState.Interrupted, store.Partials().Single().State);
    }

    [TestMethod]
    public void AnOwnerOnAnotherMachineIsNeitherJudgedNorPruned()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Begin(DateTimeOffset.UtcNow);
        Own(run.Path, RunOwner.Current with { Machine = "another-" + Environment.MachineName });

        Assert.AreEqual(PartialState.OtherMachine, store.Partials().Single().State);
        Assert.IsEmpty(RunPruner.Prune(store));
        Assert.IsTrue(Directory.Exists(run.Path));
    }

    [TestMethod]
    public void AnUnownedFolderIsInterruptedOnlyOnceItIsNoLongerBeingClaimed()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var run = store.Begin(DateTimeOffset.UtcNow);
        File.Delete(Path.Combine(run.Path, RunOwner.FileName));
        Assert.AreEqual(PartialState.InProgress, store.Partials().Single().State, "a folder made a moment ago may be being claimed");

        Directory.SetLastWriteTimeUtc(run.Path, DateTime.UtcNow.AddMinutes(-5));
        Assert.AreEqual(PartialState.Interrupted, store.Partials().Single().State);
    }

    [TestMethod]
    public void AFolderCanBeClaimedOnce()
    {
        using var folder = new TempFolder();
        RunOwner.Current.Claim(folder.Path);
        Assert.ThrowsExactly<IOException>(() => RunOwner.Current.Claim(folder.Path));
    }

    [TestMethod]
    public void PruneRemovesInterruptedRunsAndNothingElse()
    {
        using var folder = new TempFolder();
        var store = new RunStore(folder.Path);
        var finished = store.Complete(store.Begin(DateTimeOffset.UtcNow));
        var alive = store.Begin(DateTimeOffset.UtcNow);
        var dead = store.Begin(DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(dead.Path, "output.log"), "training…");
        Own(dead.Path, Exited());

        var removed = RunPruner.Prune(store);

        Assert.AreEqual(dead.Id, removed.Single().RunId);
        Assert.IsFalse(Directory.Exists(dead.Path));
        Assert.IsTrue(Directory.Exists(alive.Path), "a run being written is kept");
        Assert.IsTrue(Directory.Exists(finished), "a finished run is kept");
        var said = RunPruner.Describe(removed, store.Partials());
        StringAssert.Contains(said, $"Removed 1 interrupted run(s):\n  {dead.Id}");
        StringAssert.Contains(said, "holds output.log");
        StringAssert.Contains(said, $"Kept 1 unfinished run(s) whose build is alive or on another machine: {alive.Id}");
        Assert.AreEqual("No interrupted runs to remove.", RunPruner.Describe([], []));
    }

    [TestMethod]
    public void TheListingNamesInterruptedRunsAndTheRunsBeingWritten()
    {
        using var folder = new TempFolder();
        var store = new RunStore(Path.Combine(folder.Path, "runs"));
        var registry = new ModelRegistry(Path.Combine(folder.Path, "registry"));
        var alive = store.Begin(DateTimeOffset.UtcNow);
        var dead = store.Begin(DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(dead.Path, "config.json"), "{}");
        Own(dead.Path, Exited());

        var listing = RunListing.Render(store, registry, null);

        StringAssert.Contains(listing, "No runs yet");
        StringAssert.Contains(listing, "Interrupted runs (REPRO1005): their build is gone");
        StringAssert.Contains(listing, $"{dead.Id}.partial  build process");
        StringAssert.Contains(listing, "holds config.json");
        StringAssert.Contains(listing, $"Runs being written: {alive.Id} (build process {Environment.ProcessId}");
    }

    /// <summary>A process that ran and exited: its id and start time as it would have stamped them.</summary>
    private static RunOwner Exited()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var owner = new RunOwner(process.Id, process.StartTime.ToUniversalTime(), Environment.MachineName);
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return owner;
    }

    private static void Own(string folder, RunOwner owner) =>
        File.WriteAllText(Path.Combine(folder, RunOwner.FileName), JsonSerializer.Serialize(owner, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
