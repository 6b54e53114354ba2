#!/usr/bin/env bash
# What Repro adds to an ML.NET run: each verb on the Iris sample's iris-sdca experiment, timed as a whole command
# beside a no-op build and beside the same program started directly (no MSBuild, no records), and prints a
# markdown table. The sample must build; the program's own work is the same in every row that trains (Train with
# -p:Force=true; without it, the run on record is up to date and nothing trains).
#
# Usage: bench/verb-overhead.sh [RUNS]      (default 5; hyperfine reports mean ± sd)
# Needs: the .NET SDK; installs hyperfine with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-5}"
sample="$root/samples/IrisExperiment"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$here/lib.sh"
need hyperfine

echo "Building the sample..." >&2
dotnet build "$sample" -nologo -v:q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

# A run to reproduce and describe, in a run store of the benchmark's own.
store="$work/runs"
dotnet build "$sample" -t:Train -p:Experiment=iris-sdca "-p:ReproRunsDir=$store" -nologo -v:q > "$work/train.log" 2>&1 \
    || { cat "$work/train.log" >&2; exit 1; }
run_id="$(basename "$(ls -d "$store"/2*/ | head -1)")"

# The program alone: the run's config.json in a scratch folder, started as Train starts it (one processor).
direct="$work/direct"
mkdir -p "$direct"
cp "$store/$run_id/config.json" "$direct/"
program="$sample/bin/Debug/net10.0/IrisExperiment.dll"

cd "$sample"
build="dotnet build -nologo -v:q -p:ReproRunsDir=$store"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/table.md" --style basic \
    -n "program alone (dotnet exec)" "DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 dotnet exec $program --repro-run $direct" \
    -n "no-op build" "$build" \
    -n "build -t:Train (iris-sdca, -p:Force=true)" "$build -t:Train -p:Experiment=iris-sdca -p:Force=true" \
    -n "build -t:Train (iris-sdca, up to date)" "$build -t:Train -p:Experiment=iris-sdca" \
    -n "build -t:Reproduce" "$build -t:Reproduce -p:RunId=$run_id" \
    -n "build -t:Runs" "$build -t:Runs" \
    -n "build -t:Describe" "$build -t:Describe -p:RunId=$run_id" >&2

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); .NET $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
cat "$work/table.md"
