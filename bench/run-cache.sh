#!/usr/bin/env bash
# The run cache and the hash cache, measured on the Iris sample with an extra 1 GiB data file; prints markdown tables.
#
#  1. An unchanged Train (every experiment up to date) against a no-op `dotnet build` of the same project.
#  2. The first hashing of the 1 GiB file by Repro (FileHash, as Train hashes new data) against `openssl dgst -sha256`.
#  3. `-t:Runs` with 10,000 runs on record: the listing task's own time and the whole command's.
#  4. Where a cache-miss Train of one experiment spends its time, from MSBuild's performance summary.
#
# The sample is copied to samples/CacheBench.tmp (inside samples/, so it imports the SDK from source as the sample
# does; removed at the end), each experiment's Data gains data/big.bin, and the copy's program reads its first data
# path (run.DataPaths[0]) instead of insisting on one. Nothing else of the sample changes.
#
# Usage: bench/run-cache.sh [RUNS]      (default 5 hyperfine runs per command)
# Needs: the .NET SDK, openssl; installs hyperfine with apt-get when missing. About 3 GB of free disk.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-5}"
copy="$root/samples/CacheBench.tmp"
work="$(mktemp -d)"
trap 'rm -rf "$work" "$copy"' EXIT

source "$here/lib.sh"
need hyperfine

echo "Copying the sample and writing a 1 GiB data file..." >&2
rm -rf "$copy"
mkdir -p "$copy"
(cd "$root/samples/IrisExperiment" && tar --exclude=./bin --exclude=./obj --exclude=./runs -cf - .) | (cd "$copy" && tar -xf -)
head -c 1073741824 /dev/urandom > "$copy/data/big.bin"
sed -i 's|Data="data/iris.csv"|Data="data/iris.csv;data/big.bin"|g' "$copy/IrisExperiment.csproj"
sed -i 's|run\.DataPath\b|run.DataPaths[0]|g' "$copy/Program.cs" "$copy/MLNetTraining.cs"
store="$work/runs"
build="dotnet build $copy -nologo -v:q -p:ReproRunsDir=$store"

echo "Building, and the first Train (hashes big.bin once)..." >&2
$build > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
start=$(date +%s.%N)
$build -t:Train > "$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }
first_train=$(echo "$(date +%s.%N) - $start" | bc)

echo "1. Unchanged Train against a no-op build..." >&2
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/up-to-date.md" --style basic \
    -n "no-op build" "$build" \
    -n "build -t:Train, all up to date" "$build -t:Train" >&2
grep -q "up to date: iris-forest" <($build -t:Train -v:n 2>&1) || { echo "Train was not up to date" >&2; exit 1; }

echo "2. Hashing 1 GiB..." >&2
dotnet build "$here/Repro.Bench.Hashing/Repro.Bench.Hashing.csproj" -c Release --nologo -v quiet -o "$work/hashing" > "$work/hashing.log" 2>&1 \
    || { cat "$work/hashing.log" >&2; exit 1; }
cat "$copy/data/big.bin" > /dev/null  # both sides read from the page cache
best_repro=""; best_openssl=""
for _ in 1 2 3; do
    read -r _ seconds _ < <("$work/hashing/Repro.Bench.Hashing" "$copy/data/big.bin")
    if [ -z "$best_repro" ] || awk -v a="$seconds" -v b="$best_repro" 'BEGIN { exit !(a < b) }'; then best_repro="$seconds"; fi
    start=$(date +%s.%N); openssl dgst -sha256 "$copy/data/big.bin" > /dev/null; seconds=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$best_openssl" ] || awk -v a="$seconds" -v b="$best_openssl" 'BEGIN { exit !(a < b) }'; then best_openssl="$seconds"; fi
done

echo "3. -t:Runs with 10,000 runs on record..." >&2
many="$work/many"
mkdir -p "$many"
template="$(ls -d "$store"/2*/ | head -1)"
template_id="$(basename "$template")"
for i in $(seq -w 0 9999); do
    id="20200101-000000-000-$(printf '%06x' "$((10#$i))")"
    mkdir "$many/$id"
    cp "$template"/*.json "$many/$id/"
    sed -i "s/$template_id/$id/g" "$many/$id/run.json"
done
runs_build="dotnet build $copy -nologo -p:ReproRunsDir=$many"
list_ms="$($runs_build -t:Runs -v:q -clp:PerformanceSummary 2>&1 | awk '/Task Performance Summary/ { t = 1 } t && $NF == "ListRuns" || (t && $(NF-2) == "ListRuns") { print $1; exit }')"
listed="$($runs_build -t:Runs -v:n 2>&1 | grep -c '20200101-000000-000-' || true)"
hyperfine --warmup 1 --runs 3 --export-markdown "$work/runs.md" --style basic -n "build -t:Runs, 10,000 runs" "$runs_build -v:q -t:Runs" >&2

echo "4. Where a cache-miss Train goes..." >&2
$build -t:Train -p:Experiment=iris-forest -p:Force=true -clp:PerformanceSummary > "$work/miss.log" 2>&1

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "Machine: $(nproc) cores, $cpu; .NET $(dotnet --version); $(openssl version); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "First Train of the four experiments (building excluded, hashing big.bin once): $(printf '%.1f' "$first_train") s."
echo
cat "$work/up-to-date.md"
echo
awk -v r="$best_repro" -v o="$best_openssl" 'BEGIN {
    printf "| Hashing 1 GiB (fastest of 3, from the page cache) | seconds | MB/s |\n| --- | ---: | ---: |\n"
    printf "| Repro (FileHash.Sha256) | %.3f | %.0f |\n| openssl dgst -sha256 | %.3f | %.0f |\n", r, 1073.741824 / r, o, 1073.741824 / o
    printf "\nRepro / openssl throughput: **%.2f×**\n", o / r }'
echo
echo "-t:Runs with 10,000 runs on record: the ListRuns task took **${list_ms:-?} ms** (MSBuild's task summary), listing $listed runs."
echo
cat "$work/runs.md"
echo
echo "Cache-miss Train of iris-forest, MSBuild's summaries (ms):"
echo
echo '```text'
sed -n '/Target Performance Summary/,$p' "$work/miss.log" 2>/dev/null | sort -n -r | head -12 || true
echo '```'
