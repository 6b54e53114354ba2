#!/usr/bin/env bash
# What seed groups and sweeps cost, on the Iris sample: a five-seed forest group (iris-forest-seeds) trained by
# -t:Train beside the same five runs as five programs started directly (no MSBuild, no records), and a sweep of 8
# runs (Trees=10,50 × MaxDepth=3,5 × seeds 1 2) one run at a time and two at a time (-p:MaxParallelRuns=2).
# Every Train but the up-to-date one uses -p:Force=true, so every run trains. A no-op build (nothing to train) is the
# floor every verb pays. Prints a markdown table, then issue 25's goals in its terms: the group's Train minus the
# no-op build minus the five programs, and the up-to-date Train over the no-op build.
#
# Usage: bench/groups.sh [RUNS]      (default 3; hyperfine reports mean ± sd)
# Needs: the .NET SDK; installs hyperfine and jq with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-3}"
sample="$root/samples/IrisExperiment"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$here/lib.sh"
need hyperfine jq

echo "Building the sample and training the group once..." >&2
store="$work/runs"
dotnet build "$sample" -t:Train -p:Experiment=iris-forest-seeds "-p:ReproRunsDir=$store" -nologo -v:q > "$work/train.log" 2>&1 \
    || { cat "$work/train.log" >&2; exit 1; }

# The five programs alone: each member's config.json in a scratch folder, started as Train starts them.
program="$sample/bin/Debug/net10.0/IrisExperiment.dll"
direct=""
for member in "$store"/2*/; do
    folder="$work/direct/$(basename "$member")"
    mkdir -p "$folder"
    cp "$member/config.json" "$folder/"
    direct+="DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 dotnet exec $program --repro-run $folder > /dev/null; "
done

cd "$sample"
build="dotnet build -nologo -v:q -p:ReproRunsDir=$store -p:Force=true"
sweep="-p:Experiment=iris-forest -p:Seeds=\"1 2\" '-p:Sweep=\"Trees=10,50;MaxDepth=3,5\"'"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/table.md" --export-json "$work/table.json" --style basic \
    -n "5 programs alone (dotnet exec)" "$direct" \
    -n "no-op build" "dotnet build -nologo -v:q -p:ReproRunsDir=$store" \
    -n "build -t:Train, 5-seed group, up to date" "dotnet build -nologo -v:q -p:ReproRunsDir=$store -t:Train -p:Experiment=iris-forest-seeds" \
    -n "build -t:Train, 5-seed group" "$build -t:Train -p:Experiment=iris-forest-seeds" \
    -n "build -t:Train, sweep of 8 runs, 1 at a time" "$build -t:Train $sweep" \
    -n "build -t:Train, sweep of 8 runs, -p:MaxParallelRuns=2" "$build -t:Train $sweep -p:MaxParallelRuns=2" >&2

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); .NET $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
cat "$work/table.md"
mean() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .mean' "$work/table.json"; }
programs=$(mean "5 programs alone (dotnet exec)"); noop=$(mean "no-op build")
group=$(mean "build -t:Train, 5-seed group"); unchanged=$(mean "build -t:Train, 5-seed group, up to date")
echo
awk -v g="$group" -v n="$noop" -v p="$programs" -v u="$unchanged" 'BEGIN {
    printf "- The group'"'"'s Train minus the no-op build minus the five programs: %.2f s (%.2f s per run; goal 0.5 s in all).\n", g - n - p, (g - n - p) / 5
    printf "- The up-to-date Train over the no-op build: %.2fx (goal at most 1.1x).\n", u / n }'
