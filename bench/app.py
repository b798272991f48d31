"""Running the app's own commands against a bench database, each in a subprocess.

Django configures one database per process, so everything that touches a bench database
(migrate, the generator, gunicorn) runs in a child process whose environment names it.
"""

import json
import os
import secrets
import subprocess
import sys
import time

from bench.databases import DATA_DIR, REPO, Target, fingerprint, read_marker, reset

# Generous upper bounds, so a hung child can never stall the benchmark for ever.
MIGRATE_TIMEOUT = 600
GENERATE_TIMEOUT = 1200
SECRET_KEY = secrets.token_urlsafe(40)


def app_env(target: Target, static_root: str) -> dict[str, str]:
    """Production settings (DEBUG off) on plain HTTP, with the bench database and static root."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=target.url,
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        KUNDENAKTE_DATA_DIR=str(DATA_DIR),
        BENCH_STATIC_ROOT=static_root,
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: int = MIGRATE_TIMEOUT) -> None:
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=REPO, env=env, check=True, timeout=timeout)


def collect_static(static_root: str) -> None:
    # The manifest storage of DEBUG=0 needs collected files even though whitenoise serves them.
    env = app_env(Target("none", "none", "sqlite://:memory:"), static_root)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def prepare(target: Target, *, customers: int, seed: int, regenerate: bool, password: str) -> dict:
    """Make the bench database current (reusing cached data when it matches) and return probes."""
    env = app_env(target, static_root="")
    wanted = fingerprint(customers=customers, seed=seed)
    fill = regenerate or read_marker(target) != wanted
    if fill:
        print(f"{target.label}: generating {customers:,} customers (seed {seed}) …", flush=True)
        reset(target)
    else:
        print(f"{target.label}: reusing the data set {wanted}", flush=True)
    started = time.monotonic()
    # Always migrate: a cached database still gets the indexes and columns added since.
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    print(f"{target.label}: migrated in {time.monotonic() - started:.1f} s", flush=True)
    command = [sys.executable, "-m", "bench.generate", "--customers", str(customers)]
    command += ["--seed", str(seed), "--fingerprint", wanted] + (["--fill"] if fill else [])
    env["BENCH_PASSWORD"] = password
    done = subprocess.run(
        command, cwd=REPO, env=env, check=True, timeout=GENERATE_TIMEOUT, stdout=subprocess.PIPE
    )
    probes = json.loads(done.stdout.decode().strip().splitlines()[-1])
    probes["generated"] = fill
    probes["fingerprint"] = wanted
    return probes
