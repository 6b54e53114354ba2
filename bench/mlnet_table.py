"""Turns bench/mlnet-determinism.sh's runs (one JSON object per line) into the markdown table of docs/mlnet.md.

Usage: python3 mlnet_table.py RUNS.jsonl
"""
import json
import sys
from collections import defaultdict

COUNTS = [1, 2, 16]


def main():
    runs = defaultdict(list)  # (trainer, simd, count, seed) -> results
    order = []
    for line in open(sys.argv[1]):
        row = json.loads(line)
        r = row["result"]
        if r["trainer"] not in order:
            order.append(r["trainer"])
        runs[(r["trainer"], row["simd"], r["processors"], r["seed"])].append(r)

    print("| Trainer | Run to run at 1 / 2 / 16 | Across counts | Without SIMD | Context's seed reaches it | Fit at 1 / 2 / 16 | Metric at 1 | Repro's setting, and its cost |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for trainer in order:
        def hashes(simd, count, seed=0):
            return [r["scores_sha256"] for r in runs[(trainer, simd, count, seed)]]

        repeatable = {c: len(set(hashes("machine", c))) == 1 for c in COUNTS}
        run_to_run = " / ".join("yes" if repeatable[c] else f"**no** ({len(set(hashes('machine', c)))} of {len(hashes('machine', c))} differ)" for c in COUNTS)
        firsts = {c: hashes("machine", c)[0] for c in COUNTS}
        if all(repeatable.values()):
            across = "yes" if len(set(firsts.values())) == 1 else "**no**: " + ", ".join(
                f"{c} ≠ {d}" for c, d in [(1, 2), (1, 16), (2, 16)] if firsts[c] != firsts[d])
        else:
            across = "—"
        simd_same = []
        for c in COUNTS:
            restricted = hashes("restricted", c)
            if len(set(restricted)) != 1 or not repeatable[c]:
                simd_same.append("—")
            else:
                simd_same.append("yes" if restricted[0] == firsts[c] else "**no**")
        without_simd = "yes" if all(s == "yes" for s in simd_same) else " / ".join(simd_same) + " (at 1 / 2 / 16)"
        seed_reaches = "yes" if hashes("machine", 1, 5)[0] != firsts[1] else "**no**"
        fit = {c: min(r["fit_s"] for r in runs[(trainer, "machine", c, 0)]) for c in COUNTS}
        fit_text = " / ".join(f"{fit[c]:.2f}" for c in COUNTS) + " s"
        metrics = runs[(trainer, "machine", 1, 0)][0]["metrics"]
        name, value = next(iter(metrics.items()))
        metric_text = f"{name} {value:.4f}"
        if not repeatable[2] or not repeatable[16]:
            setting = f"ProcessorCount 1 (the default): {fit[1] / fit[2]:.2f}× the time at 2"
        elif len(set(firsts.values())) != 1:
            best = min(COUNTS, key=lambda c: fit[c])
            setting = f"any fixed count; Reproduce uses the recorded one. At {best}: {fit[best] / fit[1]:.2f}× the time at 1"
        else:
            best = min(COUNTS, key=lambda c: fit[c])
            setting = f"any count gives the same model; ProcessorCount {best} takes {fit[best] / fit[1]:.2f}× the time at 1"
        print(f"| {trainer} | {run_to_run} | {across} | {without_simd} | {seed_reaches} | {fit_text} | {metric_text} | {setting} |")
    print()
    print("Fit times are the fastest of the repeats with the machine's SIMD. \"—\": not comparable, because the runs at that")
    print("count already differ from each other.")


if __name__ == "__main__":
    main()
