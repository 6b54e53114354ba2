// Times Repro's data hashing on one file, as Train hashes a data file it has not seen: FileHash.Sha256.
// Usage: Repro.Bench.Hashing FILE      Prints "<sha256> <seconds> <MB/s>".
using System.Diagnostics;
using System.Globalization;
using Repro.Fingerprints;

var path = args.Length == 1 ? args[0] : throw new ArgumentException("usage: Repro.Bench.Hashing FILE");
var clock = Stopwatch.StartNew();
var sha256 = FileHash.Sha256(path);
var seconds = clock.Elapsed.TotalSeconds;
var megabytes = new FileInfo(path).Length / 1e6;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sha256} {seconds:F3} {megabytes / seconds:F0}"));
