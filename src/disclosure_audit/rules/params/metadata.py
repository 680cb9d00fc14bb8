"""metadata: a title, agency or date the report itself does not state, one model per `field`."""

from __future__ import annotations

from typing import Literal

from ..registry import KindDecl, KindParams, Modes


class Title(KindParams):
    field: Literal["title"]


class Agency(KindParams):
    field: Literal["agency"]


class Published(KindParams):
    field: Literal["published"]


KIND = KindDecl(
    name="metadata",
    params=Modes("field", Title, Agency, Published),
    evaluator="disclosure_audit.rules.kinds.metadata:Metadata",
    doc="a metadata field the reader could not find in the text",
)
