#!/usr/bin/env bash
# Benchmarks Repro.Learn and ML.NET against scikit-learn on the same files and cores, each case timed as a
# whole process (start, CSV load, fit, predict) with its peak memory, and prints markdown tables.
# ML.NET runs at the machine's processor count, as a program without Repro would.
#
# Usage: bench/run.sh [REPEATS]     (default 1; with more, each side's fastest run is reported)
# Needs: the .NET SDK; installs python3-sklearn and GNU time with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repeats="${1:-1}"
python=/usr/bin/python3
data="$here/.data"
results="$here/.results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

install_packages() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "$@" > /dev/null
}

if ! [ -x "$python" ] || ! "$python" -c 'import sklearn' 2> /dev/null; then
    echo "Installing python3-sklearn..." >&2
    install_packages python3-sklearn
fi
if ! [ -x /usr/bin/time ]; then
    echo "Installing GNU time..." >&2
    install_packages time
fi

if ! [ -f "$data/train.csv" ] || ! [ -f "$data/test.csv" ]; then
    echo "Generating make_classification(n_samples=200000, n_features=20, n_informative=10, n_classes=3, random_state=0)..." >&2
    "$python" "$here/make_data.py" "$data"
fi

echo "Building Repro.Bench and Repro.Bench.MLNet (Release)..." >&2
mkdir -p "$results"
dotnet build "$here/Repro.Bench/Repro.Bench.csproj" -c Release --nologo -v quiet -o "$results/bin" > "$results/build.log" 2>&1 \
    || { cat "$results/build.log" >&2; exit 1; }
dotnet build "$here/Repro.Bench.MLNet/Repro.Bench.MLNet.csproj" -c Release --nologo -v quiet -o "$results/mlnet-bin" > "$results/build-mlnet.log" 2>&1 \
    || { cat "$results/build-mlnet.log" >&2; exit 1; }

# Runs one side of one case; prints "seconds peak_kb accuracy load_s fit_s predict_s" of its fastest run.
measure() {
    local best="" line
    for _ in $(seq "$repeats"); do
        /usr/bin/time -f '%e %M' -o "$results/time.txt" "$@" > "$results/out.json"
        line="$(read -r s m < "$results/time.txt"; "$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(sys.argv[2], sys.argv[3], r.get("accuracy", r.get("metrics", {}).get("accuracy")), r["load_s"], r["fit_s"], r["predict_s"])' "$results/out.json" "$s" "$m")"
        if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$line"; fi
    done
    echo "$best"
}

# Title | scikit-learn and Repro.Bench model | their extra options | the ML.NET trainer (bench/Repro.Bench.MLNet/Trainers.cs).
cases=("logistic regression|logreg||mc-lbfgs" "random forest, 100 trees, full depth|forest|--max-depth none|mc-fastforest-4096" "random forest, 100 trees, depth 5|forest|--max-depth 5|mc-fastforest-32")
rows=()
for case in "${cases[@]}"; do
    IFS='|' read -r title model extra mlnet <<< "$case"
    echo "Running $title..." >&2
    # shellcheck disable=SC2086
    sk="$(measure "$python" "$here/sklearn_bench.py" "$model" "$data/train.csv" "$data/test.csv" $extra)"
    # shellcheck disable=SC2086
    re="$(measure "$results/bin/Repro.Bench" "$model" "$data/train.csv" "$data/test.csv" $extra)"
    ml="$(measure "$results/mlnet-bin/Repro.Bench.MLNet" "$mlnet" "$data/train.csv" "$data/test.csv")"
    rows+=("$title|$sk|$re|$ml")
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "Machine: $(nproc) cores, $cpu; .NET $(dotnet --version); scikit-learn $("$python" -c 'import sklearn; print(sklearn.__version__)'); ML.NET 5.0.1; load average before the run: $load_before."
echo "Times are whole processes (start, load both CSV files, fit, predict), fastest of $repeats; the"
echo "load + fit + predict split is as measured inside each process. Memory is peak RSS."
echo
echo "| Case | scikit-learn | Repro.Learn | ML.NET | Repro.Learn / scikit-learn | ML.NET / scikit-learn | Accuracy scikit-learn | Accuracy Repro.Learn | Accuracy ML.NET |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for row in "${rows[@]}"; do
    IFS='|' read -r title sk re ml <<< "$row"
    read -r s_time s_mem s_acc _ <<< "$sk"
    read -r r_time r_mem r_acc _ <<< "$re"
    read -r m_time m_mem m_acc _ <<< "$ml"
    awk -v t="$title" -v st="$s_time" -v sa="$s_acc" -v rt="$r_time" -v ra="$r_acc" -v mt="$m_time" -v ma="$m_acc" 'BEGIN {
        printf "| %s | %.2f s | %.2f s | %.2f s | **%.2f×** | **%.2f×** | %.2f %% | %.2f %% | %.2f %% |\n",
            t, st, rt, mt, rt / st, mt / st, 100 * sa, 100 * ra, 100 * ma }'
done
echo
echo "| Case | load + fit + predict scikit-learn | Repro.Learn | ML.NET | Peak RSS scikit-learn | Repro.Learn | ML.NET |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for row in "${rows[@]}"; do
    IFS='|' read -r title sk re ml <<< "$row"
    read -r _ s_mem _ s_load s_fit s_pred <<< "$sk"
    read -r _ r_mem _ r_load r_fit r_pred <<< "$re"
    read -r _ m_mem _ m_load m_fit m_pred <<< "$ml"
    awk -v t="$title" -v sm="$s_mem" -v sl="$s_load" -v sf="$s_fit" -v sp="$s_pred" -v rm="$r_mem" -v rl="$r_load" -v rf="$r_fit" -v rp="$r_pred" \
        -v mm="$m_mem" -v ml="$m_load" -v mf="$m_fit" -v mp="$m_pred" 'BEGIN {
        printf "| %s | %.2f + %.2f + %.2f s | %.2f + %.2f + %.2f s | %.2f + %.2f + %.2f s | %.0f MB | %.0f MB | %.0f MB |\n",
            t, sl, sf, sp, rl, rf, rp, ml, mf, mp, sm / 1024, rm / 1024, mm / 1024 }'
done
echo
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) (it includes the benchmark's own processes, up to 2)."
