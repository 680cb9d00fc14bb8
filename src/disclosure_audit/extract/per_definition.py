"""What the reader builds once per definition object (a table definition, a format version's tables,
the templates) and reuses for every report read with it: matchers and plans depend only on the
definition, never on a reading.

Kept by the object's identity, with the object itself held beside the value, so a freed definition's
id reused by a new one is never served the old value; `cap` bounds how many are kept (a long process
that loads many rule folders clears and starts again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

D = TypeVar("D")
V = TypeVar("V")


class PerDefinition(Generic[D, V]):
    def __init__(self, build: Callable[[D], V], cap: int | None = None) -> None:
        self._build = build
        self._cap = cap
        self._store: dict[int, tuple[D, V]] = {}

    def __call__(self, definition: D) -> V:
        hit = self._store.get(id(definition))
        if hit is None or hit[0] is not definition:
            if self._cap is not None and len(self._store) > self._cap:
                self._store.clear()
            hit = self._store[id(definition)] = (definition, self._build(definition))
        return hit[1]
