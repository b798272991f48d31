"""The Markdown report: a table per database, printed and written to docs/benchmarks.md.

A rewrite keeps what people wrote by hand ("What was needed") and the section of a database that
this run did not measure, so a SQLite-only run does not erase the PostgreSQL figures.
"""

import os
import platform
import re
import statistics
import textwrap
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from bench.exports import ExportResult
from bench.measure import Latency, Settings, Throughput

TITLE = "# Benchmarks of the customer list"
DATABASE_SECTIONS = ("SQLite", "PostgreSQL")  # the titles of the sections this tool writes
NEEDED = "What was needed"
NEEDED_PLACEHOLDER = (
    "_To be filled in by the engineer of the customer list: which indexes, columns, query and "
    "template changes got the figures within budget, and what each one bought._"
)
P50_BUDGET_MS = 15
P95_BUDGET_MS = {"sqlite": 30, "postgres": 40}
THROUGHPUT_BUDGET = 150
THROUGHPUT_ANCHOR = "13.8 req/s"
OK, MISSED, NONE = "✓", "✗", "–"


@dataclass
class Run:
    """Everything measured on one database."""

    key: str
    label: str
    database: str  # engine and version
    server: str
    probes: dict
    settings: Settings
    latencies: list[Latency]
    throughput: Throughput
    exports: list[ExportResult]
    started: datetime
    load_before: float
    load_after: float


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.partition(":")[2].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    cores = len(os.sched_getaffinity(0))
    return f"{cpu}, {cores} cores, {mem_kb / 1024 / 1024:.1f} GiB RAM"


def load_average() -> float:
    """The 1-minute load: other work on this 2-core machine shows up as noise in the figures."""
    return os.getloadavg()[0]


def software(run: Run) -> str:
    return (
        f"Python {platform.python_version()} · Django {version('django')} · {run.database} · "
        f"gunicorn {version('gunicorn')} ({run.server})"
    )


