"""Purchase-intent model: UCI online-shoppers session features -> P(Revenue).

One stratified held-out split (never used for any choice), 5-fold stratified cross-validation on the
rest to pick the model, its number of boosting iterations and the F1-maximising threshold; then the
held-out evaluation, a refit on every row with the chosen settings, ONNX export and the model folder.
"""
import argparse
import datetime
import hashlib
import json
import math
import os
import sys
import time

import numpy as np
import onnx
from sklearn import __version__ as sklearn_version
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, average_precision_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import export_onnx
from features import MODEL_FEATURES, MONTHS, NUMERIC, UCI_FEATURES, load_rows, matrix, medians, vector

SPLIT_SEED, CV_SEED, FOLDS = 20261123, 7, 5
LEARNING_RATE, MAX_ITER, ITER_STEP = 0.03, 450, 25
GRID = [dict(max_leaf_nodes=l, min_samples_leaf=m, l2_regularization=1.0) for l in (8, 16) for m in (20, 60)]


def log(msg):
    print(msg, flush=True)


def hgb(iters, params):
    return HistGradientBoostingClassifier(learning_rate=LEARNING_RATE, max_iter=iters, early_stopping=False,
                                          random_state=0, **params)


def best_f1_threshold(y, p):
    grid = np.linspace(0.05, 0.95, 181)
    scores = [f1_score(y, p >= t) for t in grid]
    k = int(np.argmax(scores))
    return float(grid[k]), float(scores[k])


def metrics(y, p, threshold):
    pred = p >= threshold
    return {"roc_auc": roc_auc_score(y, p), "pr_auc": average_precision_score(y, p), "f1": f1_score(y, pred),
            "precision": precision_score(y, pred), "recall": recall_score(y, pred),
            "accuracy": accuracy_score(y, pred), "threshold": threshold, "rows": int(len(y)),
            "positives": int(y.sum())}


def logistic_features(X):
    # The plain baseline: log1p of the non-negative numeric features, month one-hot, standardised.
    n = len(NUMERIC)
    month = np.eye(13)[X[:, n + 1].astype(int)]
    return np.hstack([np.log1p(np.maximum(X[:, :n], 0)), X[:, n:n + 1], month, X[:, n + 2:]])


