"""machine_readable: a report that could not be read as text."""

from __future__ import annotations

from ..registry import KindDecl, KindParams

KIND = KindDecl(
    name="machine_readable",
    params=KindParams,
    evaluator="disclosure_audit.rules.kinds.machine_readable:MachineReadable",
    doc="the published file has no text layer (or no converter for its format)",
    for_unreadable=True,
)
