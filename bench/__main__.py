"""`python -m bench`: generate (or reuse) the data, serve it with gunicorn, measure, report.

.venv/bin/python -m bench                      # SQLite, plus PostgreSQL if DATABASE_URL is one
.venv/bin/python -m bench --customers 5000 --quick --output /tmp/bench.md
.venv/bin/python -m bench --exports-only       # the two exports only; prints, writes no report
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import psycopg

from bench import app, customer_file, databases, report
from bench.client import Client, login
from bench.databases import DATA_DIR, REPO, Target
from bench.exports import EXPORTS, measure_export
from bench.measure import (
    FULL,
    LIST,
    QUICK,
    Throughput,
    htmx_headers,
    list_cases,
    measure_latency,
    measure_throughput,
)
from bench.server import Gunicorn


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000, help="data volume (100000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the data set (1)")
    parser.add_argument("--only", choices=("sqlite", "postgres"), help="measure one database")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--regenerate", action="store_true", help="ignore cached data")
    parser.add_argument(
        "--exports-only",
        action="store_true",
        help="measure only the exports and print them; docs/benchmarks.md stays as it is",
    )
    parser.add_argument(
        "--output", type=Path, default=REPO / "docs/benchmarks.md", help="report file"
    )
    args = parser.parse_args(argv)
    if args.customers < 100:
        parser.error("--customers must be at least 100")
    return args


def targets(only: str | None) -> list[Target]:
    url = os.environ.get("DATABASE_URL", "")
    chosen = [] if only == "postgres" else [databases.sqlite_target()]
    if only != "sqlite" and url and databases.is_postgres_url(url):
        chosen.append(databases.postgres_target(url))
    elif only == "postgres":
        raise SystemExit("--only postgres needs DATABASE_URL pointing to a PostgreSQL server")
    return chosen


def measure(target: Target, probes: dict, static_root: str, args) -> report.Run:
    settings = QUICK if args.quick else FULL
    started, load_before = datetime.now().astimezone(), report.load_average()
    if load_before > 0.5:
        print(f"{target.label}: note: load average {load_before:.2f}; figures will be noisy")
    log_path = DATA_DIR / f"gunicorn-{target.key}.log"
    with Gunicorn(app.app_env(target, static_root), log_path) as server:
        print(f"{target.label}: gunicorn ({server.description}) on port {server.port}", flush=True)
        cookies = login(server.port, probes["user"], probes["password"])
        latencies, throughput = [], Throughput(LIST, settings.users)
        if not args.exports_only:
            latencies = _latencies(server.port, cookies, probes, settings)
            throughput = measure_throughput(server.port, cookies, LIST, settings)
            print(f"  throughput: {throughput.per_second:.0f} req/s", flush=True)
        exports = [_export(server, cookies, probes, export, settings) for export in EXPORTS]
    return report.Run(
        target.key,
        target.label,
        databases.server_version(target),
        server.description,
        probes,
        settings,
        latencies,
        throughput,
        exports,
        started,
        load_before,
        report.load_average(),
    )


def _latencies(port: int, cookies: dict, probes: dict, settings) -> list:
    client = Client(port, cookies)
    try:
        results = []
        cases = list_cases(probes, htmx_headers(client))
        cases.append(customer_file.case(probes["file_customer"]))
        for case in cases:
            results.append(measure_latency(client, case, settings))
            item = results[-1]
            print(f"  {case.label}: p50 {report.ms(item.p50_ms)} ms", flush=True)
        return results
    finally:
        client.close()


def _export(server: Gunicorn, cookies: dict, probes: dict, export, settings):
    expected = probes["counts"]["active"]
    result = measure_export(server.port, cookies, export, server.worker_pids, settings, expected)
    print(f"  {export.label}: {result.status} {result.seconds or 0:.2f} s", flush=True)
    return result


# What can go wrong outside the measurements: a failing manage.py or generator, a server that
# does not start, an unreachable database. Each fails its database's run, not the whole bench.
FAILURES = (subprocess.SubprocessError, RuntimeError, OSError, psycopg.Error)


def _run_target(target: Target, static_root: str, password: str, args) -> report.Run:
    probes = app.prepare(
        target,
        customers=args.customers,
        seed=args.seed,
        regenerate=args.regenerate,
        password=password,
    )
    probes["password"] = password
    probes["file_customer"] = customer_file.prepare(app.app_env(target, static_root=""))
    return measure(target, probes, static_root, args)


def run(args) -> tuple[list[report.Run], list[str]]:
    chosen = targets(args.only)  # refuse a bad DATABASE_URL before any work
    password = secrets.token_urlsafe(16)
    runs, failures = [], []
    with tempfile.TemporaryDirectory(prefix="kundenakte-bench-static-") as static_root:
        try:
            app.collect_static(static_root)
        except FAILURES as exc:
            return [], [f"collectstatic: {exc}"]
        for target in chosen:
            try:
                runs.append(_run_target(target, static_root, password, args))
            except FAILURES as exc:
                failures.append(f"{target.label}: {exc}")
                print(f"{target.label}: FAILED: {exc}", file=sys.stderr, flush=True)
    return runs, failures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM becomes an exception, so every `finally` (stopping gunicorn) still runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    DATA_DIR.mkdir(exist_ok=True)
    try:
        runs, failures = run(args)
    except KeyboardInterrupt:
        print("\ninterrupted; gunicorn stopped", file=sys.stderr)
        return 130
    for item in runs:
        if args.exports_only:
            print("\n" + "\n".join(report.other_table(item, exports_only=True)))
        else:
            print("\n" + report.section(item))
    if runs and not args.exports_only:
        report.write(runs, args.output)
        print(f"written to {args.output}")
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
