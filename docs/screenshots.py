"""Take the README's screenshots: demo data in a throwaway database, served by runserver.

.venv/bin/python docs/screenshots.py [out-dir]
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PORT = "8765"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = [
    ("login", "/login/", False),
    ("customer-list", "/customers/", True),
    ("customer-list-filtered", "/customers/?letter=M&status=with_number", True),
    ("customer-detail", None, True),
    ("customer-form", "/customers/new/", True),
    ("customer-history", None, True),
    ("invoices", "/documents/invoices/", True),
    ("invoice", None, True),
    ("tasks", "/tasks/?scope=all", True),
    ("settings", "/settings/", True),
    ("statuses", "/settings/statuses/", True),
]


def _env(data_dir: str) -> dict:
    return {**os.environ, "DEBUG": "1", "KUNDENAKTE_DATA_DIR": data_dir, "DATABASE_URL": ""}


def _serve(env: dict) -> subprocess.Popen:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    for command in ("load_demo", "load_demo_documents"):
        subprocess.run([*manage, command, "--if-empty"], env=env, check=True)
    server = subprocess.Popen([*manage, "runserver", PORT, "--noreload"], env=env)
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/login/")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("runserver did not come up")


def _shoot(out: Path) -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(
            base_url=f"http://127.0.0.1:{PORT}",
            locale="de-DE",
            viewport={"width": 1366, "height": 860},
        )
        page.goto("/login/")
        page.screenshot(path=out / "login.png")
        page.fill("#id_username", "demo")
        page.fill("#id_password", "demo")
        page.click("button[type=submit]")
        page.wait_for_url("**/customers/")
        page.goto("/customers/?q=m%C3%BCller")
        detail = page.locator("table tbody a[href^='/customers/']").first.get_attribute("href")
        page.goto("/documents/invoices/?status=issued")
        invoice = page.locator("table tbody a[href^='/documents/']").first.get_attribute("href")
        derived = {
            "customer-detail": detail,
            "customer-history": f"{detail}history/",
            "invoice": invoice,
        }
        for name, url, _login in PAGES[1:]:
            url = url or derived[name]
            page.goto(url)
            page.screenshot(path=out / f"{name}.png", full_page=True)
        browser.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        server = _serve(_env(data_dir))
        try:
            _shoot(out)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
