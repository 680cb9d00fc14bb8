from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SAMPLES = ROOT.parent / "shared" / "samples"


@pytest.fixture(scope="session")
def rules_dir() -> Path:
    return RULES


@pytest.fixture(scope="session")
def templates():
    from disclosure_audit.templates import get_templates

    return get_templates(RULES)
