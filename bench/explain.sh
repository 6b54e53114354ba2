#!/usr/bin/env bash
# What -t:Explain costs against the runs it makes, on the Iris sample: A is iris-forest as the project says, B drops
# line 88 of data/iris.csv and trains with Trees=50. Explain then makes three runs (A re-run here, each change alone;
# the code change is only the dirty tree's patch with the same program, so it is the baseline's run). Timed: Explain on a store holding only A and B (every run made),
# Explain again (every run up to date), Train of the same three runs (-p:Force=true), and a no-op build.
# The sample's data file is put back on exit. Prints a markdown table.
#
# Usage: bench/explain.sh [RUNS]      (default 3; hyperfine reports mean ± sd)
# Needs: the .NET SDK; installs hyperfine with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-3}"
sample="$root/samples/IrisExperiment"
work="$(mktemp -d)"
cp "$sample/data/iris.csv" "$work/iris.csv"
trap 'cp "$work/iris.csv" "$sample/data/iris.csv"; rm -rf "$work"' EXIT

source "$here/lib.sh"
need hyperfine

cd "$sample"
store="$work/runs"
q="-nologo -v:q -p:ReproReport=false"
newest() { ls "$store" | grep '^2' | tail -1; }
echo "Training A and B..." >&2
dotnet build -t:Train -p:Experiment=iris-forest "-p:ReproRunsDir=$store" -p:Force=true $q > /dev/null
a=$(newest)
sed -i '88d' data/iris.csv
dotnet build -t:Train -p:Experiment=iris-forest "-p:ReproRunsDir=$store" -p:Params="Trees=50" -p:Force=true $q > /dev/null
b=$(newest)
cp -r "$store" "$work/ab"

explain="dotnet build -t:Explain -p:RunId=$a -p:Against=$b $q"
hyperfine --style basic --runs "$runs" --export-json "$work/made.json" \
    --prepare "rm -rf $work/fresh && cp -r $work/ab $work/fresh" "$explain -p:ReproRunsDir=$work/fresh" >&2
hyperfine --style basic --runs "$runs" --export-json "$work/cached.json" "$explain -p:ReproRunsDir=$work/fresh" >&2
hyperfine --style basic --runs "$runs" --export-json "$work/train.json" \
    "dotnet build -t:Train -p:Experiment=iris-forest -p:Seeds=\"1 2 3\" -p:Force=true -p:ReproRunsDir=$work/train $q" >&2
hyperfine --style basic --runs "$runs" --export-json "$work/noop.json" "dotnet build $q -p:ReproRunsDir=$work/train" >&2

# The programs Explain started, by their records: the time the runs themselves took.
programs=$(python3 - "$work/fresh" "$a" "$b" <<'PY'
import json, os, sys
store, a, b = sys.argv[1:]
total = 0
for name in os.listdir(store):
    path = os.path.join(store, name, "run.json")
    if os.path.exists(path):
        record = json.load(open(path))
        of = record.get("explanationOf")
        if of and of["run"] == a and of["against"] == b:
            total += record["durationMs"]
print(f"{total / 1000:.2f}")
PY
)
mean() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']:.2f} ± {r['stddev'] or 0:.2f}\")" "$1"; }
echo "| what | seconds |"
echo "| --- | --- |"
echo "| Explain, 3 runs made | $(mean "$work/made.json") |"
echo "| the 3 runs themselves (their records' durationMs) | $programs |"
echo "| Explain again, every run up to date | $(mean "$work/cached.json") |"
echo "| Train of 3 runs (-p:Seeds, -p:Force=true) | $(mean "$work/train.json") |"
echo "| no-op build | $(mean "$work/noop.json") |"
