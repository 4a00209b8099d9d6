"""Shared helpers for the table tools: which tables exist, their label column
and positive (anomalous / minority) class, and how a CSV is read.

A CSV is read with every field as text first; an empty field is missing and
nothing else is (so 'NA' or 'None' would be categories, not missing).  A
column is numeric when every non-missing field parses as a number, else
categorical.
"""
import numpy as np
import pandas as pd

DEFAULT_DEST = "data/tables"

# name -> (label column, positive label).  Positive = the anomalous class in
# the anomaly protocol; for these classification tables it is the minority
# class (wine: the smallest of its three classes).
ANOMALY_TABLES = {
    "breast_cancer": ("label", "malignant"),
    "wine": ("label", "class_2"),
    "saheart": ("chd", "1"),
    "spambase": ("spam", "1"),
    "mushrooms": ("classes", "p"),
    # digits has ten balanced classes; as in ODDS' optdigits, the 0s are the anomalies (10 %).
    "digits": ("label", "0"),
}
# A table without an anomaly class (used for synthetic rows; species is its natural label).
OTHER_TABLES = {"penguins": ("species", None)}


def read_table(path):
    """The CSV as a DataFrame of strings, missing = NaN (empty field only)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def is_numeric(col):
    vals = col.dropna()
    return len(vals) > 0 and pd.to_numeric(vals, errors="coerce").notna().all()


def typed(df):
    """Numeric columns as float64 (NaN = missing), others kept as strings."""
    out = df.copy()
    for c in df.columns:
        if is_numeric(df[c]):
            out[c] = pd.to_numeric(df[c]).astype(np.float64)
    return out


def design(train, test, features):
    """Feature matrices for a train/test pair, fitted on train only.

    Numeric columns: missing -> training mean, then (x - mean) / std with the
    training mean and std (ddof=0; std 0 -> 1).  Categorical columns: one-hot
    over the categories seen in training (sorted), 0/1 and not rescaled; a
    missing or unseen category is the all-zero row.
    """
    blocks_tr, blocks_te = [], []
    for c in features:
        if is_numeric(train[c]):
            a = pd.to_numeric(train[c]).to_numpy(np.float64)
            b = pd.to_numeric(test[c]).to_numpy(np.float64)
            mu = np.nanmean(a)
            a = np.where(np.isnan(a), mu, a)
            b = np.where(np.isnan(b), mu, b)
            sd = a.std()
            sd = sd if sd > 0 else 1.0
            blocks_tr.append(((a - mu) / sd)[:, None])
            blocks_te.append(((b - mu) / sd)[:, None])
        else:
            cats = sorted(train[c].dropna().unique())
            blocks_tr.append((train[c].to_numpy()[:, None] == np.array(cats)[None, :]).astype(np.float64))
            blocks_te.append((test[c].to_numpy()[:, None] == np.array(cats)[None, :]).astype(np.float64))
    return np.hstack(blocks_tr), np.hstack(blocks_te)
