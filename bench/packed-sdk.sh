#!/usr/bin/env bash
# What a project on the packed SDK pays, and what TaskHostFactory costs: the Iris sample copied out of the repository
# onto <Project Sdk="Repro.Sdk/VERSION">, as a project elsewhere gets it, with Repro's tasks loaded in the build
# process (the package's default), against the same copy with -p:ReproTaskFactory=TaskHostFactory (a fresh task host
# per build, as this repository's sample runs the tasks it builds from source). Prints a markdown table.
#
# Usage: bench/packed-sdk.sh [RUNS]      (default 5; hyperfine reports mean ± sd)
# Needs: the .NET SDK and git; installs hyperfine with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$here/lib.sh"
need hyperfine jq

echo "Packing the SDK and the packages it references..." >&2
version="0.1.0-bench.$(date +%s)"
for package in Repro.Runtime Repro.Learn Repro.MLNet Repro.Sdk; do
    dotnet pack "$root/src/$package" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q > "$work/pack.log" 2>&1 \
        || { cat "$work/pack.log" >&2; exit 1; }
done

echo "Copying the sample onto the packed SDK..." >&2
project="$work/IrisExperiment"
mkdir -p "$project"
cp -r "$root/samples/IrisExperiment/"{Program.cs,MLNetTraining.cs,data} "$project/"
# What a project keeps out of git; without it the build's output would make every run's patch (REPRO1006).
printf 'bin/\nobj/\nruns/\n' > "$project/.gitignore"
mlnet=$(sed -n 's|.*<MLNetVersion[^>]*>\([^<]*\)<.*|\1|p' "$root/Directory.Packages.props")
# The SDK from the feed instead of the imports from source; the package versions the repository sets centrally.
sed -e "s|^<Project>|<Project Sdk=\"Repro.Sdk/$version\">|" -e '/<Import Project=/d' \
    -e "s|<PackageReference Include=\"\(Microsoft.ML[^\"]*\)\" />|<PackageReference Include=\"\1\" Version=\"$mlnet\" />|" \
    "$root/samples/IrisExperiment/IrisExperiment.csproj" > "$project/IrisExperiment.csproj"
cat > "$project/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="repro-bench" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$(dotnet nuget locals global-packages --list | cut -d: -f2- | sed 's/^ *//')" /></fallbackPackageFolders>
</configuration>
EOF
export NUGET_PACKAGES="$work/packages"
# Restored before the commit, so the lock file restore writes is committed too and the tree is clean.
(cd "$project" && dotnet restore -nologo -v:q > "$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 1; })
(cd "$project" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm sample)

echo "Training the copy once..." >&2
cd "$project"
dotnet build -t:Train -nologo -v:q > "$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }

# The programs alone, started as Train starts them, each on a copy of its run's config.json: iris-sdca's run and the
# five members of the seed group. What a user would pay without Repro.
program="$project/bin/Debug/net10.0/IrisExperiment.dll"
alone() {
    local line=""
    for record in "$project"/runs/2*/run.json; do
        [ "$(jq -r .experiment "$record")" = "$1" ] || continue
        local folder="$work/direct/$(basename "$(dirname "$record")")"
        mkdir -p "$folder" && cp "$(dirname "$record")/config.json" "$folder/"
        line+="DOTNET_PROCESSOR_COUNT=1 OMP_NUM_THREADS=1 dotnet exec $program --repro-run $folder > /dev/null; "
    done
    echo "$line"
}

build="dotnet build -nologo -v:q"
commands=(
    -n "iris-sdca program alone (dotnet exec)" "$(alone iris-sdca)"
    -n "5 programs of the seed group alone (dotnet exec)" "$(alone iris-forest-seeds)"
)
for factory in "" TaskHostFactory; do
    option=""; label="in the build process"
    if [ -n "$factory" ]; then option="-p:ReproTaskFactory=$factory"; label="TaskHostFactory"; fi
    commands+=(
        -n "no-op build ($label)" "$build $option"
        -n "build -t:Runs ($label)" "$build -t:Runs $option"
        -n "build -t:Train, up to date ($label)" "$build -t:Train $option"
        -n "build -t:Train, iris-sdca ($label)" "$build -t:Train -p:Experiment=iris-sdca -p:Force=true $option"
        -n "build -t:Train, 5-seed group ($label)" "$build -t:Train -p:Experiment=iris-forest-seeds -p:Force=true $option"
    )
done
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/table.md" --export-json "$work/table.json" --style basic "${commands[@]}" >&2

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); .NET $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
cat "$work/table.md"

# Issue 25's goals for Train, on the packed SDK with the tasks in the build process.
mean() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .mean' "$work/table.json"; }
label="in the build process"
awk -v noop="$(mean "no-op build ($label)")" -v utd="$(mean "build -t:Train, up to date ($label)")" \
    -v sdca="$(mean "build -t:Train, iris-sdca ($label)")" -v sdca_alone="$(mean "iris-sdca program alone (dotnet exec)")" \
    -v group="$(mean "build -t:Train, 5-seed group ($label)")" -v group_alone="$(mean "5 programs of the seed group alone (dotnet exec)")" 'BEGIN {
    print ""
    printf "- An ML.NET run (iris-sdca): Train minus the no-op build minus the program alone: %.2f s (goal 0.1 s).\n", sdca - noop - sdca_alone
    printf "- The five-seed group: Train minus the no-op build minus the five programs: %.2f s (goal 0.5 s in all).\n", group - noop - group_alone
    printf "- The up-to-date Train over the no-op build: %.2fx (goal at most 1.1x).\n", utd / noop }'
