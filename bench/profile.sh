#!/usr/bin/env bash
# Profiling a data file against hashing it alone, on about 1 GiB of Iris-shaped CSV in the temp folder: what Train
# pays the first time it sees a file's content (an unchanged file is neither hashed nor profiled again).
# Five rounds, each timing both in turn with the file in the page cache; prints a markdown row of medians.
#
# Usage: bench/profile.sh [MIB]     (default 1024)
# Needs: the .NET SDK; MIB MiB of free disk in the temp folder.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mib="${1:-1024}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Building the benchmark driver (Release)..." >&2
dotnet build "$here/Repro.Bench.Hashing/Repro.Bench.Hashing.csproj" -c Release --nologo -v quiet -o "$work/driver" > "$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }
driver="$work/driver/Repro.Bench.Hashing"

echo "Writing $mib MiB of CSV..." >&2
"$driver" --make "$work/data.csv" "$mib"
cat "$work/data.csv" > /dev/null

hash=() profile=() split=()
for round in 1 2 3 4 5; do
    read -r sha_h seconds _ < <("$driver" "$work/data.csv" hash)
    hash+=("$seconds")
    read -r sha_p seconds _ rows < <("$driver" "$work/data.csv" profile)
    profile+=("$seconds")
    read -r _ seconds _ split_rows < <("$driver" "$work/data.csv" split)
    split+=("$seconds")
    [[ "$sha_h" == "$sha_p" ]] || { echo "the profiler's hash differs from the hash alone" >&2; exit 1; }
    [[ "$rows" == "$split_rows" ]] || { echo "Sep counts $split_rows rows, the profiler $rows" >&2; exit 1; }
    echo "  round $round: hash ${hash[-1]} s, profile ${profile[-1]} s, Sep split ${split[-1]} s ($rows rows)" >&2
done

median() { printf '%s\n' "$@" | sort -g | sed -n 3p; }
h="$(median "${hash[@]}")" p="$(median "${profile[@]}")" q="$(median "${split[@]}")"
bytes="$(stat -c %s "$work/data.csv")"
echo "| file | rows | SHA-256 alone | profile + SHA-256 + row fingerprints | ratio | Sep: split + row fingerprints only | ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -v b="$bytes" -v r="$rows" -v h="$h" -v p="$p" -v q="$q" 'BEGIN { printf "| %.2f GiB CSV | %d | %.2f s (%.0f MB/s) | %.2f s (%.0f MB/s) | %.2f× | %.2f s | %.2f× |\n", b / 2^30, r, h, b / 1e6 / h, p, b / 1e6 / p, p / h, q, q / h }'