def logistic():
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True, help="model folder (models/purchase-intent)")
    ap.add_argument("--build", required=True, help="scratch folder for held-out parity rows")
    ap.add_argument("--golden", required=True, help="golden file of constructed rows for the C# tests")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.build, exist_ok=True)
    started = time.time()

    rows, y = load_rows(args.data)
    sha = hashlib.sha256(open(args.data, "rb").read()).hexdigest()
    log(f"== data: {len(rows)} rows, {y.sum()} purchases ({y.mean():.3f}), sha256 {sha[:16]}…")
    idx = np.arange(len(rows))
    train_idx, held_idx = train_test_split(idx, test_size=0.2, stratify=y, random_state=SPLIT_SEED)
    train_rows = [rows[i] for i in train_idx]
    imputation_train = medians(train_rows)
    Xtr = matrix(train_rows, imputation_train).astype(np.float64)
    ytr = y[train_idx]
    Xho = matrix([rows[i] for i in held_idx], imputation_train).astype(np.float64)
    yho = y[held_idx]
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=CV_SEED).split(Xtr, ytr))
    log(f"== split: train {len(ytr)} / held-out {len(yho)} (stratified, seed {SPLIT_SEED}); {FOLDS}-fold CV on train")

    # Gradient-boosted trees: each grid point is fitted once per fold to MAX_ITER and scored at every
    # ITER_STEP iterations, which picks the number of iterations without a second search.
    results = []
    for params in GRID:
        t = time.time()
        per_fold = []
        for a, b in folds:
            m = hgb(MAX_ITER, params).fit(Xtr[a], ytr[a])
            per_fold.append([roc_auc_score(ytr[b], p[:, 1]) for k, p in enumerate(m.staged_predict_proba(Xtr[b]))
                             if (k + 1) % ITER_STEP == 0])
        per_fold = np.array(per_fold)
        mean = per_fold.mean(0)
        k = int(np.argmax(mean))
        results.append({"params": params, "iterations": (k + 1) * ITER_STEP, "cv_roc_auc": float(mean[k]),
                        "cv_roc_auc_std": float(per_fold[:, k].std())})
        log(f"   HGB {params} -> {(k + 1) * ITER_STEP} iterations, CV ROC-AUC {mean[k]:.4f} ± {per_fold[:, k].std():.4f} ({time.time() - t:.0f}s)")
    best = max(results, key=lambda r: r["cv_roc_auc"])
    params, iters = best["params"], best["iterations"]
    log(f"== chosen: {params}, {iters} iterations, learning rate {LEARNING_RATE}")

    # Out-of-fold probabilities of the chosen settings: CV metrics and the F1-maximising threshold.
    oof = np.zeros(len(ytr))
    for a, b in folds:
        oof[b] = hgb(iters, params).fit(Xtr[a], ytr[a]).predict_proba(Xtr[b])[:, 1]
    threshold, cv_f1 = best_f1_threshold(ytr, oof)
    cv_metrics = metrics(ytr, oof, threshold)
    log(f"== CV (out-of-fold, {len(ytr)} rows): ROC-AUC {cv_metrics['roc_auc']:.4f}, PR-AUC {cv_metrics['pr_auc']:.4f}, "
        f"best F1 {cv_f1:.4f} at threshold {threshold:.3f}")

    Ltr, Lho = logistic_features(Xtr), logistic_features(Xho)
    oof_lr = np.zeros(len(ytr))
    for a, b in folds:
        oof_lr[b] = logistic().fit(Ltr[a], ytr[a]).predict_proba(Ltr[b])[:, 1]
    lr_threshold, _ = best_f1_threshold(ytr, oof_lr)
    lr_cv = metrics(ytr, oof_lr, lr_threshold)

    # The held-out split, scored once by models fitted on the whole train part.
    model_tr = hgb(iters, params).fit(Xtr, ytr)
    held = metrics(yho, model_tr.predict_proba(Xho)[:, 1], threshold)
    lr_held = metrics(yho, logistic().fit(Ltr, ytr).predict_proba(Lho)[:, 1], lr_threshold)
    for name, cv, ho in (("gradient-boosted trees", cv_metrics, held), ("logistic regression baseline", lr_cv, lr_held)):
        log(f"== {name}: CV ROC-AUC {cv['roc_auc']:.4f} | held-out ROC-AUC {ho['roc_auc']:.4f}, PR-AUC {ho['pr_auc']:.4f}, "
            f"F1 {ho['f1']:.4f} (P {ho['precision']:.3f} R {ho['recall']:.3f}) @ {ho['threshold']:.3f}, accuracy {ho['accuracy']:.4f}")

    # The shipped model: same settings, refitted on every row (train + held-out) for the most data.
    imputation = medians(rows)
    X_all = matrix(rows, imputation).astype(np.float64)
    final = hgb(iters, params).fit(X_all, y)
    doc = "P(purchase) of a shop session from the UCI online-shoppers session features; see manifest.json"
    model_onnx = export_onnx.to_onnx(final, len(MODEL_FEATURES), doc)
    onnx_path = os.path.join(args.out, "model.onnx")
    onnx.save(model_onnx, onnx_path)
    p_final_ho = final.predict_proba(Xho_final := matrix([rows[i] for i in held_idx], imputation).astype(np.float64))[:, 1]
    ref = 1 / (1 + np.exp(-export_onnx.reference_logit(model_onnx, Xho_final)))
    log(f"== ONNX graph ({os.path.getsize(onnx_path) / 1024:.0f} KiB): max |Δp| vs sklearn on held-out rows, "
        f"numpy evaluation of the exported trees: {np.abs(ref - p_final_ho).max():.2e}")

    # Rows for the ONNX Runtime parity check (dataset-derived: build folder only, never the repo).
    with open(os.path.join(args.build, "heldout_expected.jsonl"), "w") as f:
        for i, p in zip(held_idx, p_final_ho):
            f.write(json.dumps({"features": jsonable(rows[i]), "probability": float(p)}) + "\n")

    base_rate = float(y.mean())
    baseline = {n: float(np.nanmedian([r[n] for r in rows])) for n in NUMERIC}
    for cat in ("Month", "VisitorType"):
        values = [r[cat] for r in rows]
        baseline[cat] = max(set(values), key=values.count)
    baseline["Weekend"] = False
    for code in ("OperatingSystems", "Browser", "Region", "TrafficType"):
        values = [r[code] for r in rows]
        baseline[code] = float(max(set(values), key=values.count))

    manifest = {
        "name": "purchase-intent",
        "version": "1.0.0",
        "createdUtc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "task": "Probability that a shop session ends in a purchase (UCI label Revenue = TRUE).",
        "model": {"file": "model.onnx", "input": export_onnx.INPUT, "output": export_onnx.OUTPUT,
                  "family": "gradient-boosted trees (sklearn HistGradientBoostingClassifier)",
                  "hyperparameters": {**params, "learning_rate": LEARNING_RATE, "iterations": iters},
                  "trainedOn": "all rows of the data file (train + held-out) with the CV-chosen settings",
                  "sklearn": sklearn_version},
        "features": MODEL_FEATURES,
        "imputation": imputation,
        "explanationBaseline": baseline,
        "threshold": threshold,
        "levels": {"medium": round(base_rate, 4), "high": threshold},
        "metrics": {"cv": cv_metrics, "heldOut": held, "baselineLogisticRegression": {"cv": lr_cv, "heldOut": lr_held},
                    "heldOutNote": "held-out metrics are of the same settings fitted on the train part only; the shipped model was then refitted on every row",
                    "gridSearch": results},
        "dataSource": {"name": "UCI Online Shoppers Purchasing Intention Dataset (Sakar et al., Neural Computing & Applications 2018)",
                       "uci": "https://archive.ics.uci.edu/dataset/468/online+shoppers+purchasing+intention+dataset",
                       "licence": "CC BY 4.0 (as listed by UCI)",
                       "rows": len(rows), "positives": int(y.sum()), "sha256": sha,
                       "split": {"seed": SPLIT_SEED, "heldOutFraction": 0.2, "cvFolds": FOLDS, "cvSeed": CV_SEED}},
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, default=float)
        f.write("\n")
    write_golden(final, imputation, args.golden)
    log(f"== wrote {args.out} ({time.time() - started:.0f}s)")


