"""The compiled SQL on a real PostgreSQL server (Debian's postgresql package, a throw-away data
directory, a non-root user, loopback only), started by this module: the same rows in the same
order as on SQLite for every check over the demo reports' facts, and the exact 64-bit comparisons
agree with Python's integers (PostgreSQL raises on a BIGINT overflow where SQLite would turn to
floating point: neither may happen)."""

from __future__ import annotations

import glob
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from disclosure_audit.gx.compile import compile_rules
from disclosure_audit.gx.sql import le_products
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.warehouse.facts import FACT_COLUMNS
from tests.conftest import RULES


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql", pytrace=False)
    return Path(initdb).parent


@pytest.fixture(scope="module")
def postgres():
    """A psycopg2 connection to a fresh server; the server is stopped and its data removed after.
    The data folder is made under the system temp folder (pytest's is private to the user running
    the tests, which the server's user cannot enter)."""
    import psycopg2

    root = Path(tempfile.mkdtemp(prefix="gx-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bindir = _bindir()
    data = root / "data"
    run = subprocess.run
    init = run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "gx", "--auth=trust"], capture_output=True)
    assert init.returncode == 0, init.stderr.decode()[-2000:]
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = run(
        [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"],
        capture_output=True,
    )
    assert start.returncode == 0, start.stderr.decode()[-2000:]
    try:
        con = psycopg2.connect(host="127.0.0.1", port=port, user="gx", dbname="postgres")
        yield con
        con.close()
    finally:
        run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, templates):
    from disclosure_audit.pipeline import audit
    from disclosure_audit.warehouse.facts import facts_frame, write_sqlite

    result = audit(RULES.parent / "reports_in", RULES)
    db = tmp_path_factory.mktemp("demo") / "facts.sqlite"
    write_sqlite(facts_frame(list(result.reports.values()), templates), db)
    return db


def test_every_check_returns_the_same_rows_on_postgresql_as_on_sqlite(postgres, demo_db, templates):
    checks, _ = compile_rules(load_rules(RULES)[0], templates)
    lite = sqlite3.connect(demo_db)
    cur = postgres.cursor()
    cur.execute('DROP TABLE IF EXISTS "facts"')
    cur.execute(f'CREATE TABLE "facts" ({", ".join(f"{chr(34)}{c.name}{chr(34)} {c.sql}" for c in FACT_COLUMNS)})')
    rows = lite.execute('SELECT * FROM "facts"').fetchall()
    cur.executemany(f'INSERT INTO "facts" VALUES ({", ".join("%s" for _ in FACT_COLUMNS)})', rows)
    postgres.commit()
    nonempty = 0
    for c in checks:
        query = c.query.replace("{batch}", '"facts"')
        cur.execute(query)
        got = [tuple(r) for r in cur.fetchall()]
        assert got == lite.execute(query).fetchall(), c.name
        nonempty += bool(got)
    assert nonempty >= 20  # the comparison is not between empty results


def test_exact_comparisons_on_postgresql_at_64_bit_edges(postgres):
    rng = random.Random(15)
    top = 2**63 - 1
    cur = postgres.cursor()
    for _ in range(400):
        p, q = rng.choice([1, 3, 1000, 2 * 10**8, 2**31 - 1]), rng.choice([1, 7, 10**4, 2**30 + 1])
        x = rng.choice([rng.randrange(0, 100), rng.randrange(0, top), top])
        y = min(top, max(0, x * p // q + rng.choice([-1, 0, 1])))
        cur.execute(f"SELECT {le_products(f'CAST({x} AS BIGINT)', p, f'CAST({y} AS BIGINT)', q)}")
        assert cur.fetchone()[0] == (x * p <= y * q), (x, p, y, q)
