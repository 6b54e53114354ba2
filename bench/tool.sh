#!/usr/bin/env bash
# dotnet repro against the verbs it answers for, on the Iris sample's committed runs and on a store of 10,000 runs:
# each command warm and cold (the file cache dropped before each call, as after a reboot: needs root, else skipped),
# beside the same verb as a build. The tool is packed and installed as a user installs it: a local tool, from a
# manifest in a folder of the benchmark's own, so the sample's folder gets none. In the same session, Train beside
# what it runs: the program alone, Train of one ML.NET run and of the five-seed group (forced, in a store of the
# benchmark's own), an up-to-date Train, and the per-phase timings one run recorded. Prints markdown tables.
#
# Usage: bench/tool.sh [RUNS]      (default 10; hyperfine reports mean ± sd)
# Needs: the .NET SDK; installs hyperfine and jq with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-10}"
sample="$root/samples/IrisExperiment"
work="$(mktemp -d)"
# The 10,000-run verb writes the sample's obj/repro/settings.json with that store: write it back on the way out.
trap 'dotnet build "$sample" -t:Runs -nologo -v:q > /dev/null 2>&1 || true; rm -rf "$work"' EXIT

source "$here/lib.sh"
need hyperfine jq

echo "Building the sample, packing Repro.Tool and installing it as a local tool..." >&2
dotnet build "$sample" -nologo -v:q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
version="0.1.0-bench.$(date +%s)"
# One pack makes the three packages: the one that names the others, linux-x64's (Native AOT) and the portable one.
dotnet pack "$root/src/Repro.Tool" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q > "$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; exit 1; }
mkdir -p "$work/tool" "$work/any" "$work/native"
(cd "$work/tool" && dotnet new tool-manifest > /dev/null && dotnet tool install Repro.Tool --version "$version" --add-source "$work/feed" > "$work/install.log") \
    || { cat "$work/install.log" >&2; exit 1; }
# The portable package, JIT-compiled, as other platforms get it: what Native AOT buys.
unzip -q "$work/feed/Repro.Tool.any.$version.nupkg" -d "$work/any"
portable="dotnet $(find "$work/any" -name Repro.Tool.dll | head -1)"
# The linux-x64 package's executable started directly, as a global install's dotnet-repro on the PATH starts: no .NET CLI.
unzip -q "$work/feed/Repro.Tool.linux-x64.$version.nupkg" -d "$work/native"
native="$(find "$work/native" -name Repro.Tool -type f | head -1)"
chmod +x "$native"

echo "Writing a store of 10,000 runs..." >&2
dotnet build "$here/Repro.Bench.Report/Repro.Bench.Report.csproj" -c Release -nologo -v:q > "$work/driver.log" 2>&1 || { cat "$work/driver.log" >&2; exit 1; }
dotnet "$here/Repro.Bench.Report/bin/Release/net10.0/Repro.Bench.Report.dll" --store "$work/big" 10000
touch "$work/big/Big.csproj"

mapfile -t ids < <(ls -d "$sample"/runs/2*/ | xargs -n1 basename | tail -2)
build="dotnet build $sample -nologo -v:q"
cd "$work/tool"
tool="dotnet repro --project $sample"
commands=(
    -n "no-op build" "$build"
    -n "build -t:Runs" "$build -t:Runs"
    -n "dotnet repro runs" "$tool runs"
    -n "dotnet repro runs (portable, JIT)" "$portable runs --project $sample"
    -n "dotnet-repro runs (native, no .NET CLI)" "$native runs --project $sample"
    -n "build -t:Describe" "$build -t:Describe -p:RunId=${ids[1]}"
    -n "dotnet repro describe" "$tool describe ${ids[1]}"
    -n "build -t:Compare" "$build -t:Compare -p:RunId=${ids[1]} -p:Against=${ids[0]}"
    -n "dotnet repro compare" "$tool compare ${ids[1]} ${ids[0]}"
    -n "build -t:Models" "$build -t:Models"
    -n "dotnet repro models" "$tool models"
    -n "build -t:Verify" "$build -t:Verify"
    -n "dotnet repro verify" "$tool verify"
    -n "dotnet repro runs --json" "$tool runs --json"
    -n "dotnet repro runs, 10,000 runs" "dotnet repro --project $work/big runs"
    -n "dotnet repro runs, 10,000 runs (portable, JIT)" "$portable runs --project $work/big"
    -n "dotnet-repro runs, 10,000 runs (native, no .NET CLI)" "$native runs --project $work/big"
    -n "build -t:Runs, 10,000 runs" "$build -t:Runs -p:ReproRunsDir=$work/big/runs"
)
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/warm.md" --style basic "${commands[@]}" >&2

# Train and what it runs, in a store of the benchmark's own (Train points the project's settings.json at it: the trap
# points it back). The program alone is iris-sdca's config.json in a scratch folder, started as Train starts it: from
# the project's folder, where its data paths are relative.
cd "$sample"
store="$work/trained"
dotnet build "$sample" -t:Train -p:Experiment="iris-sdca iris-forest-seeds" "-p:ReproRunsDir=$store" -nologo -v:q > "$work/train.log" 2>&1 \
    || { cat "$work/train.log" >&2; exit 1; }
sdca="$(jq -r 'select(.experiment == "iris-sdca") | input_filename' "$store"/2*/run.json | head -1 | xargs dirname)"
mkdir -p "$work/direct"
cp "$sdca/config.json" "$work/direct/"
program="$sample/bin/Debug/net10.0/IrisExperiment.dll"
train="$build -p:ReproRunsDir=$store -t:Train"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/train.md" --style basic \
    -n "program alone, iris-sdca (dotnet exec)" "DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 dotnet exec $program --repro-run $work/direct" \
    -n "build -t:Train, iris-sdca" "$train -p:Experiment=iris-sdca -p:Force=true" \
    -n "build -t:Train, 5-seed group" "$train -p:Experiment=iris-forest-seeds -p:Force=true" \
    -n "build -t:Train, both up to date" "$train '-p:Experiment=\"iris-sdca iris-forest-seeds\"'" >&2
newest="$(jq -r 'select(.experiment == "iris-sdca") | "\(.startedAt) \(input_filename)"' "$store"/2*/run.json | sort | tail -1 | cut -d' ' -f2)"
cd "$work/tool"

cold=""
if [ "$(id -u)" -eq 0 ] && (sync && echo 3 > /proc/sys/vm/drop_caches) 2> /dev/null; then
    hyperfine --runs 3 --prepare "sync; echo 3 > /proc/sys/vm/drop_caches" --export-markdown "$work/cold.md" --style basic \
        -n "build -t:Runs (cold)" "$build -t:Runs" \
        -n "dotnet repro runs (cold)" "$tool runs" \
        -n "dotnet repro runs (portable, JIT, cold)" "$portable runs --project $sample" \
        -n "dotnet repro runs, 10,000 runs (cold)" "dotnet repro --project $work/big runs" >&2
    cold="$work/cold.md"
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); .NET $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "Warm (the files in the page cache):"
echo
cat "$work/warm.md"
echo
echo "Train beside what it runs:"
echo
cat "$work/train.md"
echo
echo "The last iris-sdca run's own timings (ms): $(jq -c '.timings' "$newest")"
if [ -n "$cold" ]; then
    echo
    echo "Cold (the page cache dropped before each call):"
    echo
    cat "$cold"
fi
