"""`python -m bench.imports`: the customer import of issue #13, measured on its own.

Writes a 100,000-customer CSV (150,000 persons, 30 tags, bench/import_file.py), then per
database: the preview and the import into an EMPTY database, then the preview and the import of
10,000 changed rows into the now full one. Each phase runs in a process of its own
(bench/import_phase.py), which reports its time and its peak RSS. The section
"Import (issue #13)" of docs/benchmarks.md is replaced with the table.

.venv/bin/python -m bench.imports                  # SQLite, plus PostgreSQL if DATABASE_URL is one
.venv/bin/python -m bench.imports --customers 10000 --output /tmp/imports.md
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from psycopg import sql

from bench import app, databases, report
from bench.databases import DATA_DIR, REPO, Target

SECTION = "## Import (issue #13)"
PG_NAME = "kundenakte_bench_import"
PHASE_TIMEOUT = 1800
# Budgets of issue #13 on this 2-core machine.
PREVIEW_BUDGET, APPLY_BUDGET, RSS_BUDGET_MB = 10_000, 5_000, 300


def _targets(only: str | None) -> list[Target]:
    url = os.environ.get("DATABASE_URL", "")
    chosen = []
    if only != "postgres":
        chosen.append(Target("sqlite", "SQLite", f"sqlite:///{DATA_DIR / 'import.sqlite3'}"))
    if only != "sqlite" and url and databases.is_postgres_url(url):
        base = databases.postgres_target(url)
        chosen.append(
            Target("postgres", "PostgreSQL", base.url.replace(databases.PG_NAME, PG_NAME))
        )
    return chosen


def _reset(target: Target) -> None:
    if target.key == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATA_DIR / 'import.sqlite3'}{suffix}").unlink(missing_ok=True)
        return
    with databases._pg_admin_connect(target) as conn:  # noqa: SLF001 (the bench's own helper)
        name = sql.Identifier(PG_NAME)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _phase(env: dict, *args: str) -> dict:
    command = [sys.executable, "-m", "bench.import_phase", *args]
    done = subprocess.run(
        command, cwd=REPO, env=env, check=True, timeout=PHASE_TIMEOUT, stdout=subprocess.PIPE
    )
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def measure(target: Target, files: dict) -> list[dict]:
    env = app.app_env(target, static_root="")
    _reset(target)
    app.manage(env, "migrate", "--no-input", "--verbosity", "0")
    results = []
    for label, path in (("empty database", files["full"]), ("full database", files["update"])):
        preview = _phase(env, "preview", path)
        preview["label"] = f"Preview, {label}"
        print(f"  {preview['label']}: {preview['seconds']:.1f} s", flush=True)
        applied = _phase(env, "apply", str(preview["run"]))
        applied["label"] = f"Import, {label}"
        print(f"  {applied['label']}: {applied['seconds']:.1f} s", flush=True)
        results += [preview, applied]
    return results


def _row(result: dict) -> str:
    rows, seconds = result["rows"], result["seconds"]
    per_second = rows / seconds if seconds else 0
    rss = result["maxrss_kb"] / 1024
    budget = PREVIEW_BUDGET if result["label"].startswith("Preview") else APPLY_BUDGET
    ok = result["state"] in ("ready", "applied") and per_second >= budget and rss <= RSS_BUDGET_MB
    new, updated, unchanged, duplicates, errors = result["counts"]
    counts = f"{new:,} new, {updated:,} updated, {unchanged:,} unchanged, "
    counts += f"{duplicates} duplicates, {errors} faulty"
    return (
        f"| {result['label']} | {rows:,} | {seconds:.1f} s | {result['cpu_seconds']:.1f} s "
        f"| {per_second:,.0f} | {rss:.0f} MB | ≥ {budget:,} rows/s, ≤ {RSS_BUDGET_MB} MB "
        f"| {'✓' if ok else '✗'} | {counts} |"
    )


def section(results: dict[str, list[dict]], files: dict, started: datetime, load: float) -> str:
    lines = [
        SECTION,
        "",
        "Written by `.venv/bin/python -m bench.imports` (bench/imports.py): a CSV of "
        f"{files['customers']:,} customers in {files['rows']:,} rows ({files['persons']:,} "
        "persons: each customer's row holds its first person, every further contact has a row "
        "of its own with the customer's number, or its name and postal code; 60 % with a number, "
        "30 tags), previewed and imported into an empty database, then "
        f"{files['update_rows']:,} changed rows of it into the full one. Each phase runs in its "
        "own process; *peak RSS* is that process's maximum resident memory (Django included), "
        "*CPU* its processor time. Rows/s = data rows of the file / wall time.",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} on {report.machine()}; load average {load:.2f} "
        "before (other work on the machine stretches the wall time; the CPU time does not "
        "stretch).",
        "",
    ]
    lines += [
        "Where the time goes: the preview reads, checks and matches each row in Python "
        "(the existing customers' keys are read once into dicts, never per row). The import "
        "then writes per customer a row, its history record, its persons and their history "
        "records, its tag links and their history rows and its undo record, through "
        "`bulk_create` and django-simple-history's bulk functions; Django prepares every "
        "value of a `bulk_create` in Python (about 800,000 values per 10,000 rows), which "
        "is most of the import's CPU time. Writing the rows with COPY (PostgreSQL) or "
        "prepared `executemany` (SQLite) would remove most of it, at the price of leaving "
        "the ORM and simple-history's functions; not done.",
        "",
    ]
    for label, rows in results.items():
        lines += [
            f"**{label}**",
            "",
            "| Phase | Rows | Wall | CPU | Rows/s | Peak RSS | Budget | | Result |",
            "|---|---|---|---|---|---|---|---|---|",
            *[_row(result) for result in rows],
            "",
        ]
    return "\n".join(lines)


def write(text: str, output: Path) -> None:
    current = output.read_text(encoding="utf-8") if output.exists() else ""
    if SECTION in current:
        before, _sep, rest = current.partition(SECTION)
        after = rest.split("\n## ", 1)
        tail = f"\n## {after[1]}" if len(after) == 2 else ""
        current = before.rstrip("\n") + "\n\n" + text + tail
    else:
        current = current.rstrip("\n") + "\n\n" + text
    output.write_text(current.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--output", type=Path, default=REPO / "docs/benchmarks.md")
    args = parser.parse_args(argv)
    DATA_DIR.mkdir(exist_ok=True)
    started, load = datetime.now().astimezone(), report.load_average()
    targets = _targets(args.only)
    env = app.app_env(targets[0], static_root="")
    began = time.monotonic()
    files = _phase(env, "files", str(DATA_DIR), str(args.customers))
    print(f"files written in {time.monotonic() - began:.0f} s: {files}", flush=True)
    results = {}
    for target in targets:
        print(f"{target.label}:", flush=True)
        results[target.label] = measure(target, files)
    text = section(results, files, started, load)
    print("\n" + text)
    write(text, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
