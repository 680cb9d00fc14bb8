"""The generated corpus's data files (benchmarks/data/*.yaml): agency names and parts, sentence frames,
kept out of the code so that widening the corpus's vocabulary is an edit of data, not of the generator.
Read once per process with libyaml when it is installed (the pure-Python loader is ten times slower)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _tuples(value: Any) -> Any:
    """Lists as tuples: the generator's frames are read-only and hashable."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


@cache
def load(name: str) -> dict[str, Any]:
    with open(DATA / f"{name}.yaml", encoding="utf-8") as fh:
        return _tuples(yaml.load(fh, Loader=_Loader))
