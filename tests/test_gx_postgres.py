"""The compiled SQL on a real PostgreSQL server (Debian's postgresql package, a throw-away data
directory, a non-root user, loopback only; started by the test session, tests/pg_server.py): the
same rows in the same order as on SQLite for every check over the demo reports' facts, and the exact 64-bit comparisons
agree with Python's integers (PostgreSQL raises on a BIGINT overflow where SQLite would turn to
floating point: neither may happen)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from disclosure_audit.gx.compile import compile_rules
from disclosure_audit.gx.sql import le_products
from disclosure_audit.rules.loader import load_rules
from disclosure_audit.warehouse.facts import FACT_COLUMNS
from tests.conftest import RULES


@pytest.fixture(scope="module")
def postgres(postgres_server):
    """A psycopg2 connection to this module's own database on the session's server."""
    postgres_server.new_database("gx_compile")
    con = postgres_server.connect("gx_compile")
    yield con
    con.close()


def test_every_check_returns_the_same_rows_on_postgresql_as_on_sqlite(postgres, demo_facts, templates):
    checks, _ = compile_rules(load_rules(RULES)[0], templates)
    lite = sqlite3.connect(demo_facts[1])
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
