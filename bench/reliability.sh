#!/usr/bin/env bash
# The figures of docs/reliability.md, measured on the Iris sample with a scratch run store:
#   1. KILLS builds of -t:Train killed with kill -9 (the whole process group) at seeded random points: how many
#      finished records are corrupt (goal 0) and how many unfinished runs -t:Runs lists as interrupted (goal all);
#      then -t:Prune must remove exactly those.
#   2. CONCURRENT builds of -t:Train of the sample at once: failed builds, run ids given twice, unfinished folders
#      left, records not intact, a hash cache that no longer reads (goal 0 each).
#   3. The record fuzzer (tests/Repro.Core.Tests/Fuzzing) and the secret-leak test (EnvironmentTests), run here so
#      the table comes from one command.
# Every record is judged by -t:Describe, which proves config, metrics and artifacts hash as recorded.
#
# Usage: bench/reliability.sh [KILLS] [CONCURRENT]      (default 20 8; about 10 minutes on 2 cores)
# Needs: the .NET SDK, git, setsid (util-linux).
set -uo pipefail # not -e: a count of nothing (grep finding no line) is a figure, not a failure

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
kills="${1:-20}"
concurrent="${2:-8}"
sample="$root/samples/IrisExperiment"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
RANDOM=20261124 # the same kill points on every run of the script

build() { dotnet build "$sample" -nologo -nodeReuse:false "$@"; }

echo "Building the sample..." >&2
build -v:q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }


# Counts the finished runs of a store whose record -t:Describe does not prove intact.
not_intact() {
    local store="$1" bad=0 id
    for folder in "$store"/2*/; do
        id="$(basename "$folder")"
        case "$id" in *.partial) continue ;; esac
        # Describe says "intact: …" (or "intact (a failed run)") when every hash matches, "NOT intact: why" otherwise.
        if ! build -t:Describe "-p:RunId=$id" "-p:ReproRunsDir=$store" -v:m > "$work/describe.log" 2>&1 \
            || grep -q "NOT intact" "$work/describe.log" || ! grep -qE "(^|[[:space:]])intact[: ]" "$work/describe.log"; then
            echo "  not intact: $id" >&2
            bad=$((bad + 1))
        fi
    done
    echo "$bad"
}

# 1. kill -9 at random points of a Train.
store="$work/killed/runs"
mkdir -p "$store"
for i in $(seq 1 "$kills"); do
    delay_ms=$((1000 + RANDOM % 9000))
    setsid dotnet build "$sample" -t:Train -p:Force=true "-p:ReproRunsDir=$store" -nologo -v:q -nodeReuse:false > "$work/kill-$i.log" 2>&1 &
    leader=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -s KILL -- "-$leader" 2> /dev/null || true
    wait "$leader" 2> /dev/null || true
    echo "  kill $i/$kills after ${delay_ms} ms: $(ls -d "$store"/2*/ 2> /dev/null | grep -vc partial) finished, $(ls -d "$store"/*.partial 2> /dev/null | wc -l) unfinished so far" >&2
done

sleep 1
partials=$(ls -d "$store"/*.partial 2> /dev/null | wc -l)
finished=$(ls -d "$store"/2*/ 2> /dev/null | grep -vc partial || true)
# Runs lists interrupted runs (REPRO1005) as part of its listing, one "<RunId>.partial" line each.
build -t:Runs -p:Last=0 "-p:ReproRunsDir=$store" -v:m > "$work/runs.log" 2>&1
listed=0
for folder in "$store"/*.partial; do
    [ -e "$folder" ] || continue
    id="$(basename "$folder" .partial)"
    grep -qE "^ +$id\.partial " "$work/runs.log" && listed=$((listed + 1))
done
echo "Judging $finished finished records..." >&2
corrupt=$(not_intact "$store")
build -t:Prune "-p:ReproRunsDir=$store" -v:m > "$work/prune.log" 2>&1
removed=$(grep -oE "Removed [0-9]+ interrupted" "$work/prune.log" | grep -oE "[0-9]+")
left=$(ls -d "$store"/*.partial 2> /dev/null | wc -l)

# 2. Trains at once.
store="$work/concurrent/runs"
mkdir -p "$store"
pids=()
for i in $(seq 1 "$concurrent"); do
    build -t:Train -p:Force=true "-p:ReproRunsDir=$store" -v:m > "$work/concurrent-$i.log" 2>&1 &
    pids+=($!)
done
failed_builds=0
for pid in "${pids[@]}"; do wait "$pid" || failed_builds=$((failed_builds + 1)); done
made=$(ls -d "$store"/2*/ 2> /dev/null | grep -vc partial || true)
expected=$(grep -ohE "\(([0-9]+) run\(s\)" "$work"/concurrent-*.log | grep -oE "[0-9]+" | awk '{ s += $1 } END { print s + 0 }')
distinct=$(grep -ohE "^\s+\S+( seed [0-9]+)?\s+[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{6}" "$work"/concurrent-*.log | grep -oE "[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{6}" | sort -u | wc -l)
unfinished=$(ls -d "$store"/*.partial 2> /dev/null | wc -l)
echo "Judging $made records of $concurrent concurrent Trains..." >&2
concurrent_bad=$(not_intact "$store")
cache_warnings=$(build -t:Train "-p:ReproRunsDir=$store" -v:m 2>&1 | grep -c "REPRO1003")

# 3. The fuzzer and the secret-leak test.
echo "Running the record fuzzer and the secret-leak test..." >&2
dotnet test "$root/tests/Repro.Core.Tests" --filter "FullyQualifiedName~RecordReaderFuzzTests" --logger "console;verbosity=detailed" > "$work/fuzz.log" 2>&1 || true
fuzz_failed=$(grep -oE "Failed: +[0-9]+" "$work/fuzz.log" | grep -oE "[0-9]+" | awk '{ s += $1 } END { print s + 0 }')
fuzz_inputs=$(grep -oE "[^ :][^:]*: [0-9]+ inputs, [0-9]+ coded errors" "$work/fuzz.log" | sort -u | grep -oE "[0-9]+ inputs" | grep -oE "[0-9]+" | awk '{ s += $1 } END { print s + 0 }')
readers=$(grep -oE "[^ :][^:]*: [0-9]+ inputs, [0-9]+ coded errors" "$work/fuzz.log" | sort -u | wc -l)
dotnet test "$root/tests/Repro.Sdk.Tests" --filter "FullyQualifiedName~SecretsInTheEnvironment" > "$work/secrets.log" 2>&1 && secrets="0 (test passed)" || secrets="FOUND (test failed)"

echo
echo "| what | measured | goal |"
echo "| --- | --- | --- |"
echo "| kill -9 at $kills random points of a Train (1–10 s in): finished records not intact | $corrupt of $finished | 0 |"
echo "| … unfinished runs left, listed by -t:Runs as interrupted (REPRO1005) | $listed of $partials | all |"
echo "| … removed by -t:Prune; unfinished runs left after it | $removed; $left | all; 0 |"
echo "| $concurrent Trains of the sample at once: builds failed | $failed_builds | 0 |"
echo "| … runs made; distinct run and group ids in the builds' summaries | $made of $expected; $distinct | all; all |"
echo "| … unfinished folders left; records not intact; hash-cache warnings after | $unfinished; $concurrent_bad; $cache_warnings | 0; 0; 0 |"
echo "| record fuzzer: inputs over $readers readers; cases failed (unhandled exception, hang or wrong value) | $fuzz_inputs; $fuzz_failed | 0 failed |"
echo "| secrets planted in the environment found in run files, registry or build output | $secrets | 0 |"
