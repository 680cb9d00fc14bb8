from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The run caches rule-example results and compiled page templates (disclosure_audit.user_cache): the
# tests, and the CLI runs they start, use a folder of their own, never the developer's ~/.cache.
if "DISCLOSURE_AUDIT_CACHE" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="disclosure-audit-cache-")
    os.environ["DISCLOSURE_AUDIT_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
# The real reports with hand-read expectations: `../shared/samples` beside the repository (CI always
# has it), or the folder named by DISCLOSURE_AUDIT_SAMPLES. Never copied into the repository.
SAMPLES = Path(os.environ.get("DISCLOSURE_AUDIT_SAMPLES") or ROOT.parent / "shared" / "samples")
# the sample files the tests read, by name (each has expected/<stem>.json)
SAMPLE_TEXTS = (
    "000_4a965b7a7f7052a0",
    "001_fe5c224497898358",
    "002_59473a96f9f01f39",
    "003_6762482f42d905fe",
    "004_f237f57025bb66e2",
)
SAMPLE_PDF = "huaian_2024"


def require_samples(path: Path = SAMPLES) -> Path:
    """The samples folder, or a test failure that says how to get it (never a skip: a test that
    silently does not run proves nothing)."""
    if not path.is_dir():
        pytest.fail(
            f"../shared/samples is missing ({path}): clone the shared folder beside the repository, so "
            "that <parent>/shared/samples sits next to <parent>/<this repository>, or set "
            "DISCLOSURE_AUDIT_SAMPLES to the samples folder (see README, 'Running the tests')",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return require_samples()


@pytest.fixture(scope="session")
def rules_dir() -> Path:
    return RULES


@pytest.fixture(scope="session")
def templates():
    from disclosure_audit.templates import get_templates

    return get_templates(RULES)


def demo_copy(dst: Path) -> Path:
    """The bundled demo reports (reports_in/, with its manifest and waivers) copied into `dst`, so a
    test can add or change files without touching the repository."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in (ROOT / "reports_in").iterdir():
        shutil.copy(f, dst / f.name)
    return dst


@pytest.fixture(scope="session")
def postgres_server():
    """The session's real PostgreSQL server (tests/pg_server.py), started on first use."""
    from tests.pg_server import postgres_server as start

    with start() as server:
        yield server


@pytest.fixture(scope="session")
def demo_facts(tmp_path_factory, templates):
    """The demo reports audited by the default engine (the reference the GX tests compare with) and
    their facts written to SQLite (a path with a space: the export must quote it). Read-only."""
    from disclosure_audit.pipeline import audit
    from disclosure_audit.warehouse.facts import facts_frame, write_sqlite

    result = audit(ROOT / "reports_in", RULES)
    db = tmp_path_factory.mktemp("facts") / "demo facts.sqlite"
    write_sqlite(facts_frame(list(result.reports.values()), templates), db)
    return result, db
