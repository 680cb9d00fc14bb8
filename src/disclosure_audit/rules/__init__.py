"""Rule files → validated rule objects. Each kind is declared in `rules/params/<kind>.py` (its
parameters, pydantic only) and evaluated by `rules/kinds/<kind>.py`, imported when the engine runs.

What another package needs to add a kind (entry-point group `disclosure_audit.kinds`): `KindDecl`,
`KindParams` (and `Modes` for one params model per mode), `RuleKind` for the evaluator, `ParamError`
for validation that needs the template data. Importing this package is cheap (pydantic only)."""

from .registry import ENTRY_POINT_GROUP, KindDecl, KindParams, Modes, ParamError, RuleKind

__all__ = ["ENTRY_POINT_GROUP", "KindDecl", "KindParams", "Modes", "ParamError", "RuleKind"]
