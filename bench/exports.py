"""Exporting all customers as CSV and XLSX: wall time and the serving worker's peak memory.

While the export streams, a thread samples the memory of every gunicorn worker every 10 ms. VmHWM
(the kernel's own high-water mark) catches a spike between two samples, but it counts since the
worker started, so it is used only when it rose during this request.

The budget ("peak RSS") is judged on VmRSS. RssAnon, the memory the worker allocated itself, is
reported too; VmRSS adds the shared libraries and would add the pages of the SQLite file if the
app memory-mapped it (PRAGMA mmap_size, off since the export's budget counted them).
"""

import io
import statistics
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.client import Client
from bench.server import memory_kb

SAMPLE_INTERVAL = 0.01
EXPORT_TIMEOUT = 300
CSV_BOM = b"\xef\xbb\xbf"
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Export:
    label: str
    path: str
    budget_seconds: float | None
    budget_mb: float | None
    anchor: str = ""


EXPORTS = (
    Export("CSV export, all customers", "/customers/export.csv", 1.5, 150, "7.7 s (60,000)"),
    # Issue #12: under 5 s; memory bounded like the CSV's.
    Export("XLSX export, all customers", "/customers/export.xlsx", 5.0, 150),
)


@dataclass
class Memory:
    """Peak memory of the worker that served a request, in kB."""

    rss: int = 0  # VmRSS: includes the pages of a memory-mapped SQLite file
    private: int = 0  # RssAnon: what the process itself allocated
    idle_private: int = 0


@dataclass
class ExportResult:
    export: Export
    status: int | None = None
    times: list[float] = field(default_factory=list)
    size: int = 0
    rows: int | None = None
    memory: Memory = field(default_factory=Memory)
    problem: str = ""

    @property
    def available(self) -> bool:
        return self.status == 200 and bool(self.times)

    @property
    def seconds(self) -> float | None:
        return statistics.median(self.times) if self.times else None


class MemorySampler:
    """Samples every worker's memory while a request runs; see the module docstring."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.before = {pid: memory_kb(pid) for pid in pids}
        self.rss = {pid: self.before[pid]["VmRSS"] for pid in pids}
        self.private = {pid: self.before[pid]["RssAnon"] for pid in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for pid in self.pids:
            now = memory_kb(pid)
            self.rss[pid] = max(self.rss[pid], now["VmRSS"])
            self.private[pid] = max(self.private[pid], now["RssAnon"])

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_INTERVAL):
            self._sample()

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sample()
        for pid in self.pids:
            hwm = memory_kb(pid)["VmHWM"]
            if hwm > self.before[pid]["VmHWM"]:
                self.rss[pid] = max(self.rss[pid], hwm)

    def peak(self) -> Memory:
        """The worker whose own memory grew most: the one that served the request."""
        pid = max(self.pids, key=lambda p: self.private[p] - self.before[p]["RssAnon"])
        return Memory(self.rss[pid], self.private[pid], self.before[pid]["RssAnon"])


class _Counter:
    """Counts bytes and lines of a streamed body without keeping it (except an XLSX, whose rows
    can only be counted once the whole zip is there)."""

    def __init__(self, keep: bool = False) -> None:
        self.size, self.newlines, self.head, self.last = 0, 0, b"", b""
        self.body = io.BytesIO() if keep else None

    def __call__(self, chunk: bytes) -> None:
        if self.body is not None:
            self.body.write(chunk)
        if self.size == 0:
            self.head = chunk[:8]
        self.size += len(chunk)
        # LF, not CRLF: a CRLF split across two chunks would be missed.
        self.newlines += chunk.count(b"\n")
        self.last = chunk[-1:]

    @property
    def lines(self) -> int:
        return self.newlines + (1 if self.last and self.last != b"\n" else 0)


def _check_body(export: Export, counter: _Counter, result: ExportResult, expected: int) -> None:
    if export.path.endswith(".csv"):
        result.rows = max(counter.lines - 1, 0)  # minus the header row
        if not counter.head.startswith(CSV_BOM):
            result.problem = "no UTF-8 BOM"
        elif result.rows != expected:
            result.problem = f"{result.rows:,} rows, expected {expected:,}"
    elif not counter.head.startswith(XLSX_MAGIC) or counter.body is None:
        result.problem = "not an XLSX (zip) file"
    else:
        try:
            result.rows = _xlsx_rows(counter.body) - 1  # minus the header row
        except (zipfile.BadZipFile, KeyError) as exc:
            result.problem = f"not a readable XLSX: {exc}"
        else:
            if result.rows != expected:
                result.problem = f"{result.rows:,} rows, expected {expected:,}"


def _xlsx_rows(body: io.BytesIO) -> int:
    """The <row> elements of the first worksheet, read in pieces (a row never holds the
    text "<row ", which would be escaped)."""
    rows, tail = 0, b""
    with zipfile.ZipFile(body) as archive, archive.open("xl/worksheets/sheet1.xml") as sheet:
        while piece := sheet.read(1 << 20):
            rows += (tail + piece).count(b"<row ")
            tail = piece[-4:]
    return rows


def _once(client: Client, export: Export, pids: list[int], result: ExportResult, expected: int):
    counter = _Counter(keep=export.path.endswith(".xlsx"))
    with MemorySampler(pids) as sampler:
        response = client.get(export.path, sink=counter)
    result.status = response.status
    if response.status != 200:
        return
    result.times.append(response.seconds)
    result.size = counter.size
    memory = sampler.peak()
    if memory.private > result.memory.private:
        result.memory = memory
    _check_body(export, counter, result, expected)


def measure_export(
    port: int,
    cookies: dict,
    export: Export,
    pids: Callable[[], list[int]],
    settings,
    expected_rows: int,
) -> ExportResult:
    """Run the export up to `export_repeats` times (fewer when slow); median time, max peak."""
    result = ExportResult(export)
    client = Client(port, cookies, timeout=EXPORT_TIMEOUT)
    deadline = time.monotonic() + settings.export_seconds
    try:
        for _run in range(settings.export_repeats):
            _once(client, export, pids(), result, expected_rows)
            if result.status != 200 or time.monotonic() > deadline:
                break
    except OSError as exc:
        result.problem = f"{type(exc).__name__}: {exc}"
    finally:
        client.close()
    return result
