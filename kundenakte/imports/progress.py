"""How far the preview or the import of a run has come, readable while it runs.

The import writes in one transaction, so a progress count saved on the run would stay invisible
to the web process until the end. It goes to a cache every process shares instead: the cache
alias "progress" (settings.CACHES), Redis or Memcached when CACHE_URL is set, else files in a
directory of the machine, which the web process and the worker on one machine both see.
"""

from collections.abc import Callable

from django.core.cache import caches

from kundenakte.imports.models import ImportRun

ALIAS = "progress"
TIMEOUT = 24 * 3600


def _key(run_id: int) -> str:
    return f"import-progress-{run_id}"


def report(run: ImportRun, done: int, total: int) -> None:
    caches[ALIAS].set(_key(run.pk), (done, total), TIMEOUT)


def reporter(run: ImportRun) -> Callable[[int, int], None]:
    return lambda done, total: report(run, done, total)


def clear(run: ImportRun) -> None:
    caches[ALIAS].delete(_key(run.pk))


def current(run: ImportRun) -> tuple[int, int]:
    """(done, total) rows of the running phase; the stored figures once it has ended."""
    if run.state in (ImportRun.State.ANALYSING, ImportRun.State.APPLYING):
        found = caches[ALIAS].get(_key(run.pk))
        if found is not None:
            return int(found[0]), int(found[1])
        return 0, run.progress_total
    return run.progress_done, run.progress_total
