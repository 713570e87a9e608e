"""Int8 dynamic quantisation of the exported model, written with the ``onnx`` package alone.

Why: on a small CPU the encoder's weight matrix products dominate inference. ONNX Runtime's
``DynamicQuantizeMatMul`` contrib op quantises activations to uint8 on the fly and multiplies with
int8 weights (AVX-512 VNNI / AVX2 integer kernels), several times faster than fp32, and the weights
take a quarter of the space. ONNX Runtime's own Python quantiser is not installable here, and the
rewrite is small: every ``MatMul`` whose second input is a constant [K, N] matrix becomes
``DynamicQuantizeMatMul(A, W_int8, scale[N], zero_point[N])`` with per-column symmetric scales.
The word-embedding table (``--embeddings``) is stored as int8 with one scale per row: the Gather picks
int8 rows and their scales, and only the gathered rows are turned back into floats (the table is most of a
pretrained encoder's size). LayerNorm, attention score products and the small Gemm heads stay fp32.

``--activations per-token`` (the shipped model's) quantises each token's activations with its own scale
instead of one scale per batch tensor: ``DynamicQuantizeMatMul`` takes its scale from the whole padded batch,
so a text's probabilities moved with its batch-mates (up to 0.17 on the benchmark corpus with model 2.0.0,
and 3 of 203 labels changed). Per token, a text gets bit-identical answers alone or in any batch. The
product runs as ``MatMulIntegerToFloat`` (uint8 activations stored around 128, int8 weights) followed by
one multiplication with the row scales; the extra element-wise nodes cost 10-15% of the model's speed at
batch 32 (measured side by side on 2.1.0's weights). ``per-token-centred`` also shifts each token by the
midpoint of its range: closer to fp32 (99th percentile of the probability difference 0.078 instead of 0.128)
but about 30% slower again, so it is not the shipped setting.

``--weight-bits 7`` (the default) keeps weights within [-64, 63]: on CPUs without VNNI, ONNX
Runtime's u8 x s8 kernels accumulate pairs in int16 and can saturate with full 8-bit weights; 7 bits
avoid that everywhere at a tiny cost in precision.

    python -m training.quantize --in model.onnx --out model.int8.onnx [--weight-bits 7|8] [--embeddings]
        [--activations per-tensor|per-token]
"""
import argparse
import json

import numpy as np
import onnx
from onnx import helper, numpy_helper

MS_DOMAIN = "com.microsoft"


def quantize_weight(w: np.ndarray, bits: int):
    """Per-column symmetric quantisation of a [K, N] float matrix.

    Each column's scale is the one, among its absolute maximum and 15 clipped ranges down to 60% of it, with the
    least squared error: a few outlying weights otherwise stretch the step for all the others (measured on model
    2.1.0 with centred per-token activations: the 99th percentile of the probability difference from fp32 fell
    from 0.105 to 0.078)."""
    qmax = 2 ** (bits - 1) - 1
    absmax = np.abs(w).max(axis=0)
    best_scale, best_err = np.ones_like(absmax, dtype=np.float32), np.full(absmax.shape, np.inf)
    for ratio in np.linspace(1.0, 0.6, 16):
        scale = np.where(absmax == 0, 1.0, absmax * ratio / qmax).astype(np.float32)
        err = ((np.clip(np.round(w / scale), -qmax - 1, qmax) * scale - w) ** 2).sum(axis=0)
        better = err < best_err
        best_scale, best_err = np.where(better, scale, best_scale), np.where(better, err, best_err)
    scale = best_scale.astype(np.float32)
    q = np.clip(np.round(w / scale), -qmax - 1, qmax).astype(np.int8)
    return q, scale


