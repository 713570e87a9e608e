"""Writes a fitted sklearn HistGradientBoostingClassifier (binary) as an ONNX graph by hand:
ai.onnx.ml TreeEnsembleRegressor (the summed raw score, "logit") followed by Sigmoid ("probability").
skl2onnx is not available here, and the mapping is small enough to own."""
import numpy as np
import onnx
from onnx import TensorProto, helper

INPUT, LOGIT, OUTPUT = "features", "logit", "probability"


def _floor_float32(t):
    # ONNX Runtime compares float32 inputs with float32 thresholds. For a float32 x, x <= t holds exactly
    # when x <= the largest float32 not above t, so rounding down keeps every split decision of the float64 model.
    t32 = np.float32(t)
    if float(t32) > t:
        t32 = np.nextafter(t32, np.float32(-np.inf))
    return float(t32)


def trees(model):
    """(tree id, nodes) per boosting iteration; one tree per iteration for a binary classifier."""
    for tree_id, per_iteration in enumerate(model._predictors):
        assert len(per_iteration) == 1, "binary classifier expected"
        nodes = per_iteration[0].nodes
        if np.any(nodes["is_categorical"][nodes["is_leaf"] == 0]):
            raise ValueError("categorical splits are not exported")
        yield tree_id, nodes


def to_onnx(model, n_features, doc):
    a = {k: [] for k in ["treeids", "nodeids", "featureids", "values", "modes", "true", "false", "missing"]}
    t_tree, t_node, t_weight = [], [], []
    for tree_id, nodes in trees(model):
        for node_id, n in enumerate(nodes):
            a["treeids"].append(tree_id)
            a["nodeids"].append(node_id)
            if n["is_leaf"]:
                a["featureids"].append(0)
                a["values"].append(0.0)
                a["modes"].append("LEAF")
                a["true"].append(0)
                a["false"].append(0)
                a["missing"].append(0)
                t_tree.append(tree_id)
                t_node.append(node_id)
                t_weight.append(float(n["value"]))
            else:
                a["featureids"].append(int(n["feature_idx"]))
                a["values"].append(_floor_float32(float(n["num_threshold"])))
                a["modes"].append("BRANCH_LEQ")
                a["true"].append(int(n["left"]))
                a["false"].append(int(n["right"]))
                # Inputs are imputed before scoring, so NaN never arrives; still follow the model's own rule.
                a["missing"].append(int(n["missing_go_to_left"]))
    baseline = float(np.ravel(model._baseline_prediction)[0])
    ensemble = helper.make_node(
        "TreeEnsembleRegressor", [INPUT], [LOGIT], domain="ai.onnx.ml", name="gradient_boosted_trees",
        n_targets=1, aggregate_function="SUM", post_transform="NONE", base_values=[baseline],
        nodes_treeids=a["treeids"], nodes_nodeids=a["nodeids"], nodes_featureids=a["featureids"],
        nodes_values=a["values"], nodes_modes=a["modes"], nodes_truenodeids=a["true"],
        nodes_falsenodeids=a["false"], nodes_missing_value_tracks_true=a["missing"],
        target_treeids=t_tree, target_nodeids=t_node, target_ids=[0] * len(t_tree), target_weights=t_weight)
    sigmoid = helper.make_node("Sigmoid", [LOGIT], [OUTPUT], name="to_probability")
    graph = helper.make_graph(
        [ensemble, sigmoid], "purchase_intent",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, ["batch", n_features])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", 1]),
         helper.make_tensor_value_info(LOGIT, TensorProto.FLOAT, ["batch", 1])])
    m = helper.make_model(graph, producer_name="intentbot-training", doc_string=doc,
                          opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 3)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def reference_logit(model_onnx, X):
    """Evaluates the exported ensemble with numpy in float32 thresholds, as ONNX Runtime will."""
    node = model_onnx.graph.node[0]
    att = {x.name: helper.get_attribute_value(x) for x in node.attribute}
    tree = np.array(att["nodes_treeids"]); nid = np.array(att["nodes_nodeids"])
    feat = np.array(att["nodes_featureids"]); thr = np.array(att["nodes_values"], dtype=np.float32)
    modes = np.array([m.decode() if isinstance(m, bytes) else m for m in att["nodes_modes"]])
    tt = np.array(att["nodes_truenodeids"]); ff = np.array(att["nodes_falsenodeids"])
    leaf_w = {(t, n): w for t, n, w in zip(att["target_treeids"], att["target_nodeids"], att["target_weights"])}
    starts = {}
    for i, t in enumerate(tree):
        starts.setdefault(int(t), i)
    X = np.asarray(X, dtype=np.float32)
    out = np.full(len(X), att["base_values"][0], dtype=np.float64)
    for t, s in starts.items():
        for r in range(len(X)):
            i = s
            while modes[i] != "LEAF":
                i = s + (tt[i] if X[r, feat[i]] <= thr[i] else ff[i])
            out[r] += leaf_w[(t, int(nid[i]))]
    return out
