"""A datatrove pipeline step: score documents with a curafilter model and route them by rules.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from curafilter.integrations.datatrove import PrincipleFilter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("data/"),
        PrincipleFilter(rules="rules.toml", exclusion_writer=JsonlWriter("out/dropped")),
        JsonlWriter("out/kept"),
    ], tasks=4).run()
"""

from __future__ import annotations

import os
from typing import Any

try:
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.writers.disk_base import DiskWriter
except ModuleNotFoundError as e:
    if e.name is not None and e.name.split(".")[0] != "datatrove":
        raise  # datatrove is there but one of its own dependencies is not: its message says which
    raise ImportError("curafilter.integrations.datatrove needs datatrove: pip install datatrove") from e

from curafilter.device import DeviceRequest
from curafilter.errors import ConfigError
from curafilter.model import Model, load_model
from curafilter.rules import Rules
from curafilter.run import bundle_rules
from curafilter.stream import check_int

__all__ = ["PrincipleFilter"]


class PrincipleFilter(BaseFilter):
    """Scores each document against the model's principles and routes it by `rules`.

    Every document gets ``doc.metadata[metadata_key] = {"scores": {principle: float, ...},
    "route": ..., "reason": ..., "model": ...}``. Then, by route:

    - ``keep``: passed on.
    - ``tag``: passed on (kept, marked: the metadata's route says ``"tag"``).
    - ``revise``: passed on, for a later rewrite step to pick up by the metadata's route; this
      filter does not rewrite anything.
    - ``drop``: removed, as ``(False, reason)``: datatrove counts it under ``dropped_<reason>`` and,
      with an `exclusion_writer`, writes it there with ``metadata["filter_reason"] = reason``.

    A document the model could not score (a NaN score) is removed with the reason
    ``"unscorable"`` and a null route (fail closed: never kept).

    `model`: a bundle name or folder, or a loaded :class:`~curafilter.model.Model`. `rules`: a rules
    file, a :class:`~curafilter.rules.Rules`, or None for the bundle's own rules (its
    ``rules.toml``, else rules derived from its thresholds, as ``curafilter run`` does).

    The model is loaded on the first batch, not here: datatrove copies (pickles) each step to its
    tasks, and a live ONNX Runtime session cannot be copied. The step holds only the model's path
    and load options; a Model passed in is loaded again from its folder, with its variant, device
    and windowing, wherever the step is copied to.
    """

    name = "⚖ curafilter"

    def __init__(
        self,
        model: str | os.PathLike[str] | Model = "default",
        rules: str | os.PathLike[str] | Rules | None = None,
        *,
        device: str = "auto",
        batch_size: int = 256,
        exclusion_writer: DiskWriter | None = None,
        metadata_key: str = "curafilter",
    ) -> None:
        check_int("batch_size", batch_size, 1)  # before datatrove's own use of it
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        if not isinstance(metadata_key, str) or not metadata_key:
            raise ConfigError(f"metadata_key must be a non-empty name, got {metadata_key!r}")
        DeviceRequest.parse(device)  # a bad device fails here, not in every task
        self._model: Model | None = None
        self._rules: Rules | None = None
        if isinstance(model, Model):
            self.model_path: str | os.PathLike[str] = model.path
            self.load_options: dict[str, Any] = {"device": model.device, "variant": model.variant,
                                                 "windows": model.windows, "overlap": model.overlap,
                                                 "cascade": model.cascade}
            self._model = model  # used as is in this process; reloaded only in a copy
        else:
            self.model_path, self.load_options = model, {"device": device}
        self.rules = rules
        self.metadata_key = metadata_key

    def __getstate__(self) -> dict[str, Any]:
        # What datatrove's deepcopy / pickling carries to a task: the arguments, never the session.
        state = self.__dict__.copy()
        state["_model"] = None
        state["_rules"] = None
        return state

    def _loaded(self) -> tuple[Model, Rules]:
        if self._model is None:
            self._model = load_model(self.model_path, **self.load_options)
        if self._rules is None:
            if isinstance(self.rules, Rules):
                if self.rules.principles != self._model.principles:
                    raise ConfigError(f"rules {self.rules.source} were compiled for principles "
                                      f"{self.rules.principles}, but the model scores {self._model.principles}")
                self._rules = self.rules
            else:
                self._rules = bundle_rules(self._model, self.rules)
        return self._model, self._rules

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        model, rules = self._loaded()
        for doc in batch:
            if not isinstance(doc.text, str):
                raise ConfigError(f"document {doc.id!r} has no text ({doc.text!r}); curafilter never "
                                  "scores a missing text")
        scores = model.score_texts([doc.text for doc in batch])
        decisions = rules.apply(scores).tolist()
        results: list[bool | tuple[bool, str]] = []
        for doc, row, d in zip(batch, scores.tolist(), decisions):
            route, reason = (rules.routes[d], rules.reasons[d]) if d >= 0 else (None, "unscorable")
            doc.metadata[self.metadata_key] = {"scores": dict(zip(model.principles, row)), "route": route,
                                               "reason": reason, "model": model.id}
            self.stat_update(f"route_{route or 'unscorable'}")
            results.append(True if route in ("keep", "tag", "revise") else (False, reason))
        return results
