"""Times one benchmark case with scikit-learn as a whole process: load, fit, predict.

Usage: python3 sklearn_bench.py (logreg | forest) TRAIN.csv TEST.csv [--trees N] [--max-depth N] [--seed N]
Prints one JSON line with the accuracy and the seconds spent in each phase, like Repro.Bench.
"""
import argparse
import json
import time
import warnings

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(np.int64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model", choices=["logreg", "forest"])
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--max-depth", default="none")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    start = time.perf_counter()
    x_train, y_train = load(args.train)
    x_test, y_test = load(args.test)
    loaded = time.perf_counter()
    note = ""
    if args.model == "logreg":
        model = LogisticRegression(multi_class="multinomial")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model.fit(x_train, y_train)
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        note = f"iterations {int(model.n_iter_[0])}, converged {converged}"
    else:
        depth = None if args.max_depth == "none" else int(args.max_depth)
        model = RandomForestClassifier(
            n_estimators=args.trees, max_depth=depth, random_state=args.seed, n_jobs=-1
        )
        model.fit(x_train, y_train)
    fitted = time.perf_counter()
    predicted = model.predict(x_test)
    done = time.perf_counter()
    print(json.dumps({
        "accuracy": accuracy_score(y_test, predicted),
        "load_s": round(loaded - start, 3),
        "fit_s": round(fitted - loaded, 3),
        "predict_s": round(done - fitted, 3),
        "note": note,
    }))


if __name__ == "__main__":
    main()
