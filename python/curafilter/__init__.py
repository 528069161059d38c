"""curafilter: score every document of a pre-training corpus against written principles and route it.

>>> import curafilter
>>> with curafilter.stream("examples/sample.jsonl.zst") as s:
...     shapes = [batch.input_ids.shape for batch in s]  # (docs, longest in batch)
"""

from curafilter import errors
from curafilter.model import Model, load_model
from curafilter.run import RunStats, run
from curafilter.stream import QUARANTINE_REASONS, Batch, QuarantineRecord, Stream, stream
from curafilter.table import score_table

__version__ = "0.1.0"

__all__ = ["errors", "run", "RunStats", "load_model", "Model", "score_table", "stream", "Stream", "Batch", "QuarantineRecord", "QUARANTINE_REASONS", "__version__"]
