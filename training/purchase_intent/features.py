"""UCI online-shoppers session features -> the model's input vector.

The C# runtime (src/IntentBot.Context/PurchaseIntent/FeatureVector.cs) computes the same named features
from the manifest's list; the golden file guards that both sides agree.
"""
import csv
import math

import numpy as np

# The 17 UCI session features, in the data set's column order.
UCI_FEATURES = [
    "Administrative", "Administrative_Duration", "Informational", "Informational_Duration",
    "ProductRelated", "ProductRelated_Duration", "BounceRates", "ExitRates", "PageValues", "SpecialDay",
    "Month", "OperatingSystems", "Browser", "Region", "TrafficType", "VisitorType", "Weekend",
]
NUMERIC = [f for f in UCI_FEATURES if f not in ("Month", "VisitorType", "Weekend")]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
VISITOR_TYPES = ["Returning_Visitor", "New_Visitor", "Other"]

# The model's input columns, in order. Each name is one rule both runtimes implement:
#   a numeric UCI name            the value itself (unknown -> the training median)
#   Weekend                       1 when TRUE
#   MonthNumber                   1..12
#   VisitorType=<type>            one-hot
#   TotalPages                    Administrative + Informational + ProductRelated
#   TotalDuration                 sum of the three durations, each floored at 0 (-1 means "not measured")
#   ProductRelated_DurationPerPage  ProductRelated_Duration floored at 0 / max(1, ProductRelated)
MODEL_FEATURES = NUMERIC + ["Weekend", "MonthNumber"] + [f"VisitorType={v}" for v in VISITOR_TYPES] + [
    "TotalPages", "TotalDuration", "ProductRelated_DurationPerPage",
]


def load_rows(path):
    """Rows as dicts of UCI feature -> value (float, NaN when empty; strings for Month/VisitorType) + labels."""
    rows, labels = [], []
    with open(path, newline="") as f:
        for rec in csv.DictReader(f):
            row = {}
            for name in NUMERIC:
                text = rec[name].strip()
                row[name] = float(text) if text else math.nan
            row["Month"] = rec["Month"].strip()
            row["VisitorType"] = rec["VisitorType"].strip()
            row["Weekend"] = rec["Weekend"].strip().upper() == "TRUE"
            rows.append(row)
            labels.append(1 if rec["Revenue"].strip().upper() == "TRUE" else 0)
    return rows, np.array(labels, dtype=np.int64)


def medians(rows):
    return {n: float(np.nanmedian([r[n] for r in rows])) for n in NUMERIC}


def impute(row, imputation):
    out = dict(row)
    for n in NUMERIC:
        if math.isnan(out[n]):
            out[n] = imputation[n]
    return out


def vector(row, imputation):
    r = impute(row, imputation)
    month = MONTHS.index(r["Month"]) + 1 if r["Month"] in MONTHS else 0
    out = [r[n] for n in NUMERIC]
    out.append(1.0 if r["Weekend"] else 0.0)
    out.append(float(month))
    out.extend(1.0 if r["VisitorType"] == v else 0.0 for v in VISITOR_TYPES)
    out.append(r["Administrative"] + r["Informational"] + r["ProductRelated"])
    out.append(max(0.0, r["Administrative_Duration"]) + max(0.0, r["Informational_Duration"])
               + max(0.0, r["ProductRelated_Duration"]))
    out.append(max(0.0, r["ProductRelated_Duration"]) / max(1.0, r["ProductRelated"]))
    return out


def matrix(rows, imputation):
    # float32 is what ONNX Runtime sees; training on the same values keeps split decisions identical.
    return np.array([vector(r, imputation) for r in rows], dtype=np.float32)
