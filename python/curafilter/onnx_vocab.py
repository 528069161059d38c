"""How many token ids a model accepts, and how many a tokenizer can produce: a tokenizer whose ids
run past the model's embedding table would otherwise fail inside ONNX Runtime, mid-run."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["embedding_rows", "tokenizer_vocab_size"]

# Ops that pass ids or a table through unchanged in shape (first input -> output).
_PASS_IDS = {"Cast", "Identity"}
_PASS_TABLE = {"Cast", "Identity", "DequantizeLinear"}


def embedding_rows(model_file: Path) -> int | None:
    """Rows of the table the first ``Gather`` on ``input_ids`` reads, or None when the graph does
    not say (no such Gather, or a table computed at run time)."""
    import onnx

    graph = onnx.load(os.fspath(model_file), load_external_data=False).graph
    tables = {t.name: list(t.dims) for t in graph.initializer}
    produced_by = {out: n for n in graph.node for out in n.output}
    ids = {"input_ids"}
    for node in graph.node:  # topologically sorted in a valid model
        if node.op_type in _PASS_IDS and node.input and node.input[0] in ids:
            ids.update(node.output)
        elif node.op_type == "Gather" and len(node.input) >= 2 and node.input[1] in ids:
            table = node.input[0]
            for _ in range(8):  # follow a dequantised or cast table back to its initializer
                src = produced_by.get(table)
                if table in tables or src is None or src.op_type not in _PASS_TABLE or not src.input:
                    break
                table = src.input[0]
            dims = tables.get(table)
            return dims[0] if dims else None
    return None


def tokenizer_vocab_size(tokenizer_file: Path) -> int:
    """How many ids the tokenizer can emit (its vocabulary and added tokens)."""
    from tokenizers import Tokenizer

    return Tokenizer.from_file(os.fspath(tokenizer_file)).get_vocab_size(with_added_tokens=True)
