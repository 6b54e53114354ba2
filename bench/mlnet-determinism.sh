#!/usr/bin/env bash
# Measures which ML.NET trainers give the same model run after run, across processor counts and without SIMD, and
# whether the MLContext's seed reaches them; prints the markdown table of docs/mlnet.md.
#
# Each trainer runs as its own process on bench/.data (bench/make_data.py) at simulated processor counts 1, 2 and 16
# (DOTNET_PROCESSOR_COUNT, which ML.NET sizes its threads from, and OMP_NUM_THREADS for LightGBM, as Repro pins
# them), REPEATS times each, once with the machine's SIMD and once restricted (DOTNET_EnableAVX2=0,
# DOTNET_EnableHWIntrinsic=0), and once more at count 1 with the context's seed 5 instead of 0. "Identical" compares a
# SHA-256 over every test score's bits, so it means the same model output to the last bit.
#
# Usage: bench/mlnet-determinism.sh [REPEATS] [TRAINER...]     (default 3 repeats, every trainer below)
#        MLNET_VERSION=6.0.0 bench/mlnet-determinism.sh         (another ML.NET than the repository's MLNetVersion)
# Needs: the .NET SDK; installs python3-sklearn with apt-get when the data has to be generated.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repeats="${1:-3}"
shift || true
trainers=("$@")
if [ ${#trainers[@]} -eq 0 ]; then
    trainers=(sdca-logistic sdca-regression lbfgs-logistic lbfgs-poisson averaged-perceptron sgd fasttree fastforest lightgbm kmeans)
fi
python=/usr/bin/python3
data="$here/.data"
project="$here/Repro.Bench.MLNet/Repro.Bench.MLNet.csproj"
# Unset MLNET_VERSION builds the repository's version (Directory.Packages.props); either way each version gets its own
# results folder, so a run on one never reads the build or the runs of another.
version_args=()
if [ -n "${MLNET_VERSION:-}" ]; then version_args=(-p:MLNetVersion="$MLNET_VERSION"); fi
requested="${MLNET_VERSION:-$(dotnet msbuild "$project" -getProperty:MLNetVersion)}"
results="$here/.results/mlnet-$requested"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

if ! [ -f "$data/train.csv" ] || ! [ -f "$data/test.csv" ]; then
    if ! "$python" -c 'import sklearn' 2> /dev/null; then
        echo "Installing python3-sklearn..." >&2
        sudo_cmd=""; if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
        $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-sklearn > /dev/null
    fi
    echo "Generating the benchmark data..." >&2
    "$python" "$here/make_data.py" "$data"
fi

echo "Building Repro.Bench.MLNet (Release) on ML.NET $requested..." >&2
mkdir -p "$results"
dotnet build "$project" -c Release --nologo -v quiet -o "$results/bin" "${version_args[@]}" > "$results/build.log" 2>&1 \
    || { cat "$results/build.log" >&2; exit 1; }
# The heading names the Microsoft.ML the build resolved, not the one asked for: restore may pick a later one.
mlnet_version="$("$python" -c 'import json,sys; print(next(k.split("/")[1] for k in json.load(open(sys.argv[1]))["libraries"] if k.startswith("Microsoft.ML/")))' \
    "$results/bin/Repro.Bench.MLNet.deps.json")"

lines="$results/runs.jsonl"
: > "$lines"
total=$(( ${#trainers[@]} * (3 * 2 * repeats + 1) ))
done_runs=0
run() {  # run TRAINER COUNT SIMD SEED REPEAT
    local simd_env=()
    if [ "$3" = "restricted" ]; then simd_env=(DOTNET_EnableAVX2=0 DOTNET_EnableHWIntrinsic=0); fi
    local out
    out="$(env DOTNET_PROCESSOR_COUNT="$2" OMP_NUM_THREADS="$2" "${simd_env[@]}" \
        "$results/bin/Repro.Bench.MLNet" "$1" "$data/train.csv" "$data/test.csv" --seed "$4")"
    echo "{\"simd\": \"$3\", \"repeat\": $5, \"result\": $out}" >> "$lines"
    done_runs=$((done_runs + 1))
    echo "[$done_runs/$total] $1 at $2 processors, SIMD $3, seed $4: $(echo "$out" | "$python" -c 'import json,sys; r=json.load(sys.stdin); print(r["scores_sha256"], "fit", r["fit_s"], "s")')" >&2
}

for trainer in "${trainers[@]}"; do
    for simd in machine restricted; do
        for count in 1 2 16; do
            for repeat in $(seq "$repeats"); do run "$trainer" "$count" "$simd" 0 "$repeat"; done
        done
    done
    run "$trainer" 1 machine 5 1
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "Machine: $(nproc) cores, $cpu; .NET $(dotnet --version); ML.NET $mlnet_version; $repeats repeats; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after."
echo
"$python" "$here/mlnet_table.py" "$lines"
