"""Compare a synthetic table with the real one, column by column.

Usage: synthetic_compare.py REAL.csv SYNTH.csv [--ignore COL ...]
       synthetic_compare.py --anchors [DEST]    # the sanity anchors
       synthetic_compare.py --self-test

Columns are typed from REAL.csv (common.is_numeric); SYNTH.csv must have the
same header.  Reported, as markdown:
  - numeric column: the two-sample Kolmogorov-Smirnov statistic
    sup_x |F_real(x) - F_synth(x)| over the non-missing values (own
    implementation, checked against scipy.stats.ks_2samp and a hand case by
    --self-test), and the difference of the missing fractions;
  - categorical column: total-variation distance 1/2 sum_c |p_real(c) -
    p_synth(c)| of the category frequencies, missing counted as a category;
  - correlations: mean absolute difference of the Pearson correlation
    matrices over the pairs i < j (pairwise-complete rows), once over the
    numeric columns and once over numeric + one-hot categorical columns.
    One-hot correlations (phi / point-biserial) do see whether categories
    go with the right numeric values, but the one-hot columns of a single
    variable are tied to each other, so that number is reported separately.
--anchors: for breast_cancer and penguins, the table against (a) a bootstrap
resample of its rows (default_rng(0).integers(0, n, n)) and (b) each column
permuted independently (default_rng(0).permutation per column, in column
order): marginals kept exactly, correlations destroyed, and (c) each column
bootstrapped independently (default_rng(0).integers(0, n, n) per column, in
column order): a bootstrap's marginal noise with the correlations destroyed,
i.e. what a generator that learnt only the marginals would score.
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd

from common import DEFAULT_DEST, is_numeric, read_table


def ks_stat(a, b):
    a, b = np.sort(np.asarray(a, float)), np.sort(np.asarray(b, float))
    x = np.concatenate([a, b])
    fa = np.searchsorted(a, x, side="right") / len(a)
    fb = np.searchsorted(b, x, side="right") / len(b)
    return float(np.abs(fa - fb).max())


def tv(a, b):
    pa = a.fillna("<missing>").value_counts(normalize=True)
    pb = b.fillna("<missing>").value_counts(normalize=True)
    idx = pa.index.union(pb.index)
    return float(0.5 * (pa.reindex(idx, fill_value=0) - pb.reindex(idx, fill_value=0)).abs().sum())


def corr_gap(real, synth, numeric, categorical, onehot):
    def mat(df):
        cols = [pd.to_numeric(df[c], errors="coerce").rename(c) for c in numeric]
        if onehot:
            for c in categorical:
                for v in sorted(real[c].dropna().unique()):
                    cols.append((df[c] == v).astype(float).where(df[c].notna()).rename(f"{c}={v}"))
        return pd.concat(cols, axis=1).corr().to_numpy()
    r, s = mat(real), mat(synth)
    iu = np.triu_indices_from(r, k=1)
    d = np.abs(r[iu] - s[iu])
    return float(np.nanmean(d)) if len(d) else float("nan"), len(d)


def compare(real, synth, title="comparison"):
    if list(real.columns) != list(synth.columns):
        raise SystemExit("REAL and SYNTH headers differ")
    numeric = [c for c in real.columns if is_numeric(real[c])]
    categorical = [c for c in real.columns if c not in numeric]
    lines = [f"### {title}", "", "| column | type | KS / TV | missing real → synth |", "| --- | --- | ---: | ---: |"]
    ks, tvs = [], []
    for c in real.columns:
        mr, ms = real[c].isna().mean(), synth[c].isna().mean()
        if c in numeric:
            a, b = pd.to_numeric(real[c]).dropna(), pd.to_numeric(synth[c], errors="coerce").dropna()
            v = ks_stat(a, b) if len(b) else 1.0
            ks.append(v)
            lines.append(f"| {c} | numeric | KS {v:.4f} | {mr:.3f} → {ms:.3f} |")
        else:
            v = tv(real[c], synth[c])
            tvs.append(v)
            lines.append(f"| {c} | categorical | TV {v:.4f} | {mr:.3f} → {ms:.3f} |")
    g1, n1 = corr_gap(real, synth, numeric, categorical, False)
    g2, n2 = corr_gap(real, synth, numeric, categorical, True)
    summary = {"mean_ks": float(np.mean(ks)) if ks else None, "max_ks": float(np.max(ks)) if ks else None,
               "mean_tv": float(np.mean(tvs)) if tvs else None, "corr_gap_numeric": g1, "corr_gap_onehot": g2}
    lines += ["", f"- mean KS over {len(ks)} numeric columns: {summary['mean_ks']}; max {summary['max_ks']}",
              f"- mean TV over {len(tvs)} categorical columns: {summary['mean_tv']}",
              f"- mean |Δ Pearson| over {n1} numeric pairs: {g1:.4f}",
              f"- mean |Δ Pearson| over {n2} pairs incl. one-hot: {g2:.4f}", ""]
    return "\n".join(lines), summary


def anchors(dest):
    out, rows = [], []
    for name in ("breast_cancer", "penguins"):
        real = read_table(os.path.join(dest, name + ".csv"))
        rng = np.random.default_rng(0)
        boot = real.iloc[rng.integers(0, len(real), len(real))].reset_index(drop=True)
        rng = np.random.default_rng(0)
        shuf = pd.DataFrame({c: real[c].to_numpy()[rng.permutation(len(real))] for c in real.columns})
        rng = np.random.default_rng(0)
        cboot = pd.DataFrame({c: real[c].to_numpy()[rng.integers(0, len(real), len(real))] for c in real.columns})
        for kind, synth in (("bootstrap", boot), ("column shuffle", shuf), ("column bootstrap", cboot)):
            md, s = compare(real, synth, f"{name} vs {kind}")
            out.append(md)
            f = lambda v: "–" if v is None else f"{v:.4f}"  # noqa: E731
            rows.append(f"| {name} | {kind} | {f(s['mean_ks'])} | {f(s['max_ks'])} | {f(s['mean_tv'])} | "
                        f"{f(s['corr_gap_numeric'])} | {f(s['corr_gap_onehot'])} |")
    head = ["| table | synthetic = | mean KS | max KS | mean TV | mean abs Δcorr (numeric) | mean abs Δcorr (+one-hot) |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    return "\n".join(head + rows) + "\n\n" + "\n".join(out)


def self_test():
    # Hand case: a = {1,2,3}, b = {2,4}.  F_a - F_b at 1: 1/3-0, at 2: 2/3-1/2,
    # at 3: 1-1/2 = 1/2, at 4: 1-1 = 0, so D = 1/2.
    assert abs(ks_stat([1, 2, 3], [2, 4]) - 0.5) < 1e-12
    assert ks_stat([1, 2], [1, 2]) == 0.0 and ks_stat([0, 0], [1]) == 1.0
    assert abs(tv(pd.Series(["a", "a", "b", None]), pd.Series(["a", "b", "b", "b"])) - 0.5) < 1e-12
    try:
        from scipy.stats import ks_2samp
    except ImportError:
        print("self-test passed (scipy absent: hand cases only)")
        return
    rng = np.random.default_rng(0)
    for _ in range(200):
        a = rng.integers(0, 20, rng.integers(1, 60)).astype(float)  # ties on purpose
        b = rng.normal(10, 5, rng.integers(1, 60)).round()
        assert abs(ks_stat(a, b) - ks_2samp(a, b).statistic) < 1e-12
    print("self-test passed (hand cases and 200 random cases against scipy.stats.ks_2samp)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--anchors", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--ignore", nargs="*", default=[])
    a = ap.parse_args()
    if a.self_test:
        self_test()
    elif a.anchors:
        print(anchors(a.paths[0] if a.paths else DEFAULT_DEST))
    elif len(a.paths) == 2:
        real, synth = (read_table(p).drop(columns=a.ignore, errors="ignore") for p in a.paths)
        print(compare(real, synth, f"{a.paths[1]} vs {a.paths[0]}")[0])
    else:
        ap.print_usage(sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