def quantize_per_token(graph, source: str, cache: dict, centred: bool) -> tuple:
    """Nodes that turn a float activation [..., K] into uint8 with one scale per row (token).

    Returns (nodes, quantised name, scale name [..., 1], midpoint name [..., 1] or None). Each row is scaled by
    its own range, so a text's numbers never depend on the other texts of its batch; with ``centred`` the row
    is first shifted by the midpoint of its range (GELU outputs lie mostly above zero, so a symmetric range
    would waste half the codes), and the caller adds midpoint x column sums of the weights back. Inputs shared
    by several products (the attention's Q, K and V) are quantised once."""
    if source in cache:
        return [], *cache[source]
    base = source.replace(":", "_").replace("/", "_") + "_tok"
    if "pt_eps" not in cache:
        graph.initializer.extend([
            numpy_helper.from_array(np.array(1e-8, dtype=np.float32), "pt_eps"),
            numpy_helper.from_array(np.array(127.0, dtype=np.float32), "pt_qmax"),
            numpy_helper.from_array(np.array(1.0, dtype=np.float32), "pt_one"),
            numpy_helper.from_array(np.array(128, dtype=np.uint8), "pt_zero_point"),
        ])
        if centred:
            graph.initializer.append(numpy_helper.from_array(np.array(0.5, dtype=np.float32), "pt_half"))
        cache["pt_eps"] = None
    if centred:
        nodes = [
            helper.make_node("ReduceMax", [source], [base + "_max"], axes=[-1], keepdims=1),
            helper.make_node("ReduceMin", [source], [base + "_min"], axes=[-1], keepdims=1),
            helper.make_node("Add", [base + "_max", base + "_min"], [base + "_sum"]),
            helper.make_node("Mul", [base + "_sum", "pt_half"], [base + "_mid"]),
            helper.make_node("Sub", [base + "_max", base + "_min"], [base + "_range"]),
            helper.make_node("Mul", [base + "_range", "pt_half"], [base + "_absmax0"]),
            helper.make_node("Sub", [source, base + "_mid"], [base + "_centred"]),
        ]
        row, mid = base + "_centred", base + "_mid"
    else:
        nodes = [
            helper.make_node("Abs", [source], [base + "_abs"]),
            helper.make_node("ReduceMax", [base + "_abs"], [base + "_absmax0"], axes=[-1], keepdims=1),
        ]
        row, mid = source, None
    nodes += [
        helper.make_node("Max", [base + "_absmax0", "pt_eps"], [base + "_absmax"]),
        helper.make_node("Div", ["pt_qmax", base + "_absmax"], [base + "_inv_scale"]),
        helper.make_node("Div", [base + "_absmax", "pt_qmax"], [base + "_scale"]),
        helper.make_node("Mul", [row, base + "_inv_scale"], [base + "_scaled"]),
        helper.make_node("QuantizeLinear", [base + "_scaled", "pt_one", "pt_zero_point"], [base + "_uint8"]),
    ]
    cache[source] = (base + "_uint8", base + "_scale", mid)
    return nodes, base + "_uint8", base + "_scale", mid


