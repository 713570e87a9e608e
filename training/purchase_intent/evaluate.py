"""Scores a UCI-format CSV (same header as the online-shoppers data, Revenue included) with the shipped
ONNX model and prints ROC-AUC, PR-AUC and F1 / precision / recall / accuracy at the manifest threshold.

    /usr/bin/python3 training/purchase_intent/evaluate.py --data FILE.csv [--model models/purchase-intent]

The ONNX graph is evaluated with numpy (export_onnx.reference_logit: the same float32 comparisons as ONNX
Runtime, which is not packaged for Debian; the parity tool shows the two agree to < 1e-6)."""
import argparse
import json
import os

import numpy as np
import onnx
from sklearn.metrics import accuracy_score, average_precision_score, f1_score, precision_score, recall_score, roc_auc_score

import export_onnx
from features import MODEL_FEATURES, load_rows, matrix


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", default=os.path.join(os.path.dirname(__file__), "..", "..", "models", "purchase-intent"))
    a = ap.parse_args()
    manifest = json.load(open(os.path.join(a.model, "manifest.json")))
    if manifest["features"] != MODEL_FEATURES:
        raise SystemExit("manifest features differ from features.py: retrain or update features.py")
    graph = onnx.load(os.path.join(a.model, manifest["model"]["file"]))
    rows, y = load_rows(a.data)
    p = 1 / (1 + np.exp(-export_onnx.reference_logit(graph, matrix(rows, manifest["imputation"]))))
    t = manifest["threshold"]
    pred = p >= t
    print(f"{len(y)} sessions, {int(y.sum())} purchases")
    print(f"ROC-AUC {roc_auc_score(y, p):.4f}  PR-AUC {average_precision_score(y, p):.4f}  "
          f"F1 {f1_score(y, pred):.4f} (P {precision_score(y, pred):.4f} R {recall_score(y, pred):.4f}) @ {t}  "
          f"accuracy {accuracy_score(y, pred):.4f}")


if __name__ == "__main__":
    main()
