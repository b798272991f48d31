"""The project explains itself from inside the repository (docs/architecture.md)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SOURCES = ("kundenakte", "templates", "static", "bench", "docs")
# Pointers at the design notes of the workspace the project was built in, not shipped with it.
OUTSIDE = re.compile(r"DESIGN\.md|\.\./shared/")


def our_files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "Makefile", ROOT / "pyproject.toml"]
    for folder in SOURCES:
        found += [
            path
            for path in (ROOT / folder).rglob("*")
            if path.suffix in {".py", ".html", ".js", ".css", ".md", ".txt"}
            and path.resolve() != Path(__file__).resolve()
        ]
    return found


def test_no_code_points_at_a_document_outside_the_repository():
    pointers = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in our_files()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OUTSIDE.search(line)
    ]
    assert pointers == []
