"""One real PostgreSQL server for the whole test session: Debian's postgresql binaries, a throw-away
data directory under the system temp folder, run as the non-root `postgres` user when the tests run as
root (the server refuses root), listening on 127.0.0.1 only, stopped and removed at the end (also on
failure). Each test module gets its own database on it, so their tables never meet.

No mock and no skip: when the binaries are missing the tests fail, and `bash scripts/test.sh`
installs the package."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found and shutil.which("initdb"):
        found = [shutil.which("initdb") or ""]
    assert found, "PostgreSQL's initdb is missing: `bash scripts/test.sh` installs Debian's postgresql package"
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    port: int
    user: str = "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg2://{self.user}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, dbname=database)

    def new_database(self, name: str) -> str:
        """A fresh, empty database `name` (dropped first if a test made it before); its SQLAlchemy URL."""
        con = self.connect()
        try:
            con.autocommit = True  # CREATE DATABASE cannot run inside a transaction
            with con.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            con.close()
        return self.url(name)


@contextmanager
def postgres_server() -> Iterator[Server]:
    binaries = bindir()
    base = Path(tempfile.mkdtemp(prefix="disclosure-audit-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres", "postgres")
    data, log = base / "data", base / "server.log"

    def run(*args: object, check: bool = True) -> subprocess.CompletedProcess:
        res = subprocess.run([*as_user, *map(str, args)], capture_output=True, text=True, timeout=120)
        if check and res.returncode:
            server_log = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise AssertionError(f"{args[0]} failed: {res.stderr[-2000:]}\n{server_log}")
        return res

    started = False
    try:
        run(binaries / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        port = free_port()
        options = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off"
        run(binaries / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
        started = True
        yield Server(port)
    finally:
        if started:
            run(binaries / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)
