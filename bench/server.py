"""gunicorn serving the app on 127.0.0.1, and the memory of its worker processes."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.databases import REPO

HOST = "127.0.0.1"
WORKERS = 2
THREADS = 4
START_TIMEOUT = 60
STOP_TIMEOUT = 10


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master with gthread workers; a context manager that always stops it."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env, self.log_path = env, log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def description(self) -> str:
        return f"{WORKERS} workers × {THREADS} threads, gthread"

    def __enter__(self) -> "Gunicorn":
        command = [sys.executable, "-m", "gunicorn", "kundenakte.wsgi:application"]
        command += ["--bind", f"{HOST}:{self.port}", "--workers", str(WORKERS)]
        command += ["--threads", str(THREADS), "--worker-class", "gthread"]
        command += ["--keep-alive", "30", "--timeout", "300", "--graceful-timeout", "5"]
        command += ["--log-level", "warning", "--error-logfile", "-"]
        log = self.log_path.open("w")
        # Own session: Ctrl-C reaches only us, and we stop gunicorn in order in __exit__.
        self.process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        log.close()
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self._log_tail()}")
            if len(self.worker_pids()) == WORKERS and _accepts(self.port):
                return
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start within {START_TIMEOUT} s; see {self.log_path}")

    def _log_tail(self, lines: int = 15) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:]) + f"\n(full log: {self.log_path})"

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(STOP_TIMEOUT)

    def worker_pids(self) -> list[int]:
        return _children(self.process.pid) if self.process else []


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def _children(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may contain spaces; the fields after it do not.
        if int(stat.rpartition(")")[2].split()[1]) == parent:
            pids.append(int(entry.name))
    return pids


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM and RssAnon of a process in kB; zeros once it is gone."""
    wanted = {"VmRSS": 0, "VmHWM": 0, "RssAnon": 0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _colon, value = line.partition(":")
            if key in wanted:
                wanted[key] = int(value.split()[0])
    except OSError:
        pass
    return wanted
