"""One phase of the import benchmark in a process of its own, so that its peak memory is its
own: `python -m bench.import_phase preview FILE` or `apply RUN_ID`, or `files DIR CUSTOMERS`
to write the benchmark's files. Prints one JSON line."""

import json
import resource
import sys
import time

import django


def main(argv: list[str]) -> int:
    django.setup()
    from kundenakte.imports import services
    from kundenakte.imports.analysis import analyse
    from kundenakte.imports.applying import apply
    from kundenakte.imports.models import ImportRun

    if argv[0] == "files":
        print(json.dumps(_files(argv[1], int(argv[2]))), flush=True)
        return 0
    phase, argument = argv
    started, cpu = time.perf_counter(), time.process_time()
    if phase == "preview":
        with open(argument, "rb") as handle:
            content = handle.read()
        run = services.import_create(user=None, file_name=argument, content=content)
        run.duplicates = ImportRun.Duplicates.UPDATE
        run.save(update_fields=["duplicates"])
        analyse(run)
    else:
        run = ImportRun.objects.get(pk=int(argument))
        run.state = ImportRun.State.APPLYING
        run.save(update_fields=["state"])
        apply(run, user=None)
    seconds = time.perf_counter() - started
    # Without the file: loading it back would add its own 100 MB to the phase's peak on PostgreSQL.
    run = ImportRun.objects.defer("content").get(pk=run.pk)
    result = {
        "run": run.pk,
        "state": run.state,
        "message": run.message,
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "rows": run.progress_total,
        "counts": [
            run.new_count,
            run.updated_count,
            run.unchanged_count,
            run.duplicate_count,
            run.error_count,
        ],
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(result), flush=True)
    return 0


def _files(directory: str, customers: int) -> dict:
    from pathlib import Path

    from bench.import_file import customer_file, update_file

    folder = Path(directory)
    full, update = folder / f"import-{customers}.csv", folder / f"import-update-{customers}.csv"
    counts = customer_file(full, customers=customers, seed=1)
    counts["update_rows"] = update_file(full, update, rows=min(10_000, customers // 10), seed=1)
    return {"full": str(full), "update": str(update), **counts}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