def jsonable(row):
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}


def constructed_rows():
    """Hand-made sessions (not data set rows) spanning the feature space, for the C# golden test."""
    def s(**kw):
        row = {"Administrative": 0.0, "Administrative_Duration": 0.0, "Informational": 0.0, "Informational_Duration": 0.0,
               "ProductRelated": 1.0, "ProductRelated_Duration": 0.0, "BounceRates": 0.2, "ExitRates": 0.2,
               "PageValues": 0.0, "SpecialDay": 0.0, "Month": "May", "OperatingSystems": 2.0, "Browser": 2.0,
               "Region": 1.0, "TrafficType": 2.0, "VisitorType": "Returning_Visitor", "Weekend": False}
        row.update({k: (float(v) if isinstance(v, int) and not isinstance(v, bool) else v) for k, v in kw.items()})
        return row
    return [
        ("single-page bounce", s()),
        ("browsing, no page value", s(Administrative=2, Administrative_Duration=40, ProductRelated=18, ProductRelated_Duration=620.5,
                                      BounceRates=0.01, ExitRates=0.035, Month="Mar")),
        ("engaged buyer in November", s(Administrative=4, Administrative_Duration=150, Informational=1, Informational_Duration=30,
                                        ProductRelated=45, ProductRelated_Duration=2100, BounceRates=0.004, ExitRates=0.012,
                                        PageValues=42.7, Month="Nov", VisitorType="New_Visitor", TrafficType=8.0, Region=3.0)),
        ("small page value, weekend", s(ProductRelated=9, ProductRelated_Duration=310, BounceRates=0.02, ExitRates=0.04,
                                        PageValues=6.5, Month="Dec", Weekend=True, Browser=4.0, OperatingSystems=1.0)),
        ("unmeasured durations", s(Administrative=1, Administrative_Duration=-1, ProductRelated=3, ProductRelated_Duration=-1,
                                   BounceRates=0.05, ExitRates=0.1, Month="Feb", VisitorType="Other")),
        ("near a special day", s(ProductRelated=12, ProductRelated_Duration=400, BounceRates=0.015, ExitRates=0.03,
                                 PageValues=12.0, SpecialDay=0.8, Month="May")),
        ("unknown rates (imputed)", s(ProductRelated=7, ProductRelated_Duration=200, BounceRates=math.nan, ExitRates=math.nan,
                                      PageValues=20.0, Month="Oct")),
        ("month absent from training (Jan)", s(ProductRelated=25, ProductRelated_Duration=900, BounceRates=0.01, ExitRates=0.02,
                                               PageValues=15.0, Month="Jan")),
    ]


def write_golden(model, imputation, path):
    named = constructed_rows()
    X = np.array([vector(r, imputation) for _, r in named], dtype=np.float32).astype(np.float64)
    p = model.predict_proba(X)[:, 1]
    with open(path, "w") as f:
        json.dump({"note": "constructed sessions (not data set rows) and the probabilities the Python model gives them; "
                           "written by training/purchase_intent/train.py",
                   "rows": [{"name": n, "features": jsonable(r), "modelInput": [float(v) for v in x], "probability": float(q)}
                            for (n, r), x, q in zip(named, X, p)]}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
