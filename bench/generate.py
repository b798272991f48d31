"""The generator subprocess: fill the bench database if asked, then print the probes as JSON.

bench/__main__.py runs it with DATABASE_URL pointing at the (already migrated) bench database;
Django can serve only one configured database per process, hence a process per database.

    python -m bench.generate --customers 100000 --seed 1 --fingerprint v1-… [--fill]
"""

import argparse
import json
import os

import django


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate")
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--fingerprint", required=True)
    parser.add_argument("--fill", action="store_true", help="generate into an empty database")
    args = parser.parse_args(argv)
    django.setup()
    # Models can be imported only once Django is set up.
    from bench import dataset, probes

    if args.fill:
        dataset.fill(size=args.customers, seed=args.seed, fingerprint=args.fingerprint)
    probes.ensure_user(os.environ["BENCH_PASSWORD"])
    print(json.dumps(probes.probes()))


if __name__ == "__main__":
    main()
