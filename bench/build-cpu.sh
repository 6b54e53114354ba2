#!/usr/bin/env bash
# What the build's own processes do while Train's programs run: a forced Train of the sample's five-seed group, with
# the CPU time of every thread of every MSBuild process (the dotnet build process, its worker node, Train's task host)
# read from /proc when the first program starts and when the last one ends. Linux only. Prints a markdown table.
#
# Usage: bench/build-cpu.sh [RUNS] [PROJECT_DIR]   (default 3 runs; the repository's sample)
# Needs: the .NET SDK and python3 (installed with apt-get when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${1:-3}"
project="${2:-$here/../samples/IrisExperiment}"

source "$here/lib.sh"
need python3

dotnet build "$project" -nologo -v:q > /dev/null
echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
python3 - "$runs" "$project" <<'EOF'
import glob, subprocess, sys, time
from collections import defaultdict

runs, project = int(sys.argv[1]), sys.argv[2]

def processes():
    """The experiment programs and the build's processes now, by /proc entry."""
    programs, build = [], {}
    for entry in glob.glob("/proc/[0-9]*"):
        try:
            command = open(entry + "/cmdline").read().replace("\0", " ")
        except OSError:
            continue
        if " exec " in command and "--repro-run" in command:
            programs.append(entry)
        elif "/nodemode:2" in command:
            build[entry] = "task host"
        elif "/nodemode:1" in command:
            build[entry] = "worker node"
        elif command.startswith("dotnet build"):
            build[entry] = "dotnet build"
    return programs, build

def threads(build):
    """CPU ticks of every thread of the build's processes, by (process, thread id), with the thread's name."""
    ticks = {}
    for entry, role in build.items():
        for task in glob.glob(entry + "/task/*"):
            try:
                stat = open(task + "/stat").read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            ticks[(entry, task)] = (int(fields[11]) + int(fields[12]), role, name)
    return ticks

hz = 100  # USER_HZ: /proc reports CPU time in 1/100 s
totals = defaultdict(list)
spans = []
for run in range(runs):
    build = subprocess.Popen(["dotnet", "build", project, "-t:Train", "-p:Experiment=iris-forest-seeds", "-p:Force=true", "-nologo", "-v:q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = last = None
    started = ended = None
    while build.poll() is None:
        programs, processes_now = processes()
        if programs:
            snapshot = threads(processes_now)
            if first is None:
                first, started = snapshot, time.monotonic()
            last, ended = snapshot, time.monotonic()
        time.sleep(0.02)
    if build.returncode != 0 or first is None:
        sys.exit(f"the Train failed (exit {build.returncode}) or ran no program")
    spans.append(ended - started)
    used = defaultdict(int)
    for key, (value, role, name) in last.items():
        kind = "background JIT (.NET Tiered Compilation)" if name.startswith(".NET Tiered") else \
               "Repro's task" if name.startswith("Task runner") else "other threads"
        used[(role, kind)] += value - first.get(key, (0,))[0]
    for key in set(used) | set(totals):
        if key not in totals:
            totals[key] = [0.0] * run
        totals[key].append(used.get(key, 0) / hz)

print(f"The five programs ran over {', '.join(f'{s:.2f}' for s in spans)} s (wall) in {runs} Train(s). CPU time meanwhile, per Train:")
print()
print("| process | threads | CPU [s] |")
print("| --- | --- | ---: |")
for (role, kind), values in sorted(totals.items(), key=lambda item: -sum(item[1])):
    if sum(values) > 0:
        print(f"| {role} | {kind} | {' / '.join(f'{v:.2f}' for v in values)} |")
print(f"| all | all | {' / '.join(f'{sum(v[i] for v in totals.values()):.2f}' for i in range(runs))} |")
EOF
