#!/usr/bin/env bash
# A build of samples/IrisService whose models.lock.json is unchanged: how long ReproResolveModels takes in it, and
# whether it opens the model file at all (strace lists every open of every process the build starts). Goal: no model
# bytes read beyond the stat check. Prints a markdown table row.
#
# Usage: bench/serving-build.sh [BUILDS]     (default 5)
# Needs: strace (Debian's `strace`; installed with apt-get when missing and this runs as root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
service="$here/../samples/IrisService"
builds="${1:-5}"
if ! command -v strace >/dev/null; then
  echo "Installing strace from Debian..." >&2
  apt-get install -y -qq strace >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cache="$work/model-cache"
build() { dotnet build "$service" -nologo -nodeReuse:false -p:ReproModelCache="$cache" "$@"; }

echo "First build (the model enters an empty cache and the output), traced as the control..." >&2
strace -f -qq -e trace=open,openat,openat2 -o "$work/first" dotnet build "$service" -nologo -nodeReuse:false -p:ReproModelCache="$cache" -v:q -clp:"ErrorsOnly;NoSummary" >&2
sha="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["models"][0]["sha256"])' "$service/models.lock.json")"
file="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["models"][0]["file"])' "$service/models.lock.json")"
run="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["models"][0]["runId"])' "$service/models.lock.json")"
bytes="$(stat -c %s "$cache/${sha:0:2}/$sha")"

model_opens() { grep -v ENOENT "$1" | grep -cE "$sha|/$file|$run/artifacts/" || true; }
first="$(model_opens "$work/first")"
target_ms=()
task_ms=()
settings_ms=()
opens=0
for i in $(seq "$builds"); do
  echo "Build $i of $builds with the lock unchanged..." >&2
  build -v:m -clp:PerformanceSummary > "$work/summary"
  target_ms+=("$(awk '/Target Performance Summary/ {t=1} t && / ReproResolveModels / {print $1; exit}' "$work/summary")")
  task_ms+=("$(awk '/Task Performance Summary/ {t=1} t && / ResolveModels / {print $1; exit}' "$work/summary")")
  settings_ms+=("$(awk '/Target Performance Summary/ {t=1} t && / _ReproProjectSettings / {print $1; exit}' "$work/summary")")
  strace -f -qq -e trace=open,openat,openat2 -o "$work/trace" dotnet build "$service" -nologo -nodeReuse:false -p:ReproModelCache="$cache" -v:q -clp:"ErrorsOnly;NoSummary" >&2
  n="$(model_opens "$work/trace")"
  opens=$((opens + n))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "| model | bytes | builds | ReproResolveModels target (median ms) | of it: the experiment project's settings | of it: the ResolveModels task | opens of the model file (cache, output, run store) | the same in the first build |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["models"][0]["reference"])' "$service/models.lock.json")" \
  "$(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$bytes")" "$builds" "$(median "${target_ms[@]}")" "$(median "${settings_ms[@]}")" "$(median "${task_ms[@]}")" "$opens" "$first"
