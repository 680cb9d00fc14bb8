"""check-db against a real PostgreSQL server, started by the test session (tests/pg_server.py: Debian's
postgresql binaries, a throw-away data directory, a non-root user, loopback only).

The facts are loaded the way a data team would: the Parquet export read with pandas and written with
`DataFrame.to_sql` through SQLAlchemy. The audit must equal the one of the SQLite export, finding for
finding and byte for byte apart from the URL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RULES
from tests.pg_server import free_port

ROOT = RULES.parent
DEMO = ROOT / "reports_in"
CLI = [sys.executable, "-m", "disclosure_audit.cli"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def postgres(postgres_server) -> str:
    """This module's own database on the session's server; its SQLAlchemy URL."""
    return postgres_server.new_database("check_db")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pgfacts")
    for fmt, name in (("sqlite", "demo.sqlite"), ("parquet", "demo.parquet")):
        res = cli("export", "facts", str(DEMO), "--format", fmt, "--out", str(d / name))
        assert res.returncode == 0, res.stderr
    return {"sqlite": d / "demo.sqlite", "parquet": d / "demo.parquet"}


@pytest.fixture(scope="module")
def loaded(postgres, exported) -> str:
    """The Parquet export in PostgreSQL, loaded with pandas (nullable integers kept as such)."""
    import pandas as pd
    from sqlalchemy import create_engine

    engine = create_engine(postgres)
    try:
        for table in ("facts", "reports", "tables"):
            path = exported["parquet"] if table == "facts" else exported["parquet"].with_name(f"demo.{table}.parquet")
            frame = pd.read_parquet(path, dtype_backend="numpy_nullable")
            frame.to_sql(table, engine, index=False, if_exists="replace")
    finally:
        engine.dispose()
    return postgres


def site(url: str, out: Path, *extra: str) -> dict:
    res = cli("check-db", url, "--out", str(out), *extra)
    assert res.returncode == 0, res.stderr
    return json.loads((out / "findings.json").read_text("utf-8"))


def test_postgres_gives_the_same_audit_as_sqlite(loaded, exported, tmp_path):
    from_pg = site(loaded, tmp_path / "pg")
    from_sqlite = site(f"sqlite:///{exported['sqlite']}", tmp_path / "lite")
    assert from_pg["run"]["reports_dir"] == loaded  # no password in this URL; shown as given
    for doc in (from_pg, from_sqlite):
        doc["run"]["reports_dir"] = doc["run"]["database"]["url"] = "URL"
    assert from_pg == from_sqlite
    failed = [f for r in from_pg["reports"] for f in r["findings"] if f["outcome"] == "failed"]
    assert {f["rule_id"] for f in failed} >= {"T3-BAL", "BLANK-CELL", "UNIT-CONFLICT", "EXT-UNREAD", "T3-XYEAR"}
    assert (tmp_path / "pg" / "index.html").read_bytes() == (tmp_path / "lite" / "index.html").read_bytes().replace(
        f"sqlite:///{exported['sqlite']}".encode(), loaded.encode()
    )


def test_postgres_errors_name_the_table_and_hide_the_password(loaded, tmp_path):
    url = loaded.replace("postgres@", "postgres:secret@")
    res = cli("check-db", url, "--table", "no_such_facts", "--out", str(tmp_path / "site"))
    assert res.returncode == 2
    assert "no table 'no_such_facts'" in res.stderr and "secret" not in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "site").exists()
    closed = loaded.rsplit(":", 1)[0] + f":{free_port()}/postgres"  # nothing listens there
    res = cli("check-db", closed, "--out", str(tmp_path / "site"))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
