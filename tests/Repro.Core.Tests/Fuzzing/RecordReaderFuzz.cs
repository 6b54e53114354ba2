using System.Diagnostics;
using System.Globalization;
using Repro.Diagnostics;

namespace Repro.Core.Tests.Fuzzing;

/// <summary>What one reader did with one input.</summary>
internal enum FuzzOutcome
{
    /// <summary>A ReproException with the reader's code (or, for a reader that ignores bad files, its warning or null).</summary>
    Coded,

    /// <summary>A read the oracle agrees with.</summary>
    Read,
}

/// <summary>
/// Runs one reader over thousands of mutations of a valid record. Each input must end in the reader's coded error or
/// a read the oracle agrees with, within a time limit; anything else fails with the seed and case index, which
/// replay the case (REPRO_FUZZ_SEED, REPRO_FUZZ_CASE).
/// </summary>
internal sealed class RecordReaderFuzz(string reader, string code)
{
    /// <summary>The seed of every run unless REPRO_FUZZ_SEED gives another (decimal or 0x-hex).</summary>
    public const ulong DefaultSeed = 0x5EED_12C0_FFEE_0001;

    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    public static ulong Seed => Environment.GetEnvironmentVariable("REPRO_FUZZ_SEED") is { Length: > 0 } text
        ? text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, CultureInfo.InvariantCulture)
        : DefaultSeed;

    /// <summary>The cases to run: all of them, or the one REPRO_FUZZ_CASE names.</summary>
    public static IEnumerable<int> Cases(int count) => Environment.GetEnvironmentVariable("REPRO_FUZZ_CASE") is { Length: > 0 } one
        ? [int.Parse(one, CultureInfo.InvariantCulture)]
        : Enumerable.Range(0, count);

    public int Tried { get; private set; }

    public int CodedErrors { get; private set; }

    public int CorrectReads { get; private set; }

    /// <summary>Runs one case: <paramref name="attempt"/> writes the input, reads it and judges the read (throwing <see cref="OracleException"/>).</summary>
    public void Run(int index, string description, Func<FuzzOutcome> attempt)
    {
        Tried++;
        var task = Task.Run<(FuzzOutcome, string?)>(() =>
        {
            try
            {
                return (attempt(), null);
            }
            catch (ReproException e) when (e.Code == code)
            {
                return (FuzzOutcome.Coded, null);
            }
            catch (Exception e)
            {
                return (FuzzOutcome.Coded, $"{e.GetType().Name}: {e.Message}");
            }
        });
        if (!task.Wait(CaseLimit))
        {
            Fail(index, description, $"no answer within {CaseLimit.TotalSeconds} s");
        }

        var (outcome, failure) = task.Result;
        if (failure is not null)
        {
            Fail(index, description, failure);
        }

        if (outcome == FuzzOutcome.Coded)
        {
            CodedErrors++;
        }
        else
        {
            CorrectReads++;
        }
    }

    /// <summary>
    /// The reader given a 100 MB string: answered with its code, quickly, and without reading the file into memory.
    /// </summary>
    public void RunHuge(string path, string prefix, string suffix, Func<FuzzOutcome> attempt)
    {
        using (var file = File.Create(path))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(prefix));
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < 100; i++)
            {
                file.Write(chunk);
            }

            file.Write(System.Text.Encoding.UTF8.GetBytes(suffix));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var outcome = FuzzOutcome.Read;
        try
        {
            outcome = attempt();
        }
        catch (ReproException e) when (e.Code == code)
        {
            outcome = FuzzOutcome.Coded;
        }

        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        File.Delete(path);
        Tried++;
        CodedErrors++;
        Assert.AreEqual(FuzzOutcome.Coded, outcome, $"{reader}: a 100 MB string must be refused with {code}");
        Assert.IsTrue(clock.Elapsed.TotalSeconds < 2.0, $"{reader}: the 100 MB case took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.IsTrue(allocated < 8L << 20, $"{reader}: the 100 MB case allocated {allocated >> 20} MB");
    }

    public string Summary() => $"{reader}: {Tried} inputs, {CodedErrors} coded errors, {CorrectReads} correct reads (seed 0x{Seed:X16})";

    private void Fail(int index, string description, string why) =>
        Assert.Fail($"{reader}, seed 0x{Seed:X16}, case {index} ({description}): {why}. Replay with REPRO_FUZZ_SEED=0x{Seed:X16} REPRO_FUZZ_CASE={index}.");
}
