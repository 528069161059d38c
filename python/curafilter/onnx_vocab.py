"""How many token ids and positions a model accepts, and how many ids a tokenizer can produce: a
tokenizer whose ids run past the model's embedding table, or a card whose max_length runs past its
position table, would otherwise fail inside ONNX Runtime, mid-run."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["embedding_rows", "tokenizer_vocab_size"]

# Ops that pass ids or a table through unchanged in shape (first input -> output).
_PASS_IDS = {"Cast", "Identity"}
_PASS_TABLE = {"Cast", "Identity", "DequantizeLinear"}


@cache
def _model_proto() -> type:
    """A message class for the few fields of onnx.proto's ModelProto this check reads (field
    numbers as there; a parser skips the fields a schema leaves out). The onnx package would do,
    but importing it costs ~1 s on every model load (it loads ml_dtypes), while the protobuf
    runtime it is built on takes ~0.05 s."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    f = descriptor_pb2.FileDescriptorProto(name="curafilter/onnx_subset.proto", package="curafilter_onnx_subset",
                                           syntax="proto2")
    repeated, optional = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED, descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    string, int64 = descriptor_pb2.FieldDescriptorProto.TYPE_STRING, descriptor_pb2.FieldDescriptorProto.TYPE_INT64
    message = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE
    for name, fields in {
        "TensorProto": [("dims", 1, repeated, int64, None), ("name", 8, optional, string, None)],
        "NodeProto": [("input", 1, repeated, string, None), ("output", 2, repeated, string, None),
                      ("op_type", 4, optional, string, None)],
        "GraphProto": [("node", 1, repeated, message, "NodeProto"), ("initializer", 5, repeated, message, "TensorProto")],
        "ModelProto": [("graph", 7, optional, message, "GraphProto")],
    }.items():
        m = f.message_type.add(name=name)
        for field, number, label, kind, type_name in fields:
            m.field.add(name=field, number=number, label=label, type=kind,
                        type_name=f".curafilter_onnx_subset.{type_name}" if type_name else None)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(f)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("curafilter_onnx_subset.ModelProto"))


def _table(name: str, tables: dict[str, list[int]], produced_by: dict) -> list[int] | None:
    """The dims of the initializer behind `name`, following a dequantised or cast table back."""
    for _ in range(8):
        src = produced_by.get(name)
        if name in tables or src is None or src.op_type not in _PASS_TABLE or not src.input:
            break
        name = src.input[0]
    return tables.get(name)


def embedding_rows(model_file: Path) -> tuple[int | None, int | None]:
    """Rows of the token table (the first ``Gather`` on ``input_ids``) and of the position table
    (a 2-D table, named for positions, that a ``Gather`` or ``Slice`` reads: curafilter's exporter
    slices ``emb/pos_table``, exports of transformers gather ``...position_embeddings.weight``);
    None for one the graph does not say."""
    graph = _model_proto().FromString(Path(model_file).read_bytes()).graph
    tables = {t.name: list(t.dims) for t in graph.initializer}
    produced_by = {out: n for n in graph.node for out in n.output}
    ids = {"input_ids"}
    vocab = positions = None
    for node in graph.node:  # topologically sorted in a valid model
        if node.op_type in _PASS_IDS and node.input and node.input[0] in ids:
            ids.update(node.output)
        elif node.op_type in ("Gather", "Slice") and node.input:
            dims = _table(node.input[0], tables, produced_by)
            if node.op_type == "Gather" and vocab is None and len(node.input) >= 2 and node.input[1] in ids:
                vocab = dims[0] if dims else None
            elif positions is None and dims and len(dims) == 2 and "pos" in node.input[0].lower():
                positions = dims[0]
    return vocab, positions


def tokenizer_vocab_size(tokenizer_file: Path) -> int:
    """How many ids the tokenizer can emit (its vocabulary and added tokens)."""
    from tokenizers import Tokenizer

    return Tokenizer.from_file(os.fspath(tokenizer_file)).get_vocab_size(with_added_tokens=True)
