"""Each kind's declaration: its parameters (pydantic) and where its evaluator lives.

One module per kind, importable without pandas, pandera, numpy or the extractor: the rule loader
validates every rule file with these alone; the evaluators in `rules/kinds/` are imported only when
the engine runs them (see `rules/registry.py`)."""

from __future__ import annotations

from typing import Literal

TableKey = Literal["active", "requests", "appeals"]
