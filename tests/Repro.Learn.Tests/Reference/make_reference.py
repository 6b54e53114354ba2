"""Makes the scikit-learn reference files that the Repro.Learn parity tests assert against.

Run from anywhere with the Debian python3-sklearn 1.2.1 interpreter:

    /usr/bin/python3 tests/Repro.Learn.Tests/Reference/make_reference.py

It (1) copies iris, wine and breast_cancer from scikit-learn's bundled data folder to
../Data/*.csv, replacing the count header with column names, and (2) for each data set
writes <name>.json here with scikit-learn's stratified test rows, the logistic
regression's objective value and accuracy, and the random forest's accuracy for seeds 0-4.
"""
import json
import os
import re

import numpy as np
import sklearn
import sklearn.datasets
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "Data")
SOURCE = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data")

# name, bundled file, label column, whether the label is written as the class name,
# whether the logistic regression standardises (unscaled wine and breast_cancer make
# L-BFGS crawl, so those parities are checked on standardised features).
DATASETS = [
    ("iris", "iris.csv", "species", True, False),
    ("wine", "wine_data.csv", "cultivar", False, True),
    ("breast_cancer", "breast_cancer.csv", "diagnosis", True, True),
]
FEATURE_NAMES = {
    "iris": sklearn.datasets.load_iris().feature_names,
    "wine": sklearn.datasets.load_wine().feature_names,
    "breast_cancer": list(sklearn.datasets.load_breast_cancer().feature_names),
}
C = 1.0
TEST_SIZE = 0.2
SPLIT_SEED = 0
FOREST_SEEDS = [0, 1, 2, 3, 4]
FOREST_TREES = 100


def snake(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def copy_dataset(name, source_file, label_column, label_as_name):
    with open(os.path.join(SOURCE, source_file)) as f:
        lines = f.read().splitlines()
    class_names = lines[0].split(",")[2:]
    header = [snake(n) for n in FEATURE_NAMES[name]] + [label_column]
    out = [",".join(header)]
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split(",")
        label = int(cells[-1])
        cells[-1] = class_names[label] if label_as_name else str(label)
        out.append(",".join(cells))
    path = os.path.join(DATA, name + ".csv")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return path


def load(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    labels = [r[-1] for r in rows]
    return header, x, np.array(labels)


def multinomial_objective(model, x, y_index):
    """Sum of log-losses plus 0.5/C * ||W||^2, with W the full class-by-feature matrix.

    For two classes scikit-learn keeps only w1 (its solver ends with w0 = -w1, b0 = -b1),
    so the logits are (-d, d) and the penalty counts w1 twice.
    """
    d = x @ model.coef_.T + model.intercept_
    if d.shape[1] == 1:
        z = np.hstack([-d, d])
        penalty = 2.0 * np.sum(model.coef_ ** 2)
    else:
        z = d
        penalty = np.sum(model.coef_ ** 2)
    m = z.max(axis=1, keepdims=True)
    log_sum = (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True))).ravel()
    loss = np.sum(log_sum - z[np.arange(len(y_index)), y_index])
    return float(loss + 0.5 / C * penalty)


def reference(name, path, label_column, standardize):
    _, x, labels = load(path)
    rows = np.arange(len(labels))
    train_rows, test_rows = train_test_split(
        rows, test_size=TEST_SIZE, stratify=labels, random_state=SPLIT_SEED
    )
    x_train, x_test = x[train_rows], x[test_rows]
    y_train, y_test = labels[train_rows], labels[test_rows]
    if standardize:
        scaler = StandardScaler().fit(x_train)
        x_train_lr, x_test_lr = scaler.transform(x_train), scaler.transform(x_test)
    else:
        x_train_lr, x_test_lr = x_train, x_test
    lr = LogisticRegression(
        multi_class="multinomial", C=C, tol=1e-10, max_iter=100000
    ).fit(x_train_lr, y_train)
    y_index = np.searchsorted(lr.classes_, y_train)
    forest = []
    for seed in FOREST_SEEDS:
        model = RandomForestClassifier(n_estimators=FOREST_TREES, random_state=seed).fit(
            x_train, y_train
        )
        forest.append(float(model.score(x_test, y_test)))
    return {
        "dataset": name,
        "file": os.path.basename(path),
        "label_column": label_column,
        "sklearn_version": sklearn.__version__,
        "split": {"test_size": TEST_SIZE, "random_state": SPLIT_SEED, "stratify": True},
        "test_rows": [int(r) for r in test_rows],
        "logistic_regression": {
            "C": C,
            "standardize": standardize,
            "tol": 1e-10,
            "iterations": int(lr.n_iter_[0]),
            "objective": multinomial_objective(lr, x_train_lr, y_index),
            "accuracy": float(lr.score(x_test_lr, y_test)),
        },
        "random_forest": {
            "trees": FOREST_TREES,
            "seeds": FOREST_SEEDS,
            "accuracies": forest,
            "mean_accuracy": float(np.mean(forest)),
        },
    }


def main():
    os.makedirs(DATA, exist_ok=True)
    for name, source_file, label_column, label_as_name, standardize in DATASETS:
        path = copy_dataset(name, source_file, label_column, label_as_name)
        result = reference(name, path, label_column, standardize)
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        lr = result["logistic_regression"]
        print(f"{name}: objective {lr['objective']!r} accuracy {lr['accuracy']} "
              f"iterations {lr['iterations']} forest {result['random_forest']['mean_accuracy']:.4f}")


if __name__ == "__main__":
    main()
