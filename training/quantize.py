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

``--weight-bits 7`` (the default) keeps weights within [-64, 63]: on CPUs without VNNI, ONNX
Runtime's u8 x s8 kernels accumulate pairs in int16 and can saturate with full 8-bit weights; 7 bits
avoid that everywhere at a tiny cost in precision.

    python -m training.quantize --in model.onnx --out model.int8.onnx [--weight-bits 7|8]
"""
import argparse
import json

import numpy as np
import onnx
from onnx import helper, numpy_helper

MS_DOMAIN = "com.microsoft"


def quantize_weight(w: np.ndarray, bits: int):
    """Per-column symmetric quantisation of a [K, N] float matrix."""
    qmax = 2 ** (bits - 1) - 1
    scale = np.abs(w).max(axis=0) / qmax
    scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
    q = np.clip(np.round(w / scale), -qmax - 1, qmax).astype(np.int8)
    return q, scale


def quantize_model(model: onnx.ModelProto, bits: int) -> dict:
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    uses = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1

    new_nodes, replaced, max_err = [], 0, 0.0
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
    return {"quantizedMatMuls": replaced, "weightBits": bits, "maxWeightError": max_err}


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
    args = ap.parse_args(argv)
    model = onnx.load(args.source)
    report = quantize_model(model, args.weight_bits)
    if args.embeddings:
        report.update(quantize_embeddings(model))
    onnx.checker.check_model(model)
    onnx.save(model, args.out)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
