"""The benchmark's own databases: where they live, whether their data is current, how to reset.

The SQLite database is a file under bench-data/; the PostgreSQL one is `kundenakte_bench` (or
what BENCH_PG_NAME names, so that checkouts sharing a server keep their data apart) on the server
DATABASE_URL names. The database DATABASE_URL itself names is never changed: only the bench
database is created and dropped, from the server's maintenance database `postgres`.
"""

import ast
import hashlib
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "bench-data"
SQLITE_PATH = DATA_DIR / "bench.sqlite3"
PG_NAME = os.environ.get("BENCH_PG_NAME", "kundenakte_bench")
PG_SCHEMES = {"postgres", "postgresql", "pgsql"}
# The code that decides what the data set contains: when any of it changes, the cache is stale.
GENERATOR_SOURCES = (
    "bench/names.py",
    "bench/fake.py",
    "bench/dataset.py",
    "kundenakte/core/text.py",
    "kundenakte/customers/naming.py",
)


@dataclass(frozen=True)
class Target:
    key: str  # "sqlite" or "postgres"
    label: str
    url: str  # DATABASE_URL of the bench database


def sqlite_target() -> Target:
    return Target("sqlite", "SQLite", f"sqlite:///{SQLITE_PATH}")


def postgres_target(database_url: str) -> Target:
    """The bench database on the server of DATABASE_URL; refuses to reuse the app's own one."""
    parts = urlsplit(database_url)
    if parts.scheme not in PG_SCHEMES:
        raise SystemExit(f"DATABASE_URL does not point to PostgreSQL: {parts.scheme}://…")
    if parts.path.strip("/") == PG_NAME:
        raise SystemExit(f"DATABASE_URL names {PG_NAME}, the benchmark's own database; refusing.")
    return Target("postgres", "PostgreSQL", parts._replace(path=f"/{PG_NAME}").geturl())


def is_postgres_url(url: str) -> bool:
    return urlsplit(url).scheme in PG_SCHEMES


def _refresh_derived_source() -> str:
    """The code that computes the derived columns: if it changes, cached rows are stale."""
    models = (REPO / "kundenakte/customers/models.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(models)):
        if isinstance(node, ast.FunctionDef) and node.name == "refresh_derived":
            return ast.get_source_segment(models, node) or ""
    return models


def fingerprint(*, customers: int, seed: int) -> str:
    """Seed, size and a hash of the generating code: equal fingerprints mean equal data."""
    code = hashlib.sha256(_refresh_derived_source().encode())
    for source in GENERATOR_SOURCES:
        code.update((REPO / source).read_bytes())
    return f"seed{seed}-n{customers}-{code.hexdigest()[:12]}"


def _pg_admin_connect(target: Target) -> psycopg.Connection:
    # CREATE/DROP DATABASE run from the maintenance database, like createdb does.
    url = urlsplit(target.url)._replace(path="/postgres").geturl()
    return psycopg.connect(url, autocommit=True, connect_timeout=10)


def read_marker(target: Target) -> str | None:
    """The fingerprint a complete generation left behind, or None."""
    try:
        if target.key == "sqlite":
            if not SQLITE_PATH.exists():
                return None
            with closing(sqlite3.connect(f"file:{SQLITE_PATH}?mode=ro", uri=True)) as conn:
                row = conn.execute("SELECT fingerprint FROM bench_marker").fetchone()
        else:
            with psycopg.connect(target.url, connect_timeout=10) as conn:
                row = conn.execute("SELECT fingerprint FROM bench_marker").fetchone()
    except (sqlite3.Error, psycopg.Error):
        return None
    return row[0] if row else None


def reset(target: Target) -> None:
    """An empty bench database, ready for migrate."""
    if target.key == "sqlite":
        DATA_DIR.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    with _pg_admin_connect(target) as conn:
        name = sql.Identifier(PG_NAME)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def server_version(target: Target) -> str:
    if target.key == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with psycopg.connect(target.url, connect_timeout=10) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version.split()[0]}"