def ms(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else NONE


def _statuses(counter) -> str:
    """ "200" when every response had it, else each status with its count: "200×40, 500×10"."""
    if len(counter) == 1:
        return str(next(iter(counter)))
    return ", ".join(f"{code}×{n}" for code, n in sorted(counter.items())) or NONE


def _latency_row(run: Run, item: Latency) -> str:
    p50_budget, p95_budget = item.case.budget or (P50_BUDGET_MS, P95_BUDGET_MS[run.key])
    within = (item.p50_ms or 1e9) <= p50_budget and (item.p95_ms or 1e9) <= p95_budget
    mark = OK if item.ok and within else MISSED
    http = item.error or _statuses(item.statuses)
    if item.statuses.get(200) and not item.content_ok:
        http += " (unexpected content)"
    size = f"{item.size / 1024:.0f} KB" if item.size else NONE
    if item.case.headers and item.size >= run.latencies[0].size:
        size += " (full page)"  # the fragment is no smaller than the first page
    url = f"`{item.case.path}`"
    if "HX-Target" in item.case.headers:
        url += f" HX-Target: `{item.case.headers['HX-Target']}`"
    cells = [item.case.label, url, http, size, str(len(item.times))]
    cells += [ms(item.p50_ms), ms(item.p95_ms), f"≤ {p50_budget:g} / ≤ {p95_budget:g}", mark]
    return "| " + " | ".join(cells + [item.case.anchor or NONE]) + " |"


def latency_table(run: Run) -> list[str]:
    header = "| Request | URL | HTTP | Size | n | p50 ms | p95 ms | Budget ms | | Dolibarr 23 ms |"
    lines = [header, "|" + "---|" * 10]
    return lines + [_latency_row(run, item) for item in run.latencies]


def _throughput_row(result: Throughput) -> str:
    within = result.ok and result.per_second >= THROUGHPUT_BUDGET
    figure = f"{result.per_second:.0f} req/s"
    if result.times:
        figure += f" (p50 {statistics.median(result.times) * 1000:.0f} ms)"
    http = result.error or _statuses(result.statuses)
    cells = [f"First page, {result.users} users at once", f"`{result.path}`", http, figure]
    cells += [f"≥ {THROUGHPUT_BUDGET} req/s", OK if within else MISSED, THROUGHPUT_ANCHOR]
    return "| " + " | ".join(cells) + " |"


def _export_figure(result: ExportResult) -> str:
    rows = f", {result.rows:,} rows" if result.rows is not None else ""
    runs = f", median of {len(result.times)}" if len(result.times) > 1 else ""
    memory = result.memory
    return (
        f"{result.seconds:.2f} s{runs}, {result.size / 1e6:.1f} MB{rows}; peak private memory "
        f"{memory.private / 1024:.0f} MB (idle {memory.idle_private / 1024:.0f}), "
        f"VmRSS {memory.rss / 1024:.0f} MB"
    )


def _export_within(result: ExportResult) -> bool:
    export = result.export
    fast = result.seconds <= export.budget_seconds
    # The budget is peak RSS: VmRSS, which is never below the private part (RssAnon).
    return fast and result.memory.rss / 1024 <= export.budget_mb and not result.problem


def _export_row(result: ExportResult) -> str:
    export = result.export
    budgeted = export.budget_seconds is not None
    budget = f"≤ {export.budget_seconds} s, ≤ {export.budget_mb:.0f} MB" if budgeted else NONE
    http = str(result.status or NONE)
    if result.status == 404:
        figure, mark = "not available", NONE
    elif not result.available:
        figure, mark = result.problem or "failed", MISSED if budgeted else NONE
    else:
        figure = _export_figure(result) + (f" — {result.problem}" if result.problem else "")
        mark = (OK if _export_within(result) else MISSED) if budgeted else NONE
    cells = [export.label, f"`{export.path}`", http, figure, budget, mark, export.anchor or NONE]
    return "| " + " | ".join(cells) + " |"


def other_table(run: Run, *, exports_only: bool = False) -> list[str]:
    lines = ["| Measurement | URL | HTTP | Result | Budget | | Dolibarr 23 |", "|" + "---|" * 7]
    if not exports_only:
        lines.append(_throughput_row(run.throughput))
    return lines + [_export_row(result) for result in run.exports]


def _volume(run: Run) -> str:
    counts = run.probes["counts"]
    return (
        f"{counts['customers']:,} customers ({counts['with_number']:,} with number, "
        f"{counts['statuses']} statuses), {counts['persons']:,} persons, {counts['tags']} tags "
        f"on {counts['tag_links']:,} customer–tag links; data set `{run.probes['fingerprint']}`"
    )


def section(run: Run) -> str:
    settings = run.settings
    method = (
        f"{settings.repeats} requests per row after {settings.warmup} warm-up requests, one "
        "keep-alive connection; p95 is the nearest-rank percentile."
    )
    lines = [
        f"## {run.label}",
        "",
        f"Measured {run.started:%Y-%m-%d %H:%M} on {machine()}; load average "
        f"{run.load_before:.2f} before, {run.load_after:.2f} after.  ",
        f"{software(run)}.  ",
        f"Data: {_volume(run)}.  ",
        f"Method: {method}",
        "",
        *latency_table(run),
        "",
        *other_table(run),
    ]
    return "\n".join(lines) + "\n"


def _intro() -> str:
    p95_sqlite, p95_postgres = P95_BUDGET_MS["sqlite"], P95_BUDGET_MS["postgres"]
    paragraphs = [
        "Written by `make bench` (`.venv/bin/python -m bench`, see `bench/`): a seeded data set "
        "in the benchmark's own databases (`bench-data/bench.sqlite3`; `kundenakte_bench`, or "
        "the name in `BENCH_PG_NAME`, on the PostgreSQL server of `DATABASE_URL`), served by "
        "gunicorn with `DEBUG=0` and measured over real HTTP on 127.0.0.1.",
        f"Budgets from issue #3: every list request p50 ≤ {P50_BUDGET_MS} ms and p95 ≤ "
        f"{p95_sqlite} ms on SQLite (p95 ≤ {p95_postgres} ms on PostgreSQL); "
        f"≥ {THROUGHPUT_BUDGET} requests/s on the first page with 4 users; the CSV export of "
        "100,000 customers in ≤ 1.5 s with a peak RSS ≤ 150 MB; from issue #12 the XLSX export "
        "of the same in ≤ 5 s, memory alike. ✓ means within budget, ✗ missed "
        "or not HTTP 200 with the expected content. An export's memory budget is judged on the "
        "serving worker's peak VmRSS; its RssAnon (the memory it allocated itself) is shown too. "
        "VmRSS would also count pages of the SQLite file if the app memory-mapped it (`PRAGMA "
        "mmap_size`); it no longer does, so the two differ by the shared libraries.",
        "The anchor is Dolibarr 23 (PHP-FPM with OPcache, MariaDB, all in memory) on this "
        "machine with the same volume (100,000 third parties, 150,000 contacts, 300,000 "
        'invoices): customer list p50 103 ms / p95 122 ms, search for "Müller" 193 / 208 ms, '
        "tag filter 60 / 87 ms, 13.8 requests/s with 4 users, CSV export of 60,000 customers "
        "7.7 s. Most of its list time is an exact `COUNT(*)` for the pager.",
    ]
    wrapped = (textwrap.fill(text, width=100, break_on_hyphens=False) for text in paragraphs)
    return TITLE + "\n\n" + "\n\n".join(wrapped) + "\n"


def _sections(text: str) -> dict[str, str]:
    """The level-2 sections of an existing report, by title."""
    found = {}
    for block in re.split(r"^(?=## )", text, flags=re.MULTILINE)[1:]:
        title = block.splitlines()[0][3:].strip()
        found[title] = block.rstrip() + "\n"
    return found


def document(runs: list[Run], previous: str) -> str:
    """The intro, a section per database (fresh or kept), then every hand-written section."""
    kept = _sections(previous)
    kept.setdefault(NEEDED, f"## {NEEDED}\n\n{NEEDED_PLACEHOLDER}\n")
    measured = {run.label: section(run) for run in runs}
    parts = [_intro()]
    for label in DATABASE_SECTIONS:
        if label in measured or label in kept:
            parts.append(measured.get(label) or kept[label])
    parts += [text for title, text in kept.items() if title not in DATABASE_SECTIONS]
    return "\n".join(parts)


def write(runs: list[Run], path: Path) -> None:
    previous = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(runs, previous), encoding="utf-8")