def quantize_model(model: onnx.ModelProto, bits: int, per_token: bool = False, centred: bool = False) -> dict:
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    uses = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1

    new_nodes, replaced, max_err, token_cache = [], 0, 0.0, {}
    for node in graph.node:
        weight = node.input[1] if node.op_type == "MatMul" and len(node.input) == 2 else None
        init = inits.get(weight) if weight else None
        if init is None or len(init.dims) != 2 or init.data_type != onnx.TensorProto.FLOAT:
            new_nodes.append(node)
            continue
        w = numpy_helper.to_array(init)
        q, scale = quantize_weight(w, bits)
        max_err = max(max_err, float(np.abs(q.astype(np.float32) * scale - w).max()))
        base = weight.replace(":", "_").replace("/", "_")
        graph.initializer.extend([
            numpy_helper.from_array(q, base + "_int8"),
            numpy_helper.from_array(scale, base + "_scale"),
            numpy_helper.from_array(np.zeros(q.shape[1], dtype=np.int8), base + "_zero_point"),
        ])
        if per_token:
            quant_nodes, a_uint8, a_scale, a_mid = quantize_per_token(graph, node.input[0], token_cache, centred)
            new_nodes += quant_nodes
            new_nodes.append(helper.make_node(
                "MatMulIntegerToFloat",
                [a_uint8, base + "_int8", "pt_one", base + "_scale", "pt_zero_point", base + "_zero_point"],
                [base + "_unscaled"], name=(node.name or base) + "_quant", domain=MS_DOMAIN))
            if a_mid is None:
                new_nodes.append(helper.make_node("Mul", [base + "_unscaled", a_scale], list(node.output)))
            else:
                # x @ W = (x - mid) @ W + mid * (column sums of W), with the quantised W on both sides.
                colsum = (q.astype(np.float32) * scale).sum(axis=0).astype(np.float32)
                graph.initializer.append(numpy_helper.from_array(colsum, base + "_colsum"))
                new_nodes += [
                    helper.make_node("Mul", [base + "_unscaled", a_scale], [base + "_centred_out"]),
                    helper.make_node("Mul", [a_mid, base + "_colsum"], [base + "_shift"]),
                    helper.make_node("Add", [base + "_centred_out", base + "_shift"], list(node.output)),
                ]
        else:
            new_nodes.append(helper.make_node(
                "DynamicQuantizeMatMul", [node.input[0], base + "_int8", base + "_scale", base + "_zero_point"],
                list(node.output), name=(node.name or base) + "_quant", domain=MS_DOMAIN))
        uses[weight] -= 1
        replaced += 1

    del graph.node[:]
    graph.node.extend(new_nodes)
    unused = [i for i in graph.initializer if uses.get(i.name, 1) == 0]
    for init in unused:
        graph.initializer.remove(init)
    if not any(o.domain == MS_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return {"quantizedMatMuls": replaced, "weightBits": bits, "maxWeightError": max_err,
            "activations": ("per-token-centred" if centred else "per-token") if per_token else "per-tensor"}


def quantize_embeddings(model: onnx.ModelProto) -> dict:
    """Gather(table, ids) over a float [V, H] table -> Mul(Cast(Gather(table_int8, ids)), Gather(scale[V, 1], ids))."""
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    new_nodes, replaced, max_err = [], 0, 0.0
    for node in graph.node:
        init = inits.get(node.input[0]) if node.op_type == "Gather" else None
        if init is None or len(init.dims) != 2 or init.dims[0] < 10000 or init.data_type != onnx.TensorProto.FLOAT:
            new_nodes.append(node)
            continue
        table = numpy_helper.to_array(init)
        scale = np.abs(table).max(axis=1, keepdims=True) / 127.0
        scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
        q = np.clip(np.round(table / scale), -127, 127).astype(np.int8)
        max_err = max(max_err, float(np.abs(q.astype(np.float32) * scale - table).max()))
        base = init.name.replace(":", "_").replace("/", "_")
        graph.initializer.remove(init)
        graph.initializer.extend([numpy_helper.from_array(q, base + "_int8"),
                                  numpy_helper.from_array(scale, base + "_row_scale")])
        ids = node.input[1]
        new_nodes += [
            helper.make_node("Gather", [base + "_int8", ids], [base + "_rows_int8"], axis=0),
            helper.make_node("Cast", [base + "_rows_int8"], [base + "_rows"], to=onnx.TensorProto.FLOAT),
            helper.make_node("Gather", [base + "_row_scale", ids], [base + "_rows_scale"], axis=0),
            helper.make_node("Mul", [base + "_rows", base + "_rows_scale"], list(node.output)),
        ]
        replaced += 1
    del graph.node[:]
    graph.node.extend(new_nodes)
    return {"quantizedEmbeddings": replaced, "maxEmbeddingError": max_err}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--in", dest="source", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--weight-bits", type=int, choices=(7, 8), default=7)
    ap.add_argument("--embeddings", action="store_true", help="also store the word-embedding table as int8")
    ap.add_argument("--activations", choices=("per-tensor", "per-token", "per-token-centred"), default="per-tensor",
                    help="one activation scale per batch tensor, or per token (batch-independent), optionally "
                         "centred on each token's midpoint")
    args = ap.parse_args(argv)
    model = onnx.load(args.source)
    report = quantize_model(model, args.weight_bits, args.activations != "per-tensor",
                            args.activations == "per-token-centred")
    if args.embeddings:
        report.update(quantize_embeddings(model))
    onnx.checker.check_model(model)
    onnx.save(model, args.out)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
