// Times Repro's reading of one data file, as Train reads a file it has not seen: its SHA-256 alone (FileHash.Sha256),
// or its hash, profile and row fingerprints in one pass (Profiler.Read). With --make, writes a seeded CSV to time.
// Usage: Repro.Bench.Hashing FILE [hash|profile]     Prints "<sha256> <seconds> <MB/s>" (and the rows for profile).
//        Repro.Bench.Hashing FILE split              Only splits rows and fields with Sep and fingerprints each row:
//                                                    "<checksum> <seconds> <MB/s> <rows>", the floor under any profile.
//        Repro.Bench.Hashing --make FILE MIB         Writes about MIB MiB of Iris-like rows.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using Repro.Fingerprints;
using Repro.Profiles;

if (args is ["--make", var target, var mib])
{
    Make(target, long.Parse(mib, CultureInfo.InvariantCulture) << 20);
    return;
}

var (path, mode) = args switch
{
    [var file] => (file, "hash"),
    [var file, "hash" or "profile" or "split"] => (args[0], args[1]),
    _ => throw new ArgumentException("usage: Repro.Bench.Hashing FILE [hash|profile|split] | --make FILE MIB"),
};
var clock = Stopwatch.StartNew();
string sha256;
var rows = "";
if (mode == "hash")
{
    sha256 = FileHash.Sha256(path);
}
else if (mode == "split")
{
    (sha256, var count) = Split(path);
    rows = " " + count.ToString(CultureInfo.InvariantCulture);
}
else
{
    var profiled = Profiler.Read(path, new ProfileOptions(LabelColumn: "species"));
    sha256 = profiled.Sha256;
    rows = " " + profiled.Profile.Rows?.ToString(CultureInfo.InvariantCulture);
}

var seconds = clock.Elapsed.TotalSeconds;
var megabytes = new FileInfo(path).Length / 1e6;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sha256} {seconds:F3} {megabytes / seconds:F0}{rows}"));

// Every row split into fields by Sep, each row fingerprinted and each field's first bytes read: what profiling does
// before it counts anything. The checksum only keeps the work from being optimised away.
static (string Checksum, long Rows) Split(string path)
{
    ulong checksum = 0;
    long rows = 0;
    using var reader = Sep.Reader(o => o with { HasHeader = true }).FromFile(path);
    foreach (var row in reader)
    {
        rows++;
        checksum ^= System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.Span));
        for (var column = 0; column < row.ColCount; column++)
        {
            var field = row[column].Span;
            checksum += field.IsEmpty ? 0UL : field[0] + ((ulong)field.Length << 56);
        }
    }

    return (checksum.ToString("x16", CultureInfo.InvariantCulture), rows);
}

// Rows shaped like iris.csv (four measurements and a species), from a 64-bit LCG so every machine writes the same bytes.
static void Make(string path, long bytes)
{
    string[] species = ["setosa", "versicolor", "virginica"];
    var state = 42UL;
    double Next(double scale)
    {
        state = state * 6364136223846793005UL + 1442695040888963407UL;
        return Math.Round((state >> 11) / (double)(1UL << 53) * scale, 1);
    }

    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write("sepal_length,sepal_width,petal_length,petal_width,species\n");
    var line = new StringBuilder();
    long written = 0;
    while (written < bytes)
    {
        line.Clear().Append(CultureInfo.InvariantCulture, $"{4 + Next(4)},{2 + Next(2.5)},{1 + Next(6)},{Next(2.5)},{species[(int)(state >> 62) % 3]}\n");
        writer.Write(line);
        written += line.Length;
    }
}
