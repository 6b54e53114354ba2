"""Writes the benchmark data set: scikit-learn's make_classification, split 80/20 stratified.

Usage: python3 make_data.py OUTPUT_DIR
Creates OUTPUT_DIR/train.csv and OUTPUT_DIR/test.csv with a header f0..f19,label.
Values are written with 17 significant digits so both sides read identical doubles.
"""
import os
import sys

import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split


def write(path, x, y):
    header = ",".join([f"f{j}" for j in range(x.shape[1])] + ["label"])
    data = np.column_stack([x, y])
    fmt = ["%.17g"] * x.shape[1] + ["%d"]
    np.savetxt(path, data, fmt=fmt, delimiter=",", header=header, comments="")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    x, y = make_classification(
        n_samples=200000, n_features=20, n_informative=10, n_classes=3, random_state=0
    )
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.2, stratify=y, random_state=0
    )
    write(os.path.join(out, "train.csv"), x_train, y_train)
    write(os.path.join(out, "test.csv"), x_test, y_test)


if __name__ == "__main__":
    main()
