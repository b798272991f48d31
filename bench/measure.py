"""The measurements: list requests (p50/p95), throughput with 4 users, and the two exports.

Every response's status is recorded and shown: a failing page must be visible in the table, not
hidden in an average. Every loop is bounded by a count and by a time limit.
"""

import html
import math
import re
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.client import Client
from bench.server import HOST

LIST = "/customers/"
CUSTOMER_LINK = r'href="/customers/\d+/"'
# The element the list's htmx links swap: the one that also pushes the URL, else the first.
_PUSHING_TARGET = re.compile(
    r'<[^>]*?(?:hx-target="#([\w-]+)"[^>]*?hx-push-url="true"|hx-push-url="true"[^>]*?'
    r'hx-target="#([\w-]+)")'
)
_ANY_TARGET = re.compile(r'hx-target="#([\w-]+)"')
_RESULT_LOCK = threading.Lock()


@dataclass(frozen=True)
class Settings:
    warmup: int
    repeats: int
    case_seconds: float  # stop a slow case early rather than run for ever
    users: int
    throughput_seconds: float
    export_repeats: int
    export_seconds: float


FULL = Settings(5, 50, 20, 4, 5, 3, 20)
QUICK = Settings(2, 15, 6, 4, 2, 1, 10)


@dataclass(frozen=True)
class Case:
    label: str
    path: str
    expect: str | None = CUSTOMER_LINK  # a regex a correct response contains
    headers: dict[str, str] = field(default_factory=dict)
    anchor: str = ""  # Dolibarr 23 on the same machine and volume, p50 / p95 ms
    budget: tuple[float, float] | None = None  # (p50, p95) ms where the issue sets its own


def _url(**params) -> str:
    return f"{LIST}?{urlencode(params)}" if params else LIST


def htmx_headers(client: Client) -> dict[str, str]:
    """The headers htmx sends when a filter link of the list is clicked.

    The view may answer with the fragment only when HX-Target names its results element, so the
    target is read from the page rather than assumed.
    """
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://{HOST}:{client.port}{LIST}"}
    page = client.get(LIST).body.decode("utf-8", "replace")
    found = _PUSHING_TARGET.search(page) or _ANY_TARGET.search(page)
    if found:
        headers["HX-Target"] = next(group for group in found.groups() if group)
    return headers


def list_cases(probes: dict, htmx: dict[str, str]) -> list[Case]:
    status, combined = probes["status_id"], probes["combined"]
    rare_name = probes["rare_term_name"]
    return [
        Case("First page", LIST, anchor="103 / 122"),
        Case(f"Status {probes['status_name']}", _url(status=status)),
        Case("Status class with number", _url(status="with_number")),
        Case("Letter M", _url(letter="M")),
        Case("Letter A (Ä folded in)", _url(letter="A")),
        Case("Letter # (digits, symbols)", _url(letter="#")),
        Case(f"Tag {probes['tag']}", _url(tag=probes["tag"]), anchor="60 / 87"),
        Case("Sort by city", _url(sort="city")),
        Case("Sort by number", _url(sort="number")),
        Case(
            "Status + letter + tag + search",
            _url(status=status, **combined),
            expect=CUSTOMER_LINK if probes["combined_count"] else None,
        ),
        Case(
            "Search rare: customer number",
            _url(q=probes["rare_number"]),
            expect=re.escape(probes["rare_number"]),
        ),
        Case(
            f"Search rare: {probes['rare_term']}",
            _url(q=probes["rare_term"]),
            expect=re.escape(html.escape(rare_name)) if rare_name else None,
        ),
        Case("Search common: müller", _url(q="müller"), anchor="193 / 208"),
        Case("Search common: gmbh", _url(q="gmbh")),
        Case("Page 1,000", _url(page=1000)),
        Case("htmx fragment (first page)", LIST, headers=htmx),
    ]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the samples lie."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Latency:
    case: Case
    statuses: Counter = field(default_factory=Counter)
    times: list[float] = field(default_factory=list)  # seconds, measured requests only
    size: int = 0
    content_ok: bool = True
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and set(self.statuses) == {200} and self.content_ok

    @property
    def p50_ms(self) -> float | None:
        return statistics.median(self.times) * 1000 if self.times else None

    @property
    def p95_ms(self) -> float | None:
        return percentile(self.times, 0.95) * 1000 if self.times else None


def _check(result: Latency, status: int, body: bytes) -> None:
    result.statuses[status] += 1
    result.size = len(body)
    expect = result.case.expect
    if status == 200 and expect and not re.search(expect, body.decode("utf-8", "replace")):
        result.content_ok = False


def measure_latency(client: Client, case: Case, settings: Settings) -> Latency:
    result = Latency(case)
    deadline = time.monotonic() + settings.case_seconds
    for number in range(settings.warmup + settings.repeats):
        try:
            response = client.get(case.path, case.headers)
        except OSError as exc:
            client.close()
            result.error = f"{type(exc).__name__}: {exc}"
            break
        _check(result, response.status, response.body)
        if number >= settings.warmup:
            result.times.append(response.seconds)
        if time.monotonic() > deadline and result.times:
            break
    return result


# --- Throughput ---------------------------------------------------------------------------------


@dataclass
class Throughput:
    path: str
    users: int
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    times: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def per_second(self) -> float:
        return self.statuses[200] / self.seconds if self.seconds else 0.0

    @property
    def ok(self) -> bool:
        return not self.error and set(self.statuses) == {200}


def _user_loop(
    client: Client, result: Throughput, start: threading.Barrier, seconds: float
) -> None:
    times, statuses = [], Counter()
    try:
        client.get(result.path)  # a warm connection, like a user who is already on the page
        start.wait()
        end = time.monotonic() + seconds
        for _request in range(100_000):
            if time.monotonic() >= end:
                break
            response = client.get(result.path)
            statuses[response.status] += 1
            times.append(response.seconds)
    except (OSError, threading.BrokenBarrierError) as exc:
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        client.close()
    with _RESULT_LOCK:
        result.times += times
        result.statuses.update(statuses)


def measure_throughput(port: int, cookies: dict, path: str, settings: Settings) -> Throughput:
    """Requests per second for `users` clients in parallel, each on its own connection."""
    result = Throughput(path, settings.users)
    start = threading.Barrier(settings.users + 1, timeout=60)
    seconds = settings.throughput_seconds
    threads = [
        threading.Thread(
            target=_user_loop, args=(Client(port, cookies), result, start, seconds), daemon=True
        )
        for _user in range(settings.users)
    ]
    for thread in threads:
        thread.start()
    try:
        start.wait()
    except threading.BrokenBarrierError:
        result.error = "the users did not get ready"
    began = time.monotonic()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    result.seconds = time.monotonic() - began
    return result
